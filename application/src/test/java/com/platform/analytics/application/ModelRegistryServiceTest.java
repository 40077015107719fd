package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ModelRegistryServiceTest {
    static final Instant T0 = Instant.parse("2026-03-15T06:00:00Z");
    static final Principal ALICE = new Principal("alice", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty());
    static final Principal BOB = new Principal("bob", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty());

    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(T0);
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final SummingModelRuntime runtime = new SummingModelRuntime(clock);
    private final ModelRegistryService registry = new ModelRegistryService(store, runtime, objects, clock);

    static ModelRegistration onnx(String name, String version, byte[] artifact, ModelSignature signature) {
        return new ModelRegistration(name, version, ModelFormat.ONNX, "модель", "a model", "sgd", Map.of("epochs", 5L),
                Map.of("auc", 0.81), "features/churn/2026-03-14", T0.minusSeconds(3600), signature, artifact);
    }

    private ModelVersion registered(String name, String version) {
        clock.advance(Duration.ofSeconds(1));
        return registry.register(ALICE, onnx(name, version, SummingModelRuntime.model(1, 2), null));
    }

    private static void refused(ThrowingCallable call, ErrorCode code, String pointer, String... detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (pointer != null) {
                assertThat(e.pointer()).contains(pointer);
            }
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void registersAnOnnxModelInDevelopmentWithTheArtifactsOwnSignature() {
        ModelVersion v = registry.register(ALICE, onnx("churn", "1.0", SummingModelRuntime.model(2, 3), null));

        assertThat(v.stage()).isEqualTo(ModelStage.DEVELOPMENT);
        assertThat(v.signature()).isEqualTo(SummingModelRuntime.signatureOf(3));
        assertThat(v.artifactPath()).isEqualTo("ml_models/model_name=churn/version=1.0/model.onnx");
        assertThat(objects.get(v.artifactPath())).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("model:2.0:3"));
        assertThat(v.registeredBy()).isEqualTo("alice");
        assertThat(v.createdAt()).isEqualTo(T0);
        assertThat(v.performanceMetrics()).containsEntry("auc", 0.81);
        assertThat(store.find(v.id())).contains(v);
        assertThat(registry.history("churn")).containsExactly(
                new StageChange(v.id(), "churn", "1.0", null, ModelStage.DEVELOPMENT, "alice", "registered", T0));
    }

    @Test
    void keepsTheFeatureNamesOfAGivenSignatureThatAgreesWithTheArtifact() {
        ModelSignature named = new ModelSignature(
                List.of(new ModelInput("x", TensorType.FLOAT, List.of("recency", "frequency"))), List.of());

        ModelVersion v = registry.register(ALICE, onnx("churn", "1", SummingModelRuntime.model(1, 2), named));

        assertThat(v.signature().featureNames()).containsExactly("recency", "frequency");
        // no outputs given: the artifact's are taken
        assertThat(v.signature().outputs()).extracting(ModelOutput::name).containsExactly("score");
    }

    @Test
    void refusesASignatureThatDisagreesWithTheArtifact() {
        byte[] artifact = SummingModelRuntime.model(1, 2);
        refused(() -> registry.register(ALICE, onnx("churn", "1", artifact, new ModelSignature(
                List.of(new ModelInput("x", TensorType.FLOAT, List.of("a", "b", "c"))), List.of()))),
                ErrorCode.INVALID_REQUEST_BODY, "/signature/inputs/0", "2 columns", "3 features");
        refused(() -> registry.register(ALICE, onnx("churn", "1", artifact, new ModelSignature(
                List.of(new ModelInput("x", TensorType.INT64, List.of("a", "b"))), List.of()))),
                ErrorCode.INVALID_REQUEST_BODY, "/signature/inputs/0", "holds float, not int64");
        refused(() -> registry.register(ALICE, onnx("churn", "1", artifact, new ModelSignature(
                List.of(new ModelInput("dense", TensorType.FLOAT, List.of("a", "b"))), List.of()))),
                ErrorCode.INVALID_REQUEST_BODY, "/signature/inputs/0", "no input 'dense'", "'x'");
        refused(() -> registry.register(ALICE, onnx("churn", "1", artifact, new ModelSignature(
                List.of(new ModelInput("x", TensorType.FLOAT, List.of("a", "b"))),
                List.of(new ModelOutput("probabilities", TensorType.DOUBLE, List.of()))))),
                ErrorCode.INVALID_REQUEST_BODY, "/signature/outputs/0", "no output 'probabilities'");
        refused(() -> registry.register(ALICE, onnx("churn", "1", artifact, new ModelSignature(
                List.of(new ModelInput("x", TensorType.FLOAT, List.of("a", "b"))),
                List.of(new ModelOutput("score", TensorType.DOUBLE, List.of("no", "yes")))))),
                ErrorCode.INVALID_REQUEST_BODY, "/signature/outputs/0", "one value per instance", "2 labels");
        refused(() -> registry.register(ALICE, onnx("churn", "1", "not a model".getBytes(StandardCharsets.UTF_8), null)),
                ErrorCode.INVALID_REQUEST_BODY, "/artifact", "not a model");
        // nothing of the refused registrations is kept
        assertThat(store.list(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(objects.list("ml_models/")).isEmpty();
    }

    @Test
    void refusesBadNamesAndVersionsAndNonOnnxFormats() {
        byte[] artifact = SummingModelRuntime.model(1, 2);
        refused(() -> registry.register(ALICE, onnx("Churn", "1", artifact, null)), ErrorCode.INVALID_REQUEST_BODY,
                "/name", "'Churn'");
        refused(() -> registry.register(ALICE, onnx("churn", "../1", artifact, null)), ErrorCode.INVALID_REQUEST_BODY,
                "/version", "'../1'");
        ModelRegistration forecast = new ModelRegistration("sales", "1", ModelFormat.FORECAST, null, null, null,
                Map.of(), Map.of(), null, null, SummingModelRuntime.signatureOf(1), "{}".getBytes(StandardCharsets.UTF_8));
        refused(() -> registry.register(ALICE, forecast), ErrorCode.INVALID_REQUEST_BODY, "/format",
                "only ONNX", "forecast, item_similarity, isolation_forest", "registered by their trainers");
        ModelRegistration longAlgorithm = new ModelRegistration("churn", "1", ModelFormat.ONNX, null, null, "a".repeat(101),
                Map.of(), Map.of(), null, null, null, artifact);
        refused(() -> registry.register(ALICE, longAlgorithm), ErrorCode.INVALID_REQUEST_BODY, "/algorithm", "100");
        ModelRegistration longRef = new ModelRegistration("churn", "1", ModelFormat.ONNX, null, null, null,
                Map.of(), Map.of(), "s3://" + "x".repeat(1020), null, null, artifact);
        refused(() -> registry.register(ALICE, longRef), ErrorCode.INVALID_REQUEST_BODY, "/trainingDatasetRef", "1024");
        assertThat(objects.list("")).isEmpty();
    }

    @Test
    void registersABuiltInFormatWithTheTrainersSignature() {
        ModelRegistration forecast = new ModelRegistration("sales", "1", ModelFormat.FORECAST, null, null, "ets",
                Map.of(), Map.of("mape", 0.08), null, null, SummingModelRuntime.signatureOf(1),
                "{\"alpha\":0.3}".getBytes(StandardCharsets.UTF_8));

        ModelVersion v = registry.registerBuiltIn(ALICE, forecast);

        assertThat(v.format()).isEqualTo(ModelFormat.FORECAST);
        assertThat(v.artifactPath()).isEqualTo("ml_models/model_name=sales/version=1/model.json");
        assertThat(objects.get(v.artifactPath())).isPresent();
        ModelRegistration unsigned = new ModelRegistration("sales", "2", ModelFormat.FORECAST, null, null, "ets",
                Map.of(), Map.of(), null, null, null, "{}".getBytes(StandardCharsets.UTF_8));
        refused(() -> registry.registerBuiltIn(ALICE, unsigned), ErrorCode.INVALID_REQUEST_BODY, "/signature",
                "needs its signature");
        // an ONNX built-in (the churn trainer's export) is inspected like any other
        refused(() -> registry.registerBuiltIn(ALICE, onnx("churn", "1", new byte[] {1}, null)),
                ErrorCode.INVALID_REQUEST_BODY, "/artifact", "not a model");
    }

    @Test
    void refusesAnExistingVersionWithoutTouchingItsArtifact() {
        ModelVersion first = registered("churn", "1");

        refused(() -> registry.register(BOB, onnx("churn", "1", SummingModelRuntime.model(9, 2), null)),
                ErrorCode.CONFLICT, "/version", "'churn' has a version '1' already");

        assertThat(objects.get(first.artifactPath())).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("model:1.0:2"));
        assertThat(registry.models(Optional.of("churn"), Optional.empty())).containsExactly(first);
    }

    @Test
    void writesTheArtifactBeforeTheRow() {
        FlakyStore failing = new FlakyStore(objects);
        ModelRegistryService withFailingObjects = new ModelRegistryService(store, runtime, failing, clock);

        assertThatThrownBy(() -> withFailingObjects.register(ALICE, onnx("churn", "1", SummingModelRuntime.model(1, 2), null)))
                .hasMessageContaining("disk full");

        assertThat(store.list(Optional.empty(), Optional.empty())).isEmpty();
    }

    /** An object store whose writes fail. */
    private static final class FlakyStore implements com.platform.analytics.port.out.ObjectStore {
        private final InMemoryObjectStore delegate;

        FlakyStore(InMemoryObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String key, byte[] content) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "disk full");
        }

        @Override
        public Optional<byte[]> get(String key) {
            return delegate.get(key);
        }

        @Override
        public List<String> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }
    }

    @Test
    void promotionArchivesThePreviousProductionVersionInOneApplyAndEvictsIt() {
        ModelVersion v1 = registered("churn", "1");
        ModelVersion v2 = registered("churn", "2");
        registry.changeStage(ALICE, v1.id(), ModelStage.PRODUCTION, "first");
        assertThat(runtime.evicted).isEmpty();
        int applies = store.applyCalls;

        clock.advance(Duration.ofMinutes(1));
        ModelVersion promoted = registry.changeStage(BOB, v2.id(), ModelStage.PRODUCTION, "better auc");

        assertThat(store.applyCalls).isEqualTo(applies + 1);
        assertThat(promoted.stage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(promoted.updatedAt()).isEqualTo(clock.instant());
        assertThat(registry.model("churn").id()).isEqualTo(v2.id());
        assertThat(store.find(v1.id()).orElseThrow().stage()).isEqualTo(ModelStage.ARCHIVED);
        assertThat(runtime.evicted).containsExactly(v1.id());
        List<StageChange> history = registry.history("churn");
        assertThat(history).hasSize(5);
        assertThat(history.subList(3, 5)).containsExactly(
                new StageChange(v1.id(), "churn", "1", ModelStage.PRODUCTION, ModelStage.ARCHIVED, "bob",
                        "replaced by version 2: better auc", clock.instant()),
                new StageChange(v2.id(), "churn", "2", ModelStage.DEVELOPMENT, ModelStage.PRODUCTION, "bob",
                        "better auc", clock.instant()));
        assertThat(registry.models(Optional.of("churn"), Optional.of(ModelStage.PRODUCTION)))
                .extracting(ModelVersion::id).containsExactly(v2.id());
    }

    @Test
    void walksTheStageOrder() {
        ModelVersion v = registered("churn", "1");
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.STAGING, null).stage()).isEqualTo(ModelStage.STAGING);
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.DEVELOPMENT, null).stage()).isEqualTo(ModelStage.DEVELOPMENT);
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.STAGING, null).stage()).isEqualTo(ModelStage.STAGING);
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.PRODUCTION, null).stage()).isEqualTo(ModelStage.PRODUCTION);
        // explicitly archived: the name has no production version then, and the runtime lets the session go
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.ARCHIVED, "retired").stage()).isEqualTo(ModelStage.ARCHIVED);
        assertThat(runtime.evicted).containsExactly(v.id());
        refused(() -> registry.model("churn"), ErrorCode.ML_MODEL_NOT_FOUND, null, "has versions but none in production");
        // re-promoted from the archive
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.PRODUCTION, null).stage()).isEqualTo(ModelStage.PRODUCTION);
        // the same stage again changes nothing and records nothing
        int recorded = registry.history("churn").size();
        assertThat(registry.changeStage(ALICE, v.id(), ModelStage.PRODUCTION, null).stage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(registry.history("churn")).hasSize(recorded);
    }

    @Test
    void refusesMovesTheStageOrderDoesNotAllow() {
        ModelVersion v = registered("churn", "1");
        registry.changeStage(ALICE, v.id(), ModelStage.PRODUCTION, null);
        refused(() -> registry.changeStage(ALICE, v.id(), ModelStage.STAGING, null), ErrorCode.INVALID_REQUEST_BODY,
                "/stage", "a version in production can move to archived; not to staging");
        refused(() -> registry.changeStage(ALICE, v.id(), ModelStage.DEVELOPMENT, null), ErrorCode.INVALID_REQUEST_BODY,
                "/stage", "not to development");
        refused(() -> registry.changeStage(ALICE, v.id(), ModelStage.FAILED, null), ErrorCode.INVALID_REQUEST_BODY,
                "/stage", "not to failed");

        ModelVersion bad = registered("churn", "2");
        registry.changeStage(ALICE, bad.id(), ModelStage.FAILED, "auc 0.49");
        for (ModelStage to : List.of(ModelStage.DEVELOPMENT, ModelStage.STAGING, ModelStage.PRODUCTION)) {
            refused(() -> registry.changeStage(ALICE, bad.id(), to, null), ErrorCode.INVALID_REQUEST_BODY, "/stage",
                    "a version in failed can move to archived; not to " + to.wireName());
        }
        registry.changeStage(ALICE, bad.id(), ModelStage.ARCHIVED, null);
        refused(() -> registry.changeStage(ALICE, bad.id(), ModelStage.DEVELOPMENT, null), ErrorCode.INVALID_REQUEST_BODY,
                "/stage", "a version in archived can move to staging, production; not to development");
        refused(() -> registry.changeStage(ALICE, UUID.randomUUID(), ModelStage.STAGING, null),
                ErrorCode.ML_MODEL_NOT_FOUND, null, "no model version has the id");
        assertThat(registry.model("churn").id()).isEqualTo(v.id());
    }

    @Test
    void retriesAPromotionThatLostARaceReadingTheStoreAgain() {
        ModelVersion v1 = registered("churn", "1");
        ModelVersion v2 = registered("churn", "2");
        ModelVersion v3 = registered("churn", "3");
        registry.changeStage(ALICE, v1.id(), ModelStage.PRODUCTION, null);
        // another instance promotes v2 between this one's read and its apply
        store.beforeNextApply(() -> {
            store.force(v1.id(), ModelStage.ARCHIVED);
            store.force(v2.id(), ModelStage.PRODUCTION);
        });
        int applies = store.applyCalls;

        registry.changeStage(BOB, v3.id(), ModelStage.PRODUCTION, null);

        assertThat(store.applyCalls).isEqualTo(applies + 2);
        assertThat(store.production("churn").orElseThrow().id()).isEqualTo(v3.id());
        assertThat(store.find(v2.id()).orElseThrow().stage()).isEqualTo(ModelStage.ARCHIVED);
        // the second attempt archived the version that was really in production then
        assertThat(registry.history("churn")).last().satisfies(c -> assertThat(c.modelId()).isEqualTo(v3.id()));
        assertThat(runtime.evicted).containsExactly(v2.id());
    }

    @Test
    void givesUpWithConflictWhenEveryAttemptLosesItsRace() {
        registered("churn", "1");
        ModelVersion v2 = registered("churn", "2");
        // before every apply another instance moves v2 between development and staging
        store.beforeEveryApply(() -> store.force(v2.id(),
                store.find(v2.id()).orElseThrow().stage() == ModelStage.DEVELOPMENT ? ModelStage.STAGING : ModelStage.DEVELOPMENT));
        int applies = store.applyCalls;

        refused(() -> registry.changeStage(ALICE, v2.id(), ModelStage.PRODUCTION, null), ErrorCode.CONFLICT, null,
                "kept changing concurrently");

        assertThat(store.applyCalls).isEqualTo(applies + ModelRegistryService.STAGE_CHANGE_ATTEMPTS);
        assertThat(store.production("churn")).isEmpty();
        assertThat(registry.history("churn")).hasSize(2);
    }

    @Test
    void rollbackRestoresTheVersionThatWasInProductionBeforeInOneApply() {
        ModelVersion v1 = registered("churn", "1");
        ModelVersion v2 = registered("churn", "2");
        ModelVersion v3 = registered("churn", "3");
        registry.changeStage(ALICE, v1.id(), ModelStage.PRODUCTION, null);
        registry.changeStage(ALICE, v2.id(), ModelStage.PRODUCTION, null);
        registry.changeStage(ALICE, v3.id(), ModelStage.PRODUCTION, null);
        runtime.evicted.clear();
        int applies = store.applyCalls;

        clock.advance(Duration.ofHours(1));
        ModelVersion restored = registry.rollback(BOB, "churn", "v3 drifts");

        assertThat(store.applyCalls).isEqualTo(applies + 1);
        assertThat(restored.id()).isEqualTo(v2.id());
        assertThat(restored.stage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(registry.model("churn").id()).isEqualTo(v2.id());
        assertThat(store.find(v3.id()).orElseThrow().stage()).isEqualTo(ModelStage.ARCHIVED);
        assertThat(runtime.evicted).containsExactly(v3.id());
        List<StageChange> history = registry.history("churn");
        assertThat(history.subList(history.size() - 2, history.size())).containsExactly(
                new StageChange(v3.id(), "churn", "3", ModelStage.PRODUCTION, ModelStage.ARCHIVED, "bob",
                        "rolled back to version 2: v3 drifts", clock.instant()),
                new StageChange(v2.id(), "churn", "2", ModelStage.ARCHIVED, ModelStage.PRODUCTION, "bob",
                        "rollback from version 3: v3 drifts", clock.instant()));
    }

    @Test
    void rollbackSkipsAnEarlierProductionVersionThatLeftTheArchive() {
        ModelVersion v1 = registered("churn", "1");
        ModelVersion v2 = registered("churn", "2");
        ModelVersion v3 = registered("churn", "3");
        registry.changeStage(ALICE, v1.id(), ModelStage.PRODUCTION, null);
        registry.changeStage(ALICE, v2.id(), ModelStage.PRODUCTION, null);
        registry.changeStage(ALICE, v3.id(), ModelStage.PRODUCTION, null);
        // v2 was taken out of the archive for more testing: it is not brought back behind its owner's back
        registry.changeStage(ALICE, v2.id(), ModelStage.STAGING, null);

        assertThat(registry.rollback(BOB, "churn", null).id()).isEqualTo(v1.id());
    }

    @Test
    void rollbackNeedsAProductionVersionAndOneBeforeIt() {
        refused(() -> registry.rollback(ALICE, "churn", null), ErrorCode.ML_MODEL_NOT_FOUND, null,
                "'churn' has no production version");
        ModelVersion v1 = registered("churn", "1");
        registry.changeStage(ALICE, v1.id(), ModelStage.PRODUCTION, null);
        refused(() -> registry.rollback(ALICE, "churn", null), ErrorCode.ML_MODEL_NOT_FOUND, null,
                "no production version before version 1");
        assertThat(registry.model("churn").id()).isEqualTo(v1.id());
    }

    @Test
    void findsAVersionByIdOrANameByItsProductionVersion() {
        ModelVersion v1 = registered("churn", "1");
        ModelVersion failed = registered("churn", "2");
        registry.changeStage(ALICE, failed.id(), ModelStage.FAILED, null);

        assertThat(registry.model(v1.id().toString())).isEqualTo(v1);
        assertThat(registry.model(v1.id().toString().toUpperCase(java.util.Locale.ROOT)).id()).isEqualTo(v1.id());
        // the registry shows a failed version; only predictions refuse it
        assertThat(registry.model(failed.id().toString()).stage()).isEqualTo(ModelStage.FAILED);
        refused(() -> registry.model("churn"), ErrorCode.ML_MODEL_NOT_FOUND, null,
                "model 'churn' has versions but none in production");
        refused(() -> registry.model("fraud"), ErrorCode.ML_MODEL_NOT_FOUND, null, "no model is named 'fraud'");
        refused(() -> registry.model("Fraud Model"), ErrorCode.ML_MODEL_NOT_FOUND, null, "no model is named 'Fraud Model'");
        UUID unknown = UUID.randomUUID();
        refused(() -> registry.model(unknown.toString()), ErrorCode.ML_MODEL_NOT_FOUND, null, unknown.toString());
        registry.changeStage(ALICE, v1.id(), ModelStage.PRODUCTION, null);
        assertThat(registry.model("churn")).isEqualTo(store.find(v1.id()).orElseThrow());
        refused(() -> registry.history("fraud"), ErrorCode.ML_MODEL_NOT_FOUND, null, "'fraud'");
    }

    @Test
    void listsNewestFirstByNameAndStage() {
        ModelVersion c1 = registered("churn", "1");
        ModelVersion f1 = registered("fraud", "1");
        ModelVersion c2 = registered("churn", "2");
        registry.changeStage(ALICE, c1.id(), ModelStage.STAGING, null);

        assertThat(registry.models(Optional.empty(), Optional.empty())).extracting(ModelVersion::id)
                .containsExactly(c2.id(), f1.id(), c1.id());
        assertThat(registry.models(Optional.of("churn"), Optional.empty())).extracting(ModelVersion::id)
                .containsExactly(c2.id(), c1.id());
        assertThat(registry.models(Optional.of("churn"), Optional.of(ModelStage.STAGING))).extracting(ModelVersion::id)
                .containsExactly(c1.id());
    }
}
