package com.platform.analytics.domain.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelVersionTest {
    private static final Instant T0 = Instant.parse("2026-03-15T06:00:00Z");
    private static final ModelSignature SIGNATURE = new ModelSignature(
            List.of(new ModelInput("x", TensorType.FLOAT, List.of("a", "b"))), List.of());

    private static ModelVersion version(String name, String version) {
        return new ModelVersion(UUID.randomUUID(), name, version, ModelFormat.ONNX, "ru", "en", "sgd",
                Map.of("epochs", 5L), "features/churn", Map.of("auc", 0.8),
                ModelVersion.artifactKey(name, version, ModelFormat.ONNX), ModelStage.DEVELOPMENT, SIGNATURE, "alice",
                null, T0, T0);
    }

    @Test
    void acceptsLowerCaseNamesAndDottedVersions() {
        assertThat(ModelVersion.validName("churn")).isTrue();
        assertThat(ModelVersion.validName("churn_v2-ab")).isTrue();
        assertThat(ModelVersion.validName("a" + "b".repeat(127))).isTrue();
        assertThat(ModelVersion.validVersion("1.0.3")).isTrue();
        assertThat(ModelVersion.validVersion("2026-03-15_rc1")).isTrue();
        assertThat(ModelVersion.validVersion("V" + "1".repeat(49))).isTrue();
    }

    @Test
    void refusesNamesAndVersionsThatCouldNotBeAPathSegment() {
        for (String bad : new String[] {"", "Churn", "1churn", "_churn", "churn/x", "churn x", "../x", "churn=1",
                "a" + "b".repeat(128)}) {
            assertThat(ModelVersion.validName(bad)).as(bad).isFalse();
        }
        assertThat(ModelVersion.validName(null)).isFalse();
        for (String bad : new String[] {"", ".1", "-1", "1/2", "1 2", "..", "v=1", "1".repeat(51)}) {
            assertThat(ModelVersion.validVersion(bad)).as(bad).isFalse();
        }
        assertThat(ModelVersion.validVersion(null)).isFalse();
        assertThatThrownBy(() -> version("Churn", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Churn'");
        assertThatThrownBy(() -> version("churn", "1/2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1/2'");
    }

    @Test
    void keepsArtifactsUnderTheSpecsPrefixWithTheFormatsFileName() {
        assertThat(ModelVersion.artifactKey("churn", "3", ModelFormat.ONNX))
                .isEqualTo("ml_models/model_name=churn/version=3/model.onnx");
        assertThat(ModelVersion.artifactKey("sales_forecast", "2026.03.15", ModelFormat.FORECAST))
                .isEqualTo("ml_models/model_name=sales_forecast/version=2026.03.15/model.json");
    }

    @Test
    void changesStageKeepingEverythingElse() {
        ModelVersion v = version("churn", "1");
        Instant later = T0.plusSeconds(60);

        ModelVersion promoted = v.withStage(ModelStage.PRODUCTION, later);

        assertThat(promoted.stage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(promoted.updatedAt()).isEqualTo(later);
        assertThat(promoted.createdAt()).isEqualTo(T0);
        assertThat(promoted.withStage(ModelStage.DEVELOPMENT, T0)).isEqualTo(v);
    }

    @Test
    void copiesItsMaps() {
        java.util.HashMap<String, Object> metrics = new java.util.HashMap<>(Map.of("auc", 0.8));
        ModelVersion v = new ModelVersion(UUID.randomUUID(), "churn", "1", ModelFormat.ONNX, null, null, null, Map.of(),
                null, metrics, "k", ModelStage.DEVELOPMENT, SIGNATURE, "alice", null, T0, T0);
        metrics.put("auc", 0.1);
        assertThat(v.performanceMetrics()).containsEntry("auc", 0.8);
        assertThatThrownBy(() -> v.performanceMetrics().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsStagesAndFormatsByWireName() {
        assertThat(ModelStage.fromWire("production")).contains(ModelStage.PRODUCTION);
        assertThat(ModelStage.fromWire("PRODUCTION")).isEmpty();
        assertThat(ModelFormat.fromWire("forecast")).contains(ModelFormat.FORECAST);
        assertThat(ModelFormat.fromWire("pickle")).isEmpty();
        assertThat(TensorType.fromWire("int64")).contains(TensorType.INT64);
    }
}
