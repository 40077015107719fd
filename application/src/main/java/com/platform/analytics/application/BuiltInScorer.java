package com.platform.analytics.application;

import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelVersion;
import java.util.List;
import java.util.Map;

/**
 * Serves one built-in model format (the JSON of fitted parameters, scored by the domain's own code) for the
 * prediction service, as ONNX Runtime serves ONNX. A copy of the extension point the built-in serving work defines;
 * the shape is the same.
 */
public interface BuiltInScorer {
    ModelFormat format();

    /**
     * Scores instances (JSON objects of feature values) with a version of this format.
     *
     * @param artifact the version's artifact as stored
     * @return one JSON-ready answer per instance, in order
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_REQUEST_BODY} with the pointer
     *     {@code /instances/<i>/<feature>} for an instance the model cannot take
     */
    List<Map<String, Object>> score(ModelVersion version, byte[] artifact, List<?> instances);
}
