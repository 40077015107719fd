package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.port.out.ModelFeatures;
import com.platform.analytics.port.out.ObjectStore;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fraud model's day for {@link ModelDriftMonitor}: the day's payment rows and their payment-forest scores. */
public final class FraudDriftSource implements DriftSource {
    private final ModelFeatures features;
    private final ObjectStore objects;

    public FraudDriftSource(ModelFeatures features, ObjectStore objects) {
        this.features = requireNonNull(features, "features is null");
        this.objects = requireNonNull(objects, "objects is null");
    }

    @Override
    public String modelName() {
        return FraudModelTraining.MODEL_NAME;
    }

    @Override
    public Optional<Sample> day(ModelVersion version, DriftBaselines.Baselines baselines, LocalDate day) {
        List<PaymentFeatureRow> rows = features.paymentRows(day, day);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        FraudScoresModel model = FraudScoresModel.fromArtifact(objects.get(version.artifactPath()).orElseThrow(
                () -> new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "the artifact of model '" + version.name()
                        + "' version " + version.version() + " is missing at " + version.artifactPath())));
        List<String> names = PaymentFeatureRow.FEATURES;
        double[][] columns = new double[names.size()][rows.size()];
        double[] scores = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] values = rows.get(r).values();
            for (int f = 0; f < names.size(); f++) {
                columns[f][r] = values[f];
            }
            scores[r] = model.payment().score(values);
        }
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (int f = 0; f < names.size(); f++) {
            byName.put(names.get(f), columns[f]);
        }
        return Optional.of(new Sample(byName, scores));
    }
}
