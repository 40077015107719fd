package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.Validated;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.fact.Mapped;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.out.EventWarehouse;
import com.platform.analytics.port.out.StoredEventKeys;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ingestion pipeline: decode, validate, pseudonymize, deduplicate, raw lake, warehouse.
 *
 * <p>Everything up to deduplication runs on the caller's thread, so requests validate in parallel. The
 * deduplicate-then-store step runs under one lock: a duplicate check and the write that makes it true must not
 * interleave with another request's, or two copies of one event arriving at once would both count. Events
 * reach the lake before the warehouse: if the warehouse write fails the request fails, the client retries, and
 * the warehouse (the source of every number) still holds each event once; the lake may then hold a repeat,
 * which readers of the lake drop by ({@code source}, {@code id}).
 */
public final class IngestionService implements IngestEventsUseCase {
    private final EventBatchDecoder decoder;
    private final EventValidator validator;
    private final Pseudonymizer pseudonymizer;
    private final FactRowMapper mapper;
    private final EventWarehouse warehouse;
    private final LakeWriter lake;
    private final DeadLetterWriter deadLetters;
    private final Clock clock;
    private final StoredEventKeys storedKeys;
    private final ReentrantLock storeLock = new ReentrantLock(true);
    /** Keys of stored events, seeded from the warehouse on first use; guarded by {@link #storeLock}. */
    private EventKeyFilter knownKeys;

    @Inject
    public IngestionService(EventBatchDecoder decoder, EventValidator validator, Pseudonymizer pseudonymizer,
            FactRowMapper mapper, EventWarehouse warehouse, StoredEventKeys storedKeys, LakeWriter lake,
            DeadLetterWriter deadLetters, Clock clock) {
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.storedKeys = requireNonNull(storedKeys, "storedKeys is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public IngestionResult ingest(BodyFormat format, String body) {
        Instant receivedAt = clock.instant();
        List<EventInput> inputs = decoder.decode(format, body);
        List<Rejection> rejections = new ArrayList<>();
        List<DeadLetter> refused = new ArrayList<>();
        // first occurrence of each key in the request wins; later ones are duplicates
        Map<EventKey, Candidate> candidates = new LinkedHashMap<>();
        int duplicates = 0;
        for (EventInput input : inputs) {
            Validated v = validator.validate(input);
            if (v.rejection() != null) {
                rejections.add(v.rejection());
                refused.add(input.isParsed()
                        ? new DeadLetter(v.rejection(), pseudonymizer.pseudonymizeTree(input.json()), false)
                        : new DeadLetter(v.rejection(), pseudonymizer.redactText(input.rawText()), true));
                continue;
            }
            CloudEvent event = pseudonymizer.pseudonymize(v.event());
            Mapped mapped = mapper.map(event, receivedAt);
            if (mapped.row() == null) {
                Rejection r = mapped.rejection(input.index());
                rejections.add(r);
                refused.add(new DeadLetter(r, event.toJson(), false));
                continue;
            }
            if (candidates.putIfAbsent(event.key(), new Candidate(event, mapped.row())) != null) {
                duplicates++;
            }
        }
        String requestId = UUID.randomUUID().toString();
        if (!refused.isEmpty()) {
            deadLetters.append(refused, receivedAt, requestId);
        }
        int accepted = 0;
        if (!candidates.isEmpty()) {
            // repeats are rare: prepare the lake objects for every candidate now, outside the lock, and prepare
            // again under it only if some turn out to be stored already
            List<CloudEvent> all = new ArrayList<>(candidates.size());
            candidates.values().forEach(c -> all.add(c.event()));
            LakeWriter.Prepared lakeObjects = lake.prepare(all);
            storeLock.lock();
            try {
                if (knownKeys == null || knownKeys.full()) {
                    knownKeys = seedKnownKeys(knownKeys == null ? 0 : knownKeys.added());
                }
                List<EventKey> maybeStored = new ArrayList<>();
                for (EventKey key : candidates.keySet()) {
                    if (knownKeys.mightContain(key)) {
                        maybeStored.add(key);
                    }
                }
                Set<EventKey> existing = maybeStored.isEmpty() ? Set.of() : warehouse.findExisting(maybeStored);
                List<CloudEvent> fresh = new ArrayList<>(candidates.size());
                List<FactRow> rows = new ArrayList<>(candidates.size());
                for (Map.Entry<EventKey, Candidate> c : candidates.entrySet()) {
                    if (existing.contains(c.getKey())) {
                        duplicates++;
                    } else {
                        fresh.add(c.getValue().event());
                        rows.add(c.getValue().row());
                    }
                }
                if (!rows.isEmpty()) {
                    // into the filter before the writes: should a write fail after storing part of the rows, a
                    // key in the filter costs a lookup on retry, a key missing from it would count twice
                    for (FactRow row : rows) {
                        knownKeys.add(new EventKey(row.source(), row.eventId()));
                    }
                    lake.write(fresh.size() == lakeObjects.events() ? lakeObjects : lake.prepare(fresh));
                    warehouse.append(rows);
                }
                accepted = rows.size();
            } finally {
                storeLock.unlock();
            }
        }
        rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new IngestionResult(accepted, duplicates, rejections);
    }

    /** A filter with room to grow, holding every stored key (read from the warehouse once, then kept current). */
    private EventKeyFilter seedKnownKeys(long atLeast) {
        EventKeyFilter filter = new EventKeyFilter(Math.max(1_000_000L, 2 * Math.max(storedKeys.countKeys(), atLeast)));
        storedKeys.forEachKey(filter::add);
        return filter;
    }

    private record Candidate(CloudEvent event, FactRow row) {
    }
}
