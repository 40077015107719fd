package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.in.PredictionUseCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Knows the model {@code churn} (production version 2.0, also by its id) with the features {@code recency_days}
 * (float) and {@code platform} (string), validated by its signature as the real service does; each instance's
 * {@code score} is {@code recency_days / 100} and its {@code probabilities} a struct. {@code broken} fails as a model
 * failing in its runtime would; {@code slow} waits until released (for deadlines).
 */
final class FakePredictions implements PredictionUseCase {
    static final UUID CHURN_ID = UUID.fromString("7b0c43a2-52b4-4d41-8f0e-1c1f3b8f2a11");
    static final ModelSignature CHURN = new ModelSignature(
            List.of(new ModelInput("numbers", TensorType.FLOAT, List.of("recency_days")),
                    new ModelInput("categories", TensorType.STRING, List.of("platform"))),
            List.of(new ModelOutput("score", TensorType.FLOAT, List.of())));

    final List<String> callers = new ArrayList<>();
    final List<Integer> batchSizes = new ArrayList<>();
    final CountDownLatch releaseSlow = new CountDownLatch(1);

    @Override
    public PredictionResult predict(Principal caller, String modelNameOrId, List<?> instances) {
        synchronized (this) {
            callers.add(caller.subject());
            batchSizes.add(instances.size());
        }
        switch (modelNameOrId) {
            case "broken" -> throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "onnxruntime: bad tensor at node 7");
            case "slow" -> {
                try {
                    releaseSlow.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new PredictionResult(UUID.randomUUID(), "slow", "1", List.of());
            }
            default -> {
                if (!modelNameOrId.equals("churn") && !modelNameOrId.equals(CHURN_ID.toString())) {
                    throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model " + modelNameOrId);
                }
            }
        }
        List<InputBatch> batches = CHURN.validate(instances, "/instances");
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int r = 0; r < batches.get(0).rows(); r++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("score", batches.get(0).numbers()[r] / 100);
            p.put("label", batches.get(1).strings()[r].equals("pc") ? "retained" : "churned");
            p.put("probabilities", Map.of("churned", 0.25, "retained", 0.75));
            predictions.add(p);
        }
        return new PredictionResult(CHURN_ID, "churn", "2.0", predictions);
    }
}
