package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves {@link ModelFormat#ISOLATION_FOREST} versions (the {@code fraud_scores} model, {@link FraudScoresModel}):
 * each instance is a payment's features by name, the answer {@code {"score": s, "anomalous": s >= threshold}} from
 * the payment forest. The instances are checked against the version's signature first, so a missing, unknown or
 * non-numeric feature is refused naming {@code /instances/<i>/<feature>}.
 *
 * <p>Parsed artifacts are kept per version id (a version's artifact never changes), the {@value #CACHED} most recently
 * used.
 */
public final class IsolationForestScorer implements BuiltInScorer {
    static final int CACHED = 16;

    private final ParsedArtifacts<FraudScoresModel> models = new ParsedArtifacts<>(CACHED);

    @Override
    public ModelFormat format() {
        return ModelFormat.ISOLATION_FOREST;
    }

    @Override
    public List<Map<String, Object>> score(ModelVersion version, Supplier<byte[]> artifact, List<?> instances) {
        requireNonNull(version, "version is null");
        requireNonNull(artifact, "artifact is null");
        requireNonNull(instances, "instances is null");
        if (version.format() != ModelFormat.ISOLATION_FOREST) {
            throw new IllegalArgumentException("version " + version.id() + " is " + version.format().wireName());
        }
        List<InputBatch> batches = version.signature().validate(instances, "/instances");
        FraudScoresModel.Part part = model(version, artifact).payment();
        InputBatch batch = batches.get(0);
        if (batches.size() != 1 || batch.width() != part.features().size()
                || !version.signature().featureNames().equals(part.features())) {
            // the registry took the trainer's signature as given: a mismatch is the model's fault, not the request's
            throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model '" + version.name() + "' version "
                    + version.version() + " has the signature features " + version.signature().featureNames()
                    + " but its forest reads " + part.features());
        }
        List<Map<String, Object>> answers = new ArrayList<>(batch.rows());
        double[] numbers = batch.numbers();
        for (int r = 0; r < batch.rows(); r++) {
            double[] row = new double[batch.width()];
            System.arraycopy(numbers, r * batch.width(), row, 0, batch.width());
            double score = part.score(row);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("score", score);
            answer.put("anomalous", part.anomalous(score));
            answers.add(answer);
        }
        return answers;
    }

    private FraudScoresModel model(ModelVersion version, Supplier<byte[]> artifact) {
        return models.get(version.id(), () -> {
            try {
                return FraudScoresModel.fromArtifact(artifact.get());
            } catch (IllegalArgumentException e) {
                throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "the artifact of model '" + version.name()
                        + "' version " + version.version() + " cannot be read: " + e.getMessage(), null, null, e);
            }
        });
    }
}
