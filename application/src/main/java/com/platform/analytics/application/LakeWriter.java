package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.lake.LakeLayout;
import com.platform.analytics.port.out.ObjectStore;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Appends pseudonymized events to the raw lake: one gzip'd NDJSON object per lake partition per call, so a
 * request's events land together and every object is written once, whole.
 */
public final class LakeWriter {
    private final ObjectStore store;

    @Inject
    public LakeWriter(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Writes the events; when it returns every one is durable. */
    public void append(List<CloudEvent> events) {
        write(prepare(events));
    }

    /**
     * Serializes and compresses the events, one object per lake partition, without writing anything: the
     * costly part, done before the ingestion's store lock is taken.
     */
    public Prepared prepare(List<CloudEvent> events) {
        Map<String, List<CloudEvent>> byPartition = new LinkedHashMap<>();
        for (CloudEvent e : events) {
            byPartition.computeIfAbsent(LakeLayout.rawEventsPartition(e.serviceName(), e.type(), e.time()),
                    k -> new ArrayList<>()).add(e);
        }
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (Map.Entry<String, List<CloudEvent>> p : byPartition.entrySet()) {
            StringBuilder sb = new StringBuilder(p.getValue().size() * 512);
            for (CloudEvent e : p.getValue()) {
                Json.write(e.toJson(), sb);
                sb.append('\n');
            }
            objects.put(p.getKey() + UUID.randomUUID() + ".json.gz", gzip(sb));
        }
        return new Prepared(events.size(), objects);
    }

    /** Writes prepared objects; when it returns every one is durable. */
    public void write(Prepared prepared) {
        store.putAll(prepared.objects());
    }

    /** Lake objects ready to write, and how many events they hold. */
    public record Prepared(int events, Map<String, byte[]> objects) {
    }

    static byte[] gzip(CharSequence text) {
        byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        // the fastest deflate level: lake files are written once per request on the hot path, and level 1
        // costs a few percent of size against level 6 on JSON for several times the speed
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
