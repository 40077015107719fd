package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.access.DataScope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.platform.analytics.adapter.grpc.v1.CheckMembershipRequest;
import com.platform.analytics.adapter.grpc.v1.CheckMembershipResponse;
import com.platform.analytics.adapter.grpc.v1.CountUsersRequest;
import com.platform.analytics.adapter.grpc.v1.DimensionFilter;
import com.platform.analytics.adapter.grpc.v1.EventOutcome;
import com.platform.analytics.adapter.grpc.v1.EventResult;
import com.platform.analytics.adapter.grpc.v1.GetMetricValuesRequest;
import com.platform.analytics.adapter.grpc.v1.GetMetricValuesResponse;
import com.platform.analytics.adapter.grpc.v1.IngestEventsRequest;
import com.platform.analytics.adapter.grpc.v1.IngestEventsResponse;
import com.platform.analytics.adapter.grpc.v1.IngestionServiceGrpc;
import com.platform.analytics.adapter.grpc.v1.MetricPoint;
import com.platform.analytics.adapter.grpc.v1.MetricsServiceGrpc;
import com.platform.analytics.adapter.grpc.v1.SegmentsServiceGrpc;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.metric.Dimension;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC API end to end: a real Netty server on a loopback port and a real client channel, over hand-written fakes
 * of the use cases and of authentication.
 */
class GrpcServerTest {
    private final FakeMetricQueries metricQueries = new FakeMetricQueries();
    private final FakeSegments segments = new FakeSegments();
    private final FakeIngestEvents ingest = new FakeIngestEvents();
    private final FakeAuthentication authentication = new FakeAuthentication();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private GrpcServer server;
    private ManagedChannel channel;

    private void start(GrpcConfig config) {
        server = new GrpcServer(config, metricQueries, segments, ingest, new FakePredictions(), authentication, new AccessPolicy(),
                metrics).start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create()).build();
    }

    private void start() {
        start(GrpcConfig.on("127.0.0.1", 0).withShutdownGrace(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
    }

    private static <S extends AbstractStub<S>> S as(String token, S stub) {
        Metadata headers = new Metadata();
        headers.put(CallerAuthentication.AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private MetricsServiceGrpc.MetricsServiceBlockingStub metrics(String token) {
        return as(token, MetricsServiceGrpc.newBlockingStub(channel)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private SegmentsServiceGrpc.SegmentsServiceBlockingStub segments(String token) {
        return as(token, SegmentsServiceGrpc.newBlockingStub(channel)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static GetMetricValuesRequest.Builder dau() {
        return GetMetricValuesRequest.newBuilder().setMetricName("dau").setFrom("2026-03-01").setTo("2026-03-03");
    }

    private static String errorCode(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(ErrorStatuses.ERROR_CODE);
    }

    private static String errorField(StatusRuntimeException e) {
        return e.getTrailers() == null ? null : e.getTrailers().get(ErrorStatuses.ERROR_FIELD);
    }

    // ---- metrics

    @Test
    void metricValuesAreTheUseCasesForTheDomainsParsedQuery() {
        start();
        GetMetricValuesResponse response = metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau()
                .setGranularity("day").setTz("Europe/Moscow")
                .addDimensions("platform").addDimensions("country")
                .addFilters(DimensionFilter.newBuilder().setDimension("platform").setValue("pc"))
                .addFilters(DimensionFilter.newBuilder().setDimension("platform").setValue("ps5:pro"))
                .build());

        MetricValuesQuery query = metricQueries.queries.get(0);
        assertThat(query.from()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(query.to()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(query.granularity()).isEqualTo(Granularity.DAY);
        assertThat(query.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(query.dimensions()).containsExactly(Dimension.PLATFORM, Dimension.COUNTRY);
        assertThat(query.filters()).isEqualTo(Map.of(Dimension.PLATFORM, Set.of("pc", "ps5:pro")));

        assertThat(response.getMetric()).isEqualTo("dau");
        assertThat(response.getFrom()).isEqualTo("2026-03-01");
        assertThat(response.getTo()).isEqualTo("2026-03-03");
        assertThat(response.getGranularity()).isEqualTo("day");
        assertThat(response.getTz()).isEqualTo("Europe/Moscow");
        assertThat(response.getUnit()).isEqualTo("users");
        assertThat(response.getSeriesCount()).isOne();
        var series = response.getSeries(0);
        assertThat(series.getDimensions(0).getName()).isEqualTo("platform");
        assertThat(series.getDimensions(0).getValue()).isEqualTo("pc");
        assertThat(series.getDimensions(1).getName()).isEqualTo("country");
        assertThat(series.getDimensions(1).hasValue()).as("a dimension the events lack stays absent").isFalse();
        List<MetricPoint> points = series.getPointsList();
        assertThat(points).extracting(MetricPoint::getBucket).containsExactly("2026-03-01", "2026-03-02", "2026-03-03");
        assertThat(points.get(0).getValue()).isEqualTo("0.125");
        assertThat(points.get(1).hasValue()).as("an undefined value stays absent, not 0").isFalse();
        assertThat(points.get(2).getValue()).isEqualTo("2.125");
    }

    @Test
    void defaultsAreThoseOfTheRestApi() {
        start();
        GetMetricValuesResponse response = metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().build());
        assertThat(response.getGranularity()).isEqualTo("day");
        assertThat(response.getTz()).isEqualTo("UTC");
        assertThat(metricQueries.queries.get(0).dimensions()).isEmpty();
    }

    @Test
    void anInvalidQueryIsInvalidArgumentNamingTheField() {
        start();
        StatusRuntimeException backwards = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setFrom("2026-03-05").build()));
        assertThat(backwards.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorCode(backwards)).isEqualTo("INVALID_QUERY_PARAMETERS");
        assertThat(errorField(backwards)).isEqualTo("to");
        assertThat(backwards.getStatus().getDescription()).contains("is before from");

        StatusRuntimeException badFilter = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau()
                        .addFilters(DimensionFilter.newBuilder().setDimension("planet").setValue("mars")).build()));
        assertThat(badFilter.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorField(badFilter)).isEqualTo("filters");

        StatusRuntimeException noName = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("").build()));
        assertThat(errorField(noName)).isEqualTo("metric_name");
        assertThat(metricQueries.queries).as("nothing invalid reaches the use case").isEmpty();
    }

    @Test
    void errorCodesMapToStatusesAndInternalsStayInTheLog() {
        start();
        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("nope").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(errorCode(unknown)).isEqualTo("METRIC_DEFINITION_NOT_FOUND");
        assertThat(unknown.getStatus().getDescription()).isEqualTo("no metric definition named nope");

        StatusRuntimeException storage = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("storage_down").build()));
        assertThat(storage.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(errorCode(storage)).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(storage.getStatus().getDescription()).startsWith("Storage unavailable; retry later (failure id ")
                .doesNotContain("secret_column").doesNotContain("10.0.0.7");

        StatusRuntimeException crash = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("crash").build()));
        assertThat(crash.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(errorCode(crash)).isEqualTo("INTERNAL_ERROR");
        assertThat(crash.getStatus().getDescription()).startsWith("An unexpected error occurred; failure id ")
                .doesNotContain("secret_column");
    }

    @Test
    void theStatusOfEveryKindOfErrorCode() {
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.USER_ERROR)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.UNAUTHENTICATED)).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.FORBIDDEN)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.NOT_FOUND)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.UNAVAILABLE)).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.TOO_LARGE)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(ErrorStatuses.codeOf(com.platform.analytics.domain.error.ErrorCode.Kind.INTERNAL)).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void aMessageOverTheConfiguredSizeIsRefused() {
        start(GrpcConfig.on("127.0.0.1", 0).withMaxInboundMessageBytes(1024));
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("m".repeat(2000)).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(metricQueries.queries).isEmpty();
        // a message under the limit still passes
        assertThat(metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().build()).getSeriesCount()).isOne();
    }

    // ---- segments

    @Test
    void membershipOfARealUserIdAndTheSegmentsCount() {
        start();
        String segment = segments.knownSegment.toString();
        CheckMembershipResponse member = segments(FakeAuthentication.SERVICE_TOKEN).checkMembership(
                CheckMembershipRequest.newBuilder().setSegmentId(segment).setUserId("user-2").build());
        CheckMembershipResponse stranger = segments(FakeAuthentication.SERVICE_TOKEN).checkMembership(
                CheckMembershipRequest.newBuilder().setSegmentId(segment).setUserId("user-99").build());
        assertThat(member.getMember()).isTrue();
        assertThat(member.getSegmentId()).isEqualTo(segment);
        assertThat(stranger.getMember()).isFalse();
        assertThat(segments.askedUserIds).as("the real id goes to the use case, which pseudonymizes it")
                .containsExactly("user-2", "user-99");

        assertThat(segments(FakeAuthentication.SERVICE_TOKEN).countUsers(
                CountUsersRequest.newBuilder().setSegmentId(segment).build()).getUserCount()).isEqualTo(3);
    }

    @Test
    void anUnknownSegmentOrAnIdThatIsNoUuidIsNotFound() {
        start();
        for (String id : List.of("8d7f9c1e-0000-4000-8000-000000000000", "not-a-uuid", "")) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> segments(
                    FakeAuthentication.SERVICE_TOKEN).countUsers(CountUsersRequest.newBuilder().setSegmentId(id).build()));
            assertThat(e.getStatus().getCode()).as(id).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(errorCode(e)).isEqualTo("SEGMENT_DEFINITION_NOT_FOUND");
        }
        StatusRuntimeException noUser = catchThrowableOfType(StatusRuntimeException.class, () -> segments(
                FakeAuthentication.SERVICE_TOKEN).checkMembership(CheckMembershipRequest.newBuilder()
                .setSegmentId(segments.knownSegment.toString()).build()));
        assertThat(noUser.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorField(noUser)).isEqualTo("user_id");
    }

    // ---- ingestion

    private IngestEventsResponse ingest(String token, List<String> events, long deadlineMillis) throws Exception {
        CompletableFuture<IngestEventsResponse> answer = new CompletableFuture<>();
        StreamObserver<IngestEventsRequest> requests = as(token, IngestionServiceGrpc.newStub(channel))
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .ingestEvents(new StreamObserver<>() {
                    @Override
                    public void onNext(IngestEventsResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new AssertionError("completed without a response"));
                    }
                });
        for (String event : events) {
            requests.onNext(IngestEventsRequest.newBuilder().setCloudEventJson(event).build());
        }
        requests.onCompleted();
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String event(String id) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"shop\",\"type\":\"purchase\"}";
    }

    @Test
    void aStreamOfGoodBadAndRepeatedEventsGetsAResultPerEvent() throws Exception {
        start(GrpcConfig.on("127.0.0.1", 0).withIngestBatchSize(3));
        List<String> events = List.of(
                event("e1"),                                   // 0  batch A
                event("e2"),                                   // 1  batch A
                "   ",                                         // 2  refused here: no event
                "{not json",                                   // 3  batch A: refused by the use case
                event("e1"),                                   // 4  batch B: stored in batch A
                event("e2"),                                   // 5  batch B
                "{\"specversion\":\"1.0\"}",                   // 6  batch B: no id
                "{\n  \"specversion\": \"1.0\",\n  \"id\": \"e3\",\n  \"data\": {\"text\": \"a\\nb\"}\n}", // 7  batch C
                event("e1"),                                   // 8  batch C
                "{\n  \"id\": \"e4\",\n");                     // 9  spread over lines and broken: refused here
        IngestEventsResponse response = ingest(FakeAuthentication.SERVICE_TOKEN, events, 10_000);

        assertThat(response.getResultsList()).extracting(EventResult::getIndex)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(response.getResultsList()).extracting(EventResult::getOutcome).containsExactly(
                EventOutcome.ACCEPTED, EventOutcome.ACCEPTED, EventOutcome.REJECTED, EventOutcome.REJECTED,
                EventOutcome.DUPLICATE, EventOutcome.DUPLICATE, EventOutcome.REJECTED,
                // batch C held a new event and a repeat: the use case names the repeat's index
                EventOutcome.ACCEPTED, EventOutcome.DUPLICATE,
                EventOutcome.REJECTED);
        assertThat(response.getResults(2).getCode()).isEqualTo("MALFORMED_JSON");
        assertThat(response.getResults(3).getCode()).isEqualTo("MALFORMED_JSON");
        assertThat(response.getResults(6).getCode()).isEqualTo("INVALID_ENVELOPE");
        assertThat(response.getResults(6).getReason()).isEqualTo("id is required");
        assertThat(response.getResults(6).getPointer()).isEqualTo("/id");
        assertThat(response.getResults(9).getCode()).isEqualTo("MALFORMED_JSON");
        assertThat(response.getResults(0).getCode()).isEmpty();
        assertThat(response.getAccepted()).isEqualTo(3);
        assertThat(response.getDuplicates()).isEqualTo(3);
        assertThat(response.getRejected()).isEqualTo(4);

        assertThat(ingest.bodies).hasSize(3);
        assertThat(ingest.bodies).allSatisfy(body -> assertThat(body).startsWith("NDJSON:"));
        // the multi-line event arrived whole, on one line, with its escaped newline intact
        assertThat(ingest.bodies.get(2)).isEqualTo("NDJSON:{\"specversion\":\"1.0\",\"id\":\"e3\",\"data\":{\"text\":\"a\\nb\"}}\n"
                + event("e1"));
        assertThat(ingest.storedIds).containsExactlyInAnyOrder("e1", "e2", "e3");
    }

    @Test
    void aCallOverItsEventLimitIsResourceExhausted() {
        start(GrpcConfig.on("127.0.0.1", 0).withIngestBatchSize(2).withMaxEventsPerCall(3));
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> ingest(
                FakeAuthentication.SERVICE_TOKEN, List.of(event("a"), event("b"), event("c"), event("d"), event("e")), 10_000));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(errorCode(e)).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(e.getStatus().getDescription()).contains("at most 3 events").contains("before index 2 were ingested");
        assertThat(ingest.storedIds).containsExactlyInAnyOrder("a", "b");
    }

    // ---- deadlines

    @Test
    void aLongStreamStopsIngestingOnceItsDeadlinePassed() throws Exception {
        start(GrpcConfig.on("127.0.0.1", 0).withIngestBatchSize(1));
        ingest.millisPerCall = 150;
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(event("slow-" + i));
        }
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest(FakeAuthentication.SERVICE_TOKEN, events, 500));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        // time for the server to have gone through all 20 batches had it ignored the deadline (20 x 150 ms)
        Thread.sleep(1_500);
        assertThat(ingest.bodies.size()).as("batches ingested after the deadline").isBetween(1, 6);
    }

    @Test
    void aCallWhoseDeadlinePassedWhileWaitingIsNotStarted() throws Exception {
        // one call thread: the second call waits behind the first until its deadline has passed
        start(GrpcConfig.on("127.0.0.1", 0).withCallThreads(1));
        metricQueries.slowMillis = 800;
        CompletableFuture<GetMetricValuesResponse> slow = CompletableFuture.supplyAsync(
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("slow").build()));
        long waitForSlow = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (metricQueries.queries.isEmpty() && System.nanoTime() < waitForSlow) {
            Thread.sleep(10);
        }
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> as(FakeAuthentication.SERVICE_TOKEN, MetricsServiceGrpc.newBlockingStub(channel))
                        .withDeadlineAfter(200, TimeUnit.MILLISECONDS).getMetricValues(dau().build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(slow.get(10, TimeUnit.SECONDS).getMetric()).isEqualTo("slow");
        Thread.sleep(300);
        assertThat(metricQueries.queries).extracting(MetricValuesQuery::metricName).containsExactly("slow");
        assertThat(authentication.calls.get()).as("not even authenticated").isEqualTo(1);
    }

    // ---- authentication and permissions

    @Test
    void aCallWithoutOrWithABadTokenIsUnauthenticated() {
        start();
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                () -> MetricsServiceGrpc.newBlockingStub(channel).getMetricValues(dau().build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(errorCode(missing)).isEqualTo("UNAUTHENTICATED");
        assertThat(missing.getStatus().getDescription()).contains("bearer token");

        StatusRuntimeException forged = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics("forged-token").getMetricValues(dau().build()));
        assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        StatusRuntimeException stream = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest("forged-token", List.of(event("x")), 10_000));
        assertThat(stream.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(metricQueries.queries).isEmpty();
        assertThat(ingest.bodies).isEmpty();
    }

    @Test
    void aCallerWithoutThePermissionIsDenied() throws Exception {
        start();
        String segment = segments.knownSegment.toString();
        // a marketing manager reads segments and checks membership, but does not ingest events
        assertThat(segments(FakeAuthentication.MARKETING_TOKEN).countUsers(
                CountUsersRequest.newBuilder().setSegmentId(segment).build()).getUserCount()).isEqualTo(3);
        StatusRuntimeException ingestDenied = catchThrowableOfType(StatusRuntimeException.class,
                () -> ingest(FakeAuthentication.MARKETING_TOKEN, List.of(event("m1")), 10_000));
        assertThat(ingestDenied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(errorCode(ingestDenied)).isEqualTo("ACCESS_DENIED_TO_RESOURCE");
        assertThat(ingestDenied.getStatus().getDescription()).contains("events:write");
        assertThat(ingest.bodies).isEmpty();

        // a developer may not check membership (no segments:membership)
        StatusRuntimeException membershipDenied = catchThrowableOfType(StatusRuntimeException.class,
                () -> segments(FakeAuthentication.DEVELOPER_TOKEN).checkMembership(CheckMembershipRequest.newBuilder()
                        .setSegmentId(segment).setUserId("user-1").build()));
        assertThat(membershipDenied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(membershipDenied.getStatus().getDescription()).contains("segments:membership");
        assertThat(segments.askedUserIds).isEmpty();

        // and a developer's token reads metric values of their games only: the use case gets the developer's scope
        metrics(FakeAuthentication.DEVELOPER_TOKEN).getMetricValues(dau().build());
        assertThat(metricQueries.scopes).containsExactly(DataScope.developer("dev-1"));
    }

    @Test
    void everyCallIsRecorded() throws Exception {
        start();
        metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().build());
        catchThrowableOfType(StatusRuntimeException.class, () -> metrics("forged").getMetricValues(dau().build()));
        catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().setMetricName("nope").build()));
        // the server records as it closes the call, which may come a moment after the client has the answer
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (metrics.calls.size() < 3 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(metrics.calls).containsExactlyInAnyOrder(
                "platform.analytics.v1.MetricsService/GetMetricValues OK",
                "platform.analytics.v1.MetricsService/GetMetricValues UNAUTHENTICATED",
                "platform.analytics.v1.MetricsService/GetMetricValues NOT_FOUND");
        assertThat(metrics.apiErrors).containsExactlyInAnyOrder("UNAUTHENTICATED", "METRIC_DEFINITION_NOT_FOUND");
    }

    // ---- health, reflection, lifecycle

    @Test
    void healthIsServingWithoutAToken() {
        start();
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertThat(health.check(HealthCheckRequest.newBuilder().build()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        for (String service : List.of(MetricsServiceGrpc.SERVICE_NAME, SegmentsServiceGrpc.SERVICE_NAME,
                IngestionServiceGrpc.SERVICE_NAME)) {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                    .as(service).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
        assertThat(authentication.calls.get()).isZero();
    }

    @Test
    void reflectionListsTheServicesWithoutAToken() throws Exception {
        start();
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        List<String> services = answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
        assertThat(services).contains("platform.analytics.v1.MetricsService", "platform.analytics.v1.SegmentsService",
                "platform.analytics.v1.IngestionService", "grpc.health.v1.Health");
    }

    @Test
    void listensOnTheLoopbackPortItPickedAndStopsServing() throws InterruptedException {
        start();
        assertThat(server.port()).isPositive();
        assertThat(metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().build()).getMetric()).isEqualTo("dau");
        server.stop();
        server = null;
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> metrics(FakeAuthentication.SERVICE_TOKEN).getMetricValues(dau().build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
}
