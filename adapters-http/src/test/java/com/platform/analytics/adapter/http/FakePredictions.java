package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.port.in.PredictionUseCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts with the registry fake's versions: the instances are validated by the version's signature as the real
 * service does, and each instance's {@code score} is the sum of its numeric features (so a test can tell that its
 * values arrived). A model whose algorithm is {@code "broken"} fails as a model failing in its runtime would.
 */
final class FakePredictions implements PredictionUseCase {
    private final FakeModelRegistry registry;
    final List<String> callers = new ArrayList<>();
    final List<String> threads = new ArrayList<>();

    FakePredictions(FakeModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public PredictionResult predict(Principal caller, String modelNameOrId, List<?> instances) {
        synchronized (this) {
            callers.add(caller.subject());
            threads.add(Thread.currentThread().getName());
        }
        ModelVersion model = registry.model(modelNameOrId);
        List<InputBatch> batches = model.signature().validate(instances, "/instances");
        if ("broken".equals(model.algorithm())) {
            throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "the runtime failed: tensor shape mismatch");
        }
        List<Map<String, Object>> predictions = new ArrayList<>();
        int rows = batches.get(0).rows();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (InputBatch b : batches) {
                if (b.numbers() != null) {
                    for (int c = 0; c < b.width(); c++) {
                        sum += b.numbers()[r * b.width() + c];
                    }
                }
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("score", sum);
            p.put("probabilities", Map.of("churned", 0.25, "retained", 0.75));
            predictions.add(p);
        }
        return new PredictionResult(model.id(), model.name(), model.version(), predictions);
    }
}
