/**
 * The executable and its wiring: configuration, the Guice modules that pick adapters, the lifecycle, and the
 * commands ({@code serve}, {@code ingest}, {@code demo}, {@code generate}).
 */
package com.platform.analytics.bootstrap;
