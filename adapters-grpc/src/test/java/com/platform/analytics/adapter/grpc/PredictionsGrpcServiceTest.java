package com.platform.analytics.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Value;
import com.platform.analytics.adapter.grpc.v1.Instance;
import com.platform.analytics.adapter.grpc.v1.PredictRequest;
import com.platform.analytics.adapter.grpc.v1.PredictResponse;
import com.platform.analytics.adapter.grpc.v1.PredictionsServiceGrpc;
import com.platform.analytics.domain.access.AccessPolicy;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PredictionsService} over a real Netty server on a loopback port and a real channel, over a fake use case. */
class PredictionsGrpcServiceTest {
    private final FakePredictions predictions = new FakePredictions();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private GrpcServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        server = new GrpcServer(GrpcConfig.on("127.0.0.1", 0).withShutdownGrace(Duration.ofSeconds(1)), new FakeMetricQueries(),
                new FakeSegments(), new FakeIngestEvents(), predictions, new FakeAuthentication(), new AccessPolicy(), metrics)
                .start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        predictions.releaseSlow.countDown();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }

    private PredictionsServiceGrpc.PredictionsServiceBlockingStub blocking(String token) {
        return PredictionsServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                authorization(token))).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private PredictionsServiceGrpc.PredictionsServiceStub async(String token) {
        return PredictionsServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                authorization(token))).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static Metadata authorization(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(CallerAuthentication.AUTHORIZATION, "Bearer " + token);
        }
        return headers;
    }

    private static Instance instance(double recency, String platform) {
        return Instance.newBuilder()
                .putFeatures("recency_days", Value.newBuilder().setNumberValue(recency).build())
                .putFeatures("platform", Value.newBuilder().setStringValue(platform).build())
                .build();
    }

    private static PredictRequest churn(Instance... instances) {
        return PredictRequest.newBuilder().setModel("churn").addAllInstances(List.of(instances)).build();
    }

    private static StatusRuntimeException refused(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run);
    }

    private static String code(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(ErrorStatuses.ERROR_CODE);
    }

    private static String field(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(ErrorStatuses.ERROR_FIELD);
    }

    @Test
    void aBatchIsScoredInOrderByTheVersionItNames() {
        PredictResponse response = blocking(FakeAuthentication.SERVICE_TOKEN).predict(churn(instance(12, "pc"),
                instance(50, "mobile"), instance(0, "pc")));

        assertThat(response.getModelId()).isEqualTo(FakePredictions.CHURN_ID.toString());
        assertThat(response.getModelName()).isEqualTo("churn");
        assertThat(response.getModelVersion()).isEqualTo("2.0");
        assertThat(response.getPredictionsList()).extracting(p -> p.getOutputsOrThrow("score").getNumberValue())
                .containsExactly(0.12, 0.5, 0.0);
        assertThat(response.getPredictionsList()).extracting(p -> p.getOutputsOrThrow("label").getStringValue())
                .containsExactly("retained", "churned", "retained");
        assertThat(response.getPredictions(0).getOutputsOrThrow("probabilities").getStructValue()
                .getFieldsOrThrow("churned").getNumberValue()).isEqualTo(0.25);
        assertThat(predictions.callers).containsExactly("svc-shop");
        assertThat(predictions.batchSizes).containsExactly(3);
        // by id as well
        assertThat(blocking(FakeAuthentication.SERVICE_TOKEN).predict(PredictRequest.newBuilder()
                .setModel(FakePredictions.CHURN_ID.toString()).addInstances(instance(1, "pc")).build()).getPredictionsCount())
                .isEqualTo(1);
    }

    @Test
    void errorsCarryTheApiCodeAndTheFeatureAtFault() {
        StatusRuntimeException unknown = refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(
                PredictRequest.newBuilder().setModel("nosuch").addInstances(instance(1, "pc")).build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(unknown)).isEqualTo("ML_MODEL_NOT_FOUND");

        Instance missing = Instance.newBuilder().putFeatures("recency_days", Value.newBuilder().setNumberValue(3).build()).build();
        StatusRuntimeException bad = refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(churn(instance(1, "pc"), missing)));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(bad)).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(field(bad)).isEqualTo("/instances/1/platform");

        Instance mistyped = Instance.newBuilder().putFeatures("recency_days", Value.newBuilder().setStringValue("3").build())
                .putFeatures("platform", Value.newBuilder().setStringValue("pc").build()).build();
        assertThat(field(refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(churn(mistyped)))))
                .isEqualTo("/instances/0/recency_days");
        Instance unset = Instance.newBuilder().putFeatures("recency_days", Value.getDefaultInstance())
                .putFeatures("platform", Value.newBuilder().setStringValue("pc").build()).build();
        assertThat(field(refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(churn(unset)))))
                .isEqualTo("/instances/0/recency_days");
        assertThat(code(refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(churn())))).isEqualTo("INVALID_REQUEST_BODY");

        StatusRuntimeException noModel = refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(
                PredictRequest.newBuilder().addInstances(instance(1, "pc")).build()));
        assertThat(noModel.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(field(noModel)).isEqualTo("model");

        StatusRuntimeException failed = refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).predict(
                PredictRequest.newBuilder().setModel("broken").addInstances(instance(1, "pc")).build()));
        assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(code(failed)).isEqualTo("PREDICTION_FAILED");
        assertThat(failed.getStatus().getDescription()).doesNotContain("node 7").contains("failure id");
    }

    @Test
    void predictingNeedsPredictionsRunOverEveryGame() {
        StatusRuntimeException anonymous = refused(() -> blocking(null).predict(churn(instance(1, "pc"))));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        for (String token : List.of(FakeAuthentication.MARKETING_TOKEN, FakeAuthentication.DEVELOPER_TOKEN)) {
            StatusRuntimeException denied = refused(() -> blocking(token).predict(churn(instance(1, "pc"))));
            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(code(denied)).isEqualTo("ACCESS_DENIED_TO_RESOURCE");
        }
        assertThat(predictions.callers).isEmpty();
    }

    @Test
    void aCallPastItsDeadlineEndsDeadlineExceeded() {
        StatusRuntimeException late = refused(() -> blocking(FakeAuthentication.SERVICE_TOKEN).withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                .predict(PredictRequest.newBuilder().setModel("slow").addInstances(instance(1, "pc")).build()));
        assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void aStreamAnswersEachRequestInOrderAndEndsAtTheFirstFailure() throws Exception {
        Collector ok = new Collector();
        StreamObserver<PredictRequest> requests = async(FakeAuthentication.SERVICE_TOKEN).predictStream(ok);
        for (int i = 0; i < 20; i++) {
            requests.onNext(churn(instance(i, "pc"), instance(i + 100, "mobile")));
        }
        requests.onCompleted();
        ok.done.get(10, TimeUnit.SECONDS);
        assertThat(ok.responses).hasSize(20);
        assertThat(ok.responses).extracting(r -> r.getPredictions(0).getOutputsOrThrow("score").getNumberValue())
                .containsExactly(java.util.stream.IntStream.range(0, 20).mapToObj(i -> i / 100.0).toArray(Double[]::new));

        Collector failing = new Collector();
        StreamObserver<PredictRequest> bad = async(FakeAuthentication.SERVICE_TOKEN).predictStream(failing);
        bad.onNext(churn(instance(1, "pc")));
        bad.onNext(churn(Instance.newBuilder().putFeatures("platform", Value.newBuilder().setStringValue("pc").build()).build()));
        bad.onNext(churn(instance(2, "pc")));
        bad.onCompleted();
        Throwable error = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                () -> failing.done.get(10, TimeUnit.SECONDS)).getCause();
        StatusRuntimeException status = (StatusRuntimeException) error;
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(field(status)).isEqualTo("/requests/1/instances/0/recency_days");
        assertThat(failing.responses).hasSize(1);

        Collector denied = new Collector();
        StreamObserver<PredictRequest> refusedStream = async(FakeAuthentication.DEVELOPER_TOKEN).predictStream(denied);
        refusedStream.onNext(churn(instance(1, "pc")));
        refusedStream.onCompleted();
        StatusRuntimeException deniedStatus = (StatusRuntimeException) catchThrowableOfType(
                java.util.concurrent.ExecutionException.class, () -> denied.done.get(10, TimeUnit.SECONDS)).getCause();
        assertThat(deniedStatus.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void thePredictionsServiceReportsHealth() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(PredictionsServiceGrpc.SERVICE_NAME).build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    /** Gathers a server stream's answers; {@code done} completes at its end or fails with its error. */
    private static final class Collector implements StreamObserver<PredictResponse> {
        final List<PredictResponse> responses = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public synchronized void onNext(PredictResponse value) {
            responses.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }
    }
}
