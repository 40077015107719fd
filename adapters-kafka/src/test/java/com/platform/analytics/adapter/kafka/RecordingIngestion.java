package com.platform.analytics.adapter.kafka;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ingestion use case as the consumer sees it, recorded: NDJSON in, an event stored once per
 * (source, id) like the real pipeline's deduplication, refusals by index. An event without {@code data} is
 * refused ({@code INVALID_DATA}); one whose data holds {@code "poison": true} makes the whole request fail
 * with {@code INVALID_REQUEST_BODY}. It can be told to fail transiently, or to crash after storing some
 * events (a {@link SimulatedCrash}, which no catch for exceptions stops, like a killed process).
 */
final class RecordingIngestion implements IngestEventsUseCase {
    /** What a process kill looks like to the consumer thread: an {@link Error}, not an exception it handles. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after storing events, before the consumer committed");
        }
    }

    private final Map<String, Map<String, Object>> stored = new LinkedHashMap<>();
    private final List<Object> probes = new ArrayList<>();
    private int calls;
    private int duplicates;
    private int failuresLeft;
    private ErrorCode failure = ErrorCode.SERVICE_BUSY;
    private int crashAfter = -1;
    private int storedByCrashedCall = -1;
    private Supplier<Object> probe = () -> null;

    /** The next {@code times} calls throw {@code code} before storing anything. */
    synchronized void failNext(int times, ErrorCode code) {
        failuresLeft = times;
        failure = code;
    }

    /** Once {@code events} more events are stored, the call storing them crashes. */
    synchronized void crashAfterStoring(int events) {
        crashAfter = events;
    }

    /** Sampled at the start of every call, e.g. the consumer's paused partitions at that moment. */
    synchronized void probeEachCall(Supplier<Object> sample) {
        probe = sample;
    }

    @Override
    public synchronized IngestionResult ingest(BodyFormat format, String body) {
        if (format != BodyFormat.NDJSON) {
            throw new AssertionError("the consumer sends NDJSON, sent " + format);
        }
        calls++;
        probes.add(probe.get());
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new AnalyticsException(failure, "simulated transient failure");
        }
        String[] lines = body.split("\n", -1);
        List<Map<String, Object>> events = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Map<String, Object> event;
            try {
                event = Json.parseObject(lines[i]);
            } catch (Json.JsonException e) {
                rejections.add(new Rejection(i, RejectionCode.MALFORMED_JSON, e.getMessage(), null));
                events.add(null);
                continue;
            }
            Object data = event.get("data");
            if (data instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("poison"))) {
                throw AnalyticsException.invalidBody(null, "line " + (i + 1) + " poisons the request");
            }
            events.add(event);
        }
        int accepted = 0;
        int duplicatesHere = 0;
        int storedHere = 0;
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> event = events.get(i);
            if (event == null) {
                continue;
            }
            if (!(event.get("data") instanceof Map)) {
                rejections.add(new Rejection(i, RejectionCode.INVALID_DATA, "data is required", "/data"));
                continue;
            }
            String key = event.get("source") + "|" + event.get("id");
            if (stored.containsKey(key)) {
                duplicatesHere++;
                continue;
            }
            stored.put(key, event);
            accepted++;
            storedHere++;
            if (crashAfter >= 0 && --crashAfter == 0) {
                crashAfter = -1;
                storedByCrashedCall = storedHere;
                duplicates += duplicatesHere;
                throw new SimulatedCrash();
            }
        }
        duplicates += duplicatesHere;
        rejections.sort(java.util.Comparator.comparingInt(Rejection::index));
        return new IngestionResult(accepted, duplicatesHere, rejections);
    }

    synchronized int accepted() {
        return stored.size();
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized int calls() {
        return calls;
    }

    synchronized int storedByCrashedCall() {
        return storedByCrashedCall;
    }

    synchronized Map<String, Map<String, Object>> stored() {
        return new LinkedHashMap<>(stored);
    }

    synchronized List<Object> probes() {
        return new ArrayList<>(probes);
    }
}
