package com.platform.analytics.adapter.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session cache: one load per version, evictions that wait for the requests using a session. */
class OnnxModelRuntimeSessionsTest {
    private static final float[] OLD = {1f, 0f, 0f};
    private static final float[] NEW = {0f, 1f, 0f};

    private final OnnxModelRuntime runtime = new OnnxModelRuntime();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final ModelSignature signature = runtime.inspect(OnnxModels.logisticRegression(OLD, 0f));

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        runtime.close();
    }

    @Test
    void loadsAVersionOnceEvenWhenItsFirstRequestsComeTogether() throws Exception {
        CountingArtifact artifact = new CountingArtifact(OnnxModels.logisticRegression(OLD, 0f));
        UUID version = UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Double>> logits = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            logits.add(threads.submit(() -> {
                start.await();
                return logit(version, artifact, 2.5);
            }));
        }
        start.countDown();
        for (Future<Double> logit : logits) {
            assertThat(logit.get(30, TimeUnit.SECONDS)).isEqualTo(2.5);
        }
        assertThat(logit(version, artifact, 1)).isEqualTo(1.0);

        assertThat(artifact.fetches()).isEqualTo(1);
    }

    @Test
    void reloadsAnEvictedVersionOnItsNextRequest() {
        CountingArtifact artifact = new CountingArtifact(OnnxModels.logisticRegression(OLD, 0f));
        UUID version = UUID.randomUUID();
        logit(version, artifact, 1);

        runtime.evict(version);
        runtime.evict(version); // evicting twice, or a version never loaded, is harmless
        runtime.evict(UUID.randomUUID());

        assertThat(logit(version, artifact, 3)).isEqualTo(3.0);
        assertThat(artifact.fetches()).isEqualTo(2);
    }

    @Test
    void keepsTheSessionOfARequestThatRunsWhileItsVersionIsEvicted() throws Exception {
        UUID version = UUID.randomUUID();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch evicted = new CountDownLatch(1);
        byte[] model = OnnxModels.logisticRegression(OLD, 0f);
        // the request holds the version (it is loading it) while the eviction comes
        Supplier<byte[]> slowArtifact = () -> {
            loading.countDown();
            await(evicted);
            return model;
        };
        Future<Double> inFlight = threads.submit(() -> logit(version, slowArtifact, 4));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        runtime.evict(version);
        evicted.countDown();

        assertThat(inFlight.get(30, TimeUnit.SECONDS)).isEqualTo(4.0);
        // and the evicted session is not reused: the next request loads the version again
        CountingArtifact artifact = new CountingArtifact(model);
        assertThat(logit(version, artifact, 5)).isEqualTo(5.0);
        assertThat(artifact.fetches()).isEqualTo(1);
    }

    @Test
    void aPromotionSwapsModelsWithoutFailingARequest() throws Exception {
        // production moves from one version to another and back while requests keep coming: the old version is
        // evicted each time, under requests that are still scoring with it
        UUID[] versions = {UUID.randomUUID(), UUID.randomUUID()};
        CountingArtifact[] artifacts = {new CountingArtifact(OnnxModels.logisticRegression(OLD, 0f)),
                new CountingArtifact(OnnxModels.logisticRegression(NEW, 0f))};
        AtomicInteger production = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger scored = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            clients.add(threads.submit(() -> {
                while (running.get()) {
                    int p = production.get();
                    // the old model reads the first column, the new one the second
                    double logit = logit(versions[p], artifacts[p], List.of(new InputBatch("x", TensorType.FLOAT, 2, 3,
                            new double[] {1, 2, 0, 3, 4, 0}, null)))[1];
                    assertThat(logit).isEqualTo(p == 0 ? 3.0 : 4.0);
                    scored.incrementAndGet();
                }
                return null;
            }));
        }
        for (int swap = 0; swap < 40; swap++) {
            int old = production.get();
            production.set(1 - old);
            runtime.evict(versions[old]);
            Thread.sleep(5);
        }
        running.set(false);
        for (Future<?> client : clients) {
            client.get(30, TimeUnit.SECONDS); // rethrows any failed request
        }

        assertThat(scored.get()).isGreaterThan(40);
        assertThat(artifacts[0].fetches() + artifacts[1].fetches()).isGreaterThan(2);
    }

    @Test
    void aFailedLoadIsNotRemembered() {
        UUID version = UUID.randomUUID();
        Supplier<byte[]> unavailable = () -> {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the object store is down");
        };
        assertThatThrownBy(() -> logit(version, unavailable, 1))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));

        CountingArtifact artifact = new CountingArtifact(OnnxModels.logisticRegression(OLD, 0f));
        assertThat(logit(version, artifact, 6)).isEqualTo(6.0);
    }

    @Test
    void refusesPredictionsOnceClosed() {
        CountingArtifact artifact = new CountingArtifact(OnnxModels.logisticRegression(OLD, 0f));
        UUID version = UUID.randomUUID();
        logit(version, artifact, 1);

        runtime.close();

        assertThatThrownBy(() -> logit(version, artifact, 1)).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PREDICTION_FAILED);
            assertThat(e.detail()).contains("shut down");
        });
    }

    private double logit(UUID version, Supplier<byte[]> artifact, double first) {
        return logit(version, artifact, List.of(new InputBatch("x", TensorType.FLOAT, 1, 3, new double[] {first, 0, 0}, null)))[0];
    }

    private double[] logit(UUID version, Supplier<byte[]> artifact, List<InputBatch> inputs) {
        List<Map<String, Object>> answers = runtime.predict(version, artifact, signature, inputs);
        double[] logits = new double[answers.size()];
        for (int r = 0; r < logits.length; r++) {
            logits[r] = (Double) answers.get(r).get("logit");
        }
        return logits;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
