package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small ingest pipeline: the domain's own decoder splits the body (so NDJSON lines and indexes are read as the
 * real use case reads them), an event is refused when it does not parse or carries no string {@code id}, and an id
 * stored before (in this call or an earlier one) is a duplicate. Records each body; can be made slow.
 */
final class FakeIngestEvents implements IngestEventsUseCase {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final Set<String> storedIds = ConcurrentHashMap.newKeySet();
    private final EventBatchDecoder decoder = new EventBatchDecoder(1000);
    volatile long millisPerCall = 0;

    @Override
    public IngestionResult ingest(BodyFormat format, String body) {
        bodies.add(format + ":" + body);
        if (millisPerCall > 0) {
            try {
                Thread.sleep(millisPerCall);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int accepted = 0;
        List<Integer> duplicates = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (EventInput input : decoder.decode(format, body)) {
            if (!input.isParsed()) {
                rejections.add(new Rejection(input.index(), RejectionCode.MALFORMED_JSON, input.parseError(), null));
            } else if (!(input.json() instanceof Map<?, ?> event) || !(event.get("id") instanceof String id)) {
                rejections.add(new Rejection(input.index(), RejectionCode.INVALID_ENVELOPE, "id is required", "/id"));
            } else if (storedIds.add(id)) {
                accepted++;
            } else {
                duplicates.add(input.index());
            }
        }
        return new IngestionResult(accepted, duplicates.size(), rejections, duplicates);
    }
}
