/**
 * The demo's synthetic game-store platform: a deterministic generator of the platform's CloudEvents
 * (users registering, logging in, browsing, buying, refunding, playing, reviewing) for the {@code demo}
 * command, tests and benchmarks.
 */
package com.platform.analytics.bootstrap.demo;
