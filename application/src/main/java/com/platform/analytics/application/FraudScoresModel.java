package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.anomaly.IsolationForestModel;
import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The artifact of the {@code fraud_scores} model: two isolation forests, one over a payment's features and one over a
 * user's ({@link FraudFeatures}), each with its feature list and the score from which it is called anomalous.
 */
public record FraudScoresModel(Part payment, Part user) {
    static final String ARTIFACT_KIND = "fraud-scores";
    static final long ARTIFACT_FORMAT = 1;

    public FraudScoresModel {
        requireNonNull(payment, "payment is null");
        requireNonNull(user, "user is null");
    }

    /** One forest, the features it reads (in order) and its threshold. */
    public record Part(List<String> features, IsolationForestModel forest, double threshold) {
        public Part {
            features = List.copyOf(features);
            requireNonNull(forest, "forest is null");
            if (forest.features() != features.size()) {
                throw new IllegalArgumentException("the forest reads " + forest.features() + " features, "
                        + features.size() + " are named");
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("an isolation-forest threshold lies in (0, 1], was " + threshold);
            }
        }

        public double score(double[] values) {
            return forest.score(values);
        }

        public boolean anomalous(double score) {
            return score >= threshold;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("features", features);
            json.put("threshold", threshold);
            json.put("forest", forest.toArtifact());
            return json;
        }

        static Part fromJson(String name, Object element) {
            ArtifactFields fields = ArtifactFields.nested(ARTIFACT_KIND, element);
            List<String> features = new ArrayList<>();
            for (Object f : fields.list("features")) {
                if (!(f instanceof String s)) {
                    throw new IllegalArgumentException(ARTIFACT_KIND + " artifact: " + name + " names a feature " + f);
                }
                features.add(s);
            }
            return new Part(features, IsolationForestModel.fromArtifact(fields.object("forest")),
                    fields.number("threshold"));
        }
    }

    public byte[] toArtifact() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", ARTIFACT_KIND);
        json.put("format", ARTIFACT_FORMAT);
        json.put("payment", payment.toJson());
        json.put("user", user.toJson());
        return ArtifactFields.bytes(json);
    }

    /** @throws IllegalArgumentException naming what is wrong with the artifact */
    public static FraudScoresModel fromArtifact(byte[] artifact) {
        requireNonNull(artifact, "artifact is null");
        ArtifactFields fields = ArtifactFields.open(artifact, ARTIFACT_KIND, ARTIFACT_FORMAT);
        return new FraudScoresModel(Part.fromJson("payment", fields.object("payment")),
                Part.fromJson("user", fields.object("user")));
    }
}
