package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.lake.LakeLayout;
import com.platform.analytics.port.out.ObjectStore;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
    public void append(List<Entry> entries) {
        // grouped by source, type and UTC hour first: the partition path is then built once per object
        Map<PartitionKey, List<Entry>> byPartition = new LinkedHashMap<>();
        for (Entry e : entries) {
            CloudEvent event = e.event();
            byPartition.computeIfAbsent(new PartitionKey(event.source(), event.type(), event.time().getEpochSecond() / 3600),
                    k -> new ArrayList<>()).add(e);
        }
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (List<Entry> p : byPartition.values()) {
            CloudEvent first = p.get(0).event();
            StringBuilder sb = new StringBuilder(p.size() * 640);
            for (Entry e : p) {
                e.event().writeJson(sb, e.dataJson());
                sb.append('\n');
            }
            objects.put(LakeLayout.rawEventsPartition(first.serviceName(), first.type(), first.time()) + UUID.randomUUID()
                    + ".json.gz", gzip(sb));
        }
        store.putAll(objects);
    }

    private record PartitionKey(String source, String type, long epochHour) {
    }

    /** An event for the lake, with its {@code data} already serialized (the warehouse row carries it too). */
    public record Entry(CloudEvent event, String dataJson) {
        public Entry {
            requireNonNull(event, "event is null");
            requireNonNull(dataJson, "dataJson is null");
        }

        public static Entry of(CloudEvent event) {
            return new Entry(event, Json.write(event.data()));
        }
    }

    static byte[] gzip(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 4 + 64);
        // the fastest deflate level: lake files are written once per request on the hot path, and level 1
        // costs a few percent of size against level 6 on JSON for several times the speed; the text is encoded
        // as it is compressed, without a copy of it as one String
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, StandardCharsets.UTF_8)) {
            w.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
