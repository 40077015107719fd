/**
 * The artifact form of the built-in models: a fitted model written to a JSON-able {@link java.util.Map} (plain
 * lists, numbers, strings, as {@link com.platform.analytics.domain.json.Json} writes and reads them) so that the
 * registry can store it as a file and serving can rebuild exactly the same model from it.
 */
package com.platform.analytics.domain.ml.artifact;
