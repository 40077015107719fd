/**
 * ArchUnit rules that keep the hexagon's dependency direction (adapters -> ports -> core-domain), keep
 * adapters apart and every library inside its adapter.
 */
package com.platform.analytics.arch;
