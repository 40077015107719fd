/**
 * The REST API (spec 3.1) on Vert.x Web: routes under {@code /api/v1/analytics}, described by the hand-written
 * OpenAPI 3.1 document {@code openapi.json} (served at {@code /api/v1/analytics/openapi.json}; JSON request bodies
 * are checked against it), the spec's error format for every failure, a request id, an access log line, operational
 * metrics and a trace span per request. Use cases run on worker threads, never on the event loop. Vert.x types
 * (and vertx-openapi's) stay inside this package.
 */
package com.platform.analytics.adapter.http;
