package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.adapter.grpc.v1.EventOutcome;
import com.platform.analytics.adapter.grpc.v1.EventResult;
import com.platform.analytics.adapter.grpc.v1.IngestEventsRequest;
import com.platform.analytics.adapter.grpc.v1.IngestEventsResponse;
import com.platform.analytics.adapter.grpc.v1.IngestionServiceGrpc;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code IngestionService.IngestEvents}: a client stream of CloudEvents, one JSON text per message, handed to the
 * ingest use case in batches as they arrive (NDJSON, one line per event, so a bad event is refused alone) and
 * answered once at the end with a result per event.
 *
 * <p>The stream's messages arrive one at a time on the call's thread and the next is requested only when the
 * previous one is handled, so a batch being ingested holds the client back (flow control) instead of piling up
 * events in memory. Before each batch the call's context is checked: once the deadline passed or the client left,
 * no further batch is ingested.
 */
final class IngestionGrpcService extends IngestionServiceGrpc.IngestionServiceImplBase {
    private final IngestEventsUseCase ingestEvents;
    private final CallerAccess access;
    private final int batchSize;
    private final int maxEventsPerCall;

    IngestionGrpcService(IngestEventsUseCase ingestEvents, CallerAccess access, int batchSize, int maxEventsPerCall) {
        this.ingestEvents = requireNonNull(ingestEvents, "ingestEvents is null");
        this.access = requireNonNull(access, "access is null");
        if (batchSize < 1 || maxEventsPerCall < 1) {
            throw new IllegalArgumentException("batchSize and maxEventsPerCall must be positive");
        }
        this.batchSize = batchSize;
        this.maxEventsPerCall = maxEventsPerCall;
    }

    @Override
    public StreamObserver<IngestEventsRequest> ingestEvents(StreamObserver<IngestEventsResponse> responses) {
        try {
            access.require(Permission.INGEST_EVENTS);
        } catch (RuntimeException e) {
            responses.onError(ErrorStatuses.of(e));
            return new StreamObserver<>() {
                @Override
                public void onNext(IngestEventsRequest value) {
                    // the call is closed already: whatever the client still sends is dropped
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
        return new EventStream(responses);
    }

    /** One call's events: the batch being gathered and the results so far. Used by one thread at a time. */
    private final class EventStream implements StreamObserver<IngestEventsRequest> {
        private final StreamObserver<IngestEventsResponse> responses;
        private final List<EventResult> results = new ArrayList<>();
        private final List<String> batchLines = new ArrayList<>();
        private final List<Integer> batchIndexes = new ArrayList<>();
        private long accepted;
        private long duplicates;
        private long rejected;
        private boolean finished;

        EventStream(StreamObserver<IngestEventsResponse> responses) {
            this.responses = responses;
        }

        @Override
        public void onNext(IngestEventsRequest message) {
            if (finished) {
                return;
            }
            int index = results.size();
            if (index >= maxEventsPerCall) {
                fail(new AnalyticsException(ErrorCode.PAYLOAD_TOO_LARGE, "a call may carry at most " + maxEventsPerCall
                        + " events; the events before index " + (index - batchLines.size()) + " were ingested"));
                return;
            }
            results.add(null);
            String line = asLine(message.getCloudEventJson(), index);
            if (line != null) {
                batchLines.add(line);
                batchIndexes.add(index);
                if (batchLines.size() >= batchSize) {
                    ingestBatch();
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            // the client cancelled or the connection broke: the events not yet ingested are dropped with the call
            finished = true;
        }

        @Override
        public void onCompleted() {
            if (finished) {
                return;
            }
            ingestBatch();
            if (finished) {
                return;
            }
            finished = true;
            if (Context.current().isCancelled()) {
                return;
            }
            responses.onNext(IngestEventsResponse.newBuilder()
                    .setAccepted(accepted)
                    .setDuplicates(duplicates)
                    .setRejected(rejected)
                    .addAllResults(results)
                    .build());
            responses.onCompleted();
        }

        /**
         * The message as one NDJSON line, or null when it is refused here. A text without line breaks goes as it is
         * (the use case refuses and keeps it when it does not parse); one spread over lines is parsed and written back
         * compact, which is the same JSON; if it does not parse, no single line could carry it, and it is refused
         * here (such an event is not kept in the dead-letter store).
         */
        private String asLine(String text, int index) {
            if (text.isBlank()) {
                reject(index, RejectionCode.MALFORMED_JSON, "the message carries no event", null);
                return null;
            }
            if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
                return text;
            }
            try {
                return Json.write(Json.parse(text));
            } catch (Json.JsonException e) {
                reject(index, RejectionCode.MALFORMED_JSON, "the event is not valid JSON: " + e.getMessage(), null);
                return null;
            }
        }

        private void ingestBatch() {
            if (batchLines.isEmpty()) {
                return;
            }
            if (Context.current().isCancelled()) {
                // the deadline passed or the client left: nobody will read the results of more work
                finished = true;
                return;
            }
            IngestionResult result;
            try {
                result = ingestEvents.ingest(BodyFormat.NDJSON, String.join("\n", batchLines));
            } catch (RuntimeException e) {
                AnalyticsException failure = e instanceof AnalyticsException a ? a : null;
                if (failure != null && failure.code().kind() != ErrorCode.Kind.INTERNAL && !failure.code().internalDetail()) {
                    // say how far the stream got, so the client resends from there (resent events count as duplicates)
                    fail(new AnalyticsException(failure.code(), failure.detail() + " (events from index "
                            + batchIndexes.get(0) + " on were not ingested)", failure.parameter().orElse(null),
                            failure.pointer().orElse(null), failure));
                } else {
                    fail(e);
                }
                return;
            }
            boolean[] refused = new boolean[batchLines.size()];
            for (Rejection r : result.rejections()) {
                refused[r.index()] = true;
                reject(batchIndexes.get(r.index()), r.code(), r.detail(), r.pointer());
            }
            boolean[] repeated = new boolean[batchLines.size()];
            for (int d : result.duplicateIndexes()) {
                repeated[d] = true;
            }
            for (int i = 0; i < refused.length; i++) {
                if (!refused[i]) {
                    int index = batchIndexes.get(i);
                    results.set(index, EventResult.newBuilder().setIndex(index)
                            .setOutcome(repeated[i] ? EventOutcome.DUPLICATE : EventOutcome.ACCEPTED).build());
                }
            }
            accepted += result.accepted();
            duplicates += result.duplicates();
            batchLines.clear();
            batchIndexes.clear();
        }

        private void reject(int index, RejectionCode code, String reason, String pointer) {
            EventResult.Builder r = EventResult.newBuilder().setIndex(index).setOutcome(EventOutcome.REJECTED)
                    .setCode(code.name()).setReason(reason);
            if (pointer != null) {
                r.setPointer(pointer);
            }
            results.set(index, r.build());
            rejected++;
        }

        private void fail(RuntimeException e) {
            finished = true;
            batchLines.clear();
            batchIndexes.clear();
            if (!Context.current().isCancelled()) {
                responses.onError(ErrorStatuses.of(e));
            }
        }
    }
}
