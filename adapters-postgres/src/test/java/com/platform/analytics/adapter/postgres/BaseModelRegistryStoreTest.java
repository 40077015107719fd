package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.domain.ml.TensorType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model registry store's contract against a real PostgreSQL, whoever runs the server: each mode's test extends
 * this with its own migrated store.
 */
abstract class BaseModelRegistryStoreTest {
    /** Microseconds at most: PostgreSQL keeps no finer time. */
    static final Instant T0 = Instant.parse("2026-03-15T06:00:00.123456Z");

    static final ModelSignature SIGNATURE = new ModelSignature(List.of(
            new ModelInput("dense", TensorType.FLOAT, List.of("recency", "frequency")),
            new ModelInput("platform", TensorType.STRING, List.of("platform"))),
            List.of(new ModelOutput("label", TensorType.INT64, List.of()),
                    new ModelOutput("probabilities", TensorType.FLOAT, List.of("retained", "churned"))));

    protected abstract PostgresMetadata metadata();

    private PostgresModelRegistryStore store;

    @BeforeEach
    void emptyTables() throws Exception {
        store = new PostgresModelRegistryStore(metadata().dataSource());
        try (Connection c = metadata().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM ml_model_stage_changes");
            s.execute("DELETE FROM ml_model_metadata");
        }
    }

    /** A version with every field set, its JSON values in the form the domain's Json reads them back. */
    static ModelVersion version(String name, String version, ModelStage stage, Instant createdAt) {
        return new ModelVersion(UUID.randomUUID(), name, version, ModelFormat.ONNX, "Отток игроков «14 дней»",
                "Churn in 14 days, \"quoted\"", "tribuo-logistic-sgd",
                Json.parseObject("{\"epochs\":5,\"learning_rate\":0.05,\"loss\":\"log\",\"classes\":[\"a\",\"b\"],"
                        + "\"nested\":{\"x\":null,\"ok\":true}}"),
                "warehouse:features_churn@2026-03-14",
                Json.parseObject("{\"auc\":0.8123,\"log_loss\":0.41,\"holdout_rows\":1200}"),
                ModelVersion.artifactKey(name, version, ModelFormat.ONNX), stage, SIGNATURE, "svc-trainer",
                createdAt.minusSeconds(600), createdAt, createdAt);
    }

    static StageChange registration(ModelVersion v) {
        return new StageChange(v.id(), v.name(), v.version(), null, v.stage(), v.registeredBy(), "registered",
                v.createdAt());
    }

    private ModelVersion inserted(String name, String version, ModelStage stage, Instant createdAt) {
        ModelVersion v = version(name, version, stage, createdAt);
        store.insert(v, registration(v));
        return v;
    }

    static StageChange move(ModelVersion v, ModelStage from, ModelStage to, Instant at) {
        return new StageChange(v.id(), v.name(), v.version(), from, to, "alice", "because " + to.wireName(), at);
    }

    @Test
    void roundTripsEveryField() {
        ModelVersion v = version("churn", "1.0.0", ModelStage.DEVELOPMENT, T0);
        store.insert(v, registration(v));

        ModelVersion read = store.find(v.id()).orElseThrow();

        assertThat(read).isEqualTo(v);
        assertThat(read.performanceMetrics().get("auc")).isEqualTo(new java.math.BigDecimal("0.8123"));
        assertThat(store.find("churn", "1.0.0")).contains(v);
        assertThat(store.find("churn", "1.0.1")).isEmpty();
        assertThat(store.find(UUID.randomUUID())).isEmpty();
        assertThat(store.history("churn")).containsExactly(registration(v));
    }

    @Test
    void roundTripsTheOptionalFieldsLeftOutAndABuiltInFormat() {
        ModelVersion v = new ModelVersion(UUID.randomUUID(), "sales", "1", ModelFormat.FORECAST, null, null, null,
                Map.of(), null, Map.of(), ModelVersion.artifactKey("sales", "1", ModelFormat.FORECAST),
                ModelStage.DEVELOPMENT, new ModelSignature(List.of(new ModelInput("h", TensorType.INT64, List.of("horizon"))),
                        List.of()), "alice", null, T0, T0);
        store.insert(v, registration(v));

        assertThat(store.find(v.id())).contains(v);
    }

    @Test
    void refusesAnExistingNameAndVersionWithConflictKeepingTheFirst() {
        ModelVersion first = inserted("churn", "1", ModelStage.DEVELOPMENT, T0);
        ModelVersion again = version("churn", "1", ModelStage.DEVELOPMENT, T0.plusSeconds(1));

        assertThatThrownBy(() -> store.insert(again, registration(again)))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.detail()).contains("'churn'", "'1' already");
                });

        assertThat(store.list(Optional.empty(), Optional.empty())).containsExactly(first);
        // the refused registration's change was rolled back with it
        assertThat(store.history("churn")).containsExactly(registration(first));
    }

    @Test
    void listsNewestFirstFilteredByNameAndStage() {
        ModelVersion c1 = inserted("churn", "1", ModelStage.DEVELOPMENT, T0);
        ModelVersion f1 = inserted("fraud", "1", ModelStage.STAGING, T0.plusSeconds(1));
        ModelVersion c2 = inserted("churn", "2", ModelStage.STAGING, T0.plusSeconds(2));
        ModelVersion c3 = inserted("churn", "3", ModelStage.DEVELOPMENT, T0.plusSeconds(3));

        assertThat(store.list(Optional.empty(), Optional.empty())).containsExactly(c3, c2, f1, c1);
        assertThat(store.list(Optional.of("churn"), Optional.empty())).containsExactly(c3, c2, c1);
        assertThat(store.list(Optional.empty(), Optional.of(ModelStage.STAGING))).containsExactly(c2, f1);
        assertThat(store.list(Optional.of("churn"), Optional.of(ModelStage.STAGING))).containsExactly(c2);
        assertThat(store.list(Optional.of("churn"), Optional.of(ModelStage.PRODUCTION))).isEmpty();
        assertThat(store.list(Optional.of("ch%"), Optional.empty())).isEmpty();
    }

    @Test
    void appliesAPromotionAndFindsTheProductionVersion() {
        ModelVersion v1 = inserted("churn", "1", ModelStage.DEVELOPMENT, T0);
        ModelVersion v2 = inserted("churn", "2", ModelStage.STAGING, T0.plusSeconds(1));
        Instant t1 = T0.plusSeconds(60);
        assertThat(store.production("churn")).isEmpty();

        assertThat(store.apply(List.of(move(v1, ModelStage.DEVELOPMENT, ModelStage.PRODUCTION, t1)))).isTrue();
        assertThat(store.production("churn")).contains(v1.withStage(ModelStage.PRODUCTION, t1));

        Instant t2 = T0.plusSeconds(120);
        assertThat(store.apply(List.of(move(v1, ModelStage.PRODUCTION, ModelStage.ARCHIVED, t2),
                move(v2, ModelStage.STAGING, ModelStage.PRODUCTION, t2)))).isTrue();

        assertThat(store.production("churn")).contains(v2.withStage(ModelStage.PRODUCTION, t2));
        assertThat(store.find(v1.id())).contains(v1.withStage(ModelStage.ARCHIVED, t2));
        assertThat(store.production("fraud")).isEmpty();
    }

    @Test
    void appliesNothingWhenAVersionLeftItsExpectedStage() {
        ModelVersion v1 = inserted("churn", "1", ModelStage.PRODUCTION, T0);
        ModelVersion v2 = inserted("churn", "2", ModelStage.DEVELOPMENT, T0.plusSeconds(1));
        Instant t1 = T0.plusSeconds(60);

        // the first change would apply; the second expects v2 in staging, where it is not
        assertThat(store.apply(List.of(move(v1, ModelStage.PRODUCTION, ModelStage.ARCHIVED, t1),
                move(v2, ModelStage.STAGING, ModelStage.PRODUCTION, t1)))).isFalse();

        assertThat(store.find(v1.id())).contains(v1);
        assertThat(store.find(v2.id())).contains(v2);
        assertThat(store.history("churn")).containsExactly(registration(v1), registration(v2));
        // an unknown version is no longer anywhere either
        ModelVersion ghost = version("churn", "9", ModelStage.DEVELOPMENT, T0);
        assertThat(store.apply(List.of(move(ghost, ModelStage.DEVELOPMENT, ModelStage.STAGING, t1)))).isFalse();
    }

    @Test
    void keepsOneProductionVersionPerName() {
        ModelVersion v1 = inserted("churn", "1", ModelStage.PRODUCTION, T0);
        ModelVersion v2 = inserted("churn", "2", ModelStage.DEVELOPMENT, T0.plusSeconds(1));
        inserted("fraud", "1", ModelStage.PRODUCTION, T0.plusSeconds(2));

        // a promotion decided on a stale read (it did not archive v1): refused as a concurrent change, nothing applied
        assertThat(store.apply(List.of(move(v2, ModelStage.DEVELOPMENT, ModelStage.PRODUCTION, T0.plusSeconds(60)))))
                .isFalse();
        assertThat(store.production("churn")).contains(v1);
        assertThat(store.find(v2.id())).contains(v2);

        ModelVersion v3 = version("churn", "3", ModelStage.PRODUCTION, T0.plusSeconds(3));
        assertThatThrownBy(() -> store.insert(v3, registration(v3))).isInstanceOfSatisfying(AnalyticsException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.detail()).contains("has a production version already");
                });
        assertThatThrownBy(() -> execute("UPDATE ml_model_metadata SET deployment_status = 'production' WHERE id = '"
                + v2.id() + "'")).isInstanceOf(SQLException.class).hasMessageContaining("ml_model_metadata_one_production");
    }

    @Test
    void letsOneOfTwoConcurrentPromotionsWin() throws Exception {
        ModelVersion v1 = inserted("churn", "1", ModelStage.PRODUCTION, T0);
        ModelVersion v2 = inserted("churn", "2", ModelStage.STAGING, T0.plusSeconds(1));
        ModelVersion v3 = inserted("churn", "3", ModelStage.STAGING, T0.plusSeconds(2));
        Instant t1 = T0.plusSeconds(60);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Boolean> a = pool.submit(() -> {
                start.await();
                return store.apply(List.of(move(v1, ModelStage.PRODUCTION, ModelStage.ARCHIVED, t1),
                        move(v2, ModelStage.STAGING, ModelStage.PRODUCTION, t1)));
            });
            Future<Boolean> b = pool.submit(() -> {
                start.await();
                return store.apply(List.of(move(v1, ModelStage.PRODUCTION, ModelStage.ARCHIVED, t1),
                        move(v3, ModelStage.STAGING, ModelStage.PRODUCTION, t1)));
            });
            start.countDown();
            boolean aWon = a.get(30, TimeUnit.SECONDS);
            boolean bWon = b.get(30, TimeUnit.SECONDS);

            assertThat(aWon ^ bWon).as("exactly one wins: %s %s", aWon, bWon).isTrue();
            ModelVersion winner = aWon ? v2 : v3;
            ModelVersion loser = aWon ? v3 : v2;
            assertThat(store.production("churn")).contains(winner.withStage(ModelStage.PRODUCTION, t1));
            assertThat(store.find(loser.id())).contains(loser);
            assertThat(store.history("churn")).hasSize(5);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void keepsTheHistoryOldestFirstInRecordingOrder() {
        ModelVersion v1 = inserted("churn", "1", ModelStage.DEVELOPMENT, T0);
        ModelVersion v2 = inserted("churn", "2", ModelStage.DEVELOPMENT, T0.plusSeconds(5));
        inserted("fraud", "1", ModelStage.DEVELOPMENT, T0.plusSeconds(1));
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        StageChange promoteV1 = move(v1, ModelStage.DEVELOPMENT, ModelStage.PRODUCTION, t1);
        // one instant for both: the order they were applied in is kept
        StageChange archiveV1 = move(v1, ModelStage.PRODUCTION, ModelStage.ARCHIVED, t2);
        StageChange promoteV2 = move(v2, ModelStage.DEVELOPMENT, ModelStage.PRODUCTION, t2);
        assertThat(store.apply(List.of(promoteV1))).isTrue();
        assertThat(store.apply(List.of(archiveV1, promoteV2))).isTrue();
        StageChange noReason = new StageChange(v2.id(), "churn", "2", ModelStage.PRODUCTION, ModelStage.ARCHIVED,
                "bob", null, t2.plus(Duration.ofMillis(1)));
        assertThat(store.apply(List.of(noReason))).isTrue();

        assertThat(store.history("churn")).containsExactly(registration(v1), registration(v2), promoteV1, archiveV1,
                promoteV2, noReason);
        assertThat(store.history("fraud")).hasSize(1);
        assertThat(store.history("nothing")).isEmpty();
    }

    @Test
    void refusesAChangeWithoutTheStageItLeaves() {
        ModelVersion v1 = inserted("churn", "1", ModelStage.DEVELOPMENT, T0);
        assertThatThrownBy(() -> store.apply(List.of(registration(v1)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.apply(List.of())).isTrue();
    }

    private void execute(String statement) throws SQLException {
        try (Connection c = metadata().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
