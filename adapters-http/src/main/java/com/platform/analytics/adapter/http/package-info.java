/**
 * The REST API (spec 3.1) on Vert.x Web: routes under {@code /api/v1/analytics}, the spec's error format for
 * every failure, a request id and an access log line per request. Use cases run on worker threads, never on
 * the event loop. Vert.x types stay inside this package.
 */
package com.platform.analytics.adapter.http;
