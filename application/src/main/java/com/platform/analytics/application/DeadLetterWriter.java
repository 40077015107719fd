package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.lake.LakeLayout;
import com.platform.analytics.port.out.ObjectStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keeps refused events in the lake's {@code dead_letter/} area, one object per reason per request. */
public final class DeadLetterWriter {
    private final ObjectStore store;

    @Inject
    public DeadLetterWriter(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    void append(List<DeadLetter> letters, Instant refusedAt, String requestId) {
        Map<RejectionCode, List<DeadLetter>> byCode = new EnumMap<>(RejectionCode.class);
        for (DeadLetter d : letters) {
            byCode.computeIfAbsent(d.rejection().code(), k -> new ArrayList<>()).add(d);
        }
        for (Map.Entry<RejectionCode, List<DeadLetter>> e : byCode.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (DeadLetter d : e.getValue()) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("requestId", requestId);
                record.put("index", d.rejection().index());
                record.put("reason", d.rejection().code().name());
                record.put("detail", d.rejection().detail());
                if (d.rejection().pointer() != null) {
                    record.put("pointer", d.rejection().pointer());
                }
                record.put("refusedAt", refusedAt.toString());
                record.put(d.rawText() ? "redactedText" : "event", d.content());
                Json.write(record, sb);
                sb.append('\n');
            }
            store.put(LakeLayout.deadLetterPartition(e.getKey(), refusedAt) + UUID.randomUUID() + ".json.gz",
                    LakeWriter.gzip(sb));
        }
    }
}
