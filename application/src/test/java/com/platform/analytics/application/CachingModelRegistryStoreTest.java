package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.port.out.ModelRegistryStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry reads a prediction makes, remembered a moment, forgotten at once by this process's own changes. */
class CachingModelRegistryStoreTest {
    private final InMemoryModelRegistry backing = new InMemoryModelRegistry();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ModelRegistryStore counting = new ModelRegistryStore() {
        @Override
        public void insert(ModelVersion version, StageChange registration) {
            backing.insert(version, registration);
        }

        @Override
        public Optional<ModelVersion> find(UUID id) {
            reads.incrementAndGet();
            return backing.find(id);
        }

        @Override
        public Optional<ModelVersion> find(String name, String version) {
            return backing.find(name, version);
        }

        @Override
        public List<ModelVersion> list(Optional<String> name, Optional<ModelStage> stage) {
            return backing.list(name, stage);
        }

        @Override
        public Optional<ModelVersion> production(String name) {
            reads.incrementAndGet();
            return backing.production(name);
        }

        @Override
        public boolean apply(List<StageChange> changes) {
            return backing.apply(changes);
        }

        @Override
        public List<StageChange> history(String name) {
            return backing.history(name);
        }
    };
    private final CachingModelRegistryStore store = new CachingModelRegistryStore(counting, Duration.ofSeconds(1), nanos::get);
    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(ModelRegistryServiceTest.T0);
    private final ModelRegistryService registry = new ModelRegistryService(store, new SummingModelRuntime(clock),
            new InMemoryObjectStore(), clock);

    private ModelVersion register(String version) {
        return registry.register(ModelRegistryServiceTest.ALICE, ModelRegistryServiceTest.onnx("churn", version,
                SummingModelRuntime.model(1, 2), null));
    }

    @Test
    void aPromotionHereIsServedAtOnceAndAnotherInstancesWithinTheTtl() {
        ModelVersion first = register("1");
        ModelVersion second = register("2");
        registry.changeStage(ModelRegistryServiceTest.ALICE, first.id(), ModelStage.PRODUCTION, "first");

        reads.set(0);
        for (int i = 0; i < 5; i++) {
            assertThat(store.production("churn")).map(ModelVersion::id).contains(first.id());
            assertThat(store.find(first.id())).isPresent();
        }
        assertThat(reads.get()).as("one read of each, then remembered").isEqualTo(2);

        // promoted through this store: forgotten at once
        registry.changeStage(ModelRegistryServiceTest.ALICE, second.id(), ModelStage.PRODUCTION, "better");
        assertThat(store.production("churn")).map(ModelVersion::id).contains(second.id());
        assertThat(store.find(first.id())).map(ModelVersion::stage).contains(ModelStage.ARCHIVED);

        // promoted by another instance (straight in the backing store): seen once the moment has passed
        ModelRegistryService elsewhere = new ModelRegistryService(counting, new SummingModelRuntime(clock),
                new InMemoryObjectStore(), clock);
        elsewhere.changeStage(ModelRegistryServiceTest.ALICE, first.id(), ModelStage.PRODUCTION, "rolled back elsewhere");
        assertThat(store.production("churn")).map(ModelVersion::id).contains(second.id());
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(store.production("churn")).map(ModelVersion::id).contains(second.id());
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(store.production("churn")).map(ModelVersion::id).contains(first.id());
    }

    @Test
    void anAbsentProductionIsRememberedTooAndARegistrationForgetsIt() {
        assertThat(store.production("churn")).isEmpty();
        assertThat(store.production("churn")).isEmpty();
        assertThat(reads.get()).isEqualTo(1);
        register("1");
        assertThat(store.production("churn")).isEmpty();
        assertThat(reads.get()).as("the registration forgot the absence").isEqualTo(2);
    }
}
