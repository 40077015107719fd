package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.event.Parallel;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.Validated;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.fact.Mapped;
import com.platform.analytics.domain.json.Json;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ingestion pipeline: decode, validate, pseudonymize, deduplicate, raw lake, warehouse.
 *
 * <p>Validation, pseudonymization and the lake write run on the caller's thread, so requests proceed in
 * parallel. The final duplicate check and the warehouse write run under one lock: a check and the write that
 * makes it true must not interleave with another request's, or two copies of one event arriving at once would
 * both count. Events reach the lake before the warehouse: if the warehouse write fails the request fails, the
 * client retries, and the warehouse (the source of every number) still holds each event once; the lake may
 * then hold a repeat, as it may when two copies race, and readers of the lake drop repeats by
 * ({@code source}, {@code id}).
 *
 * <p>When a pseudonym vault is configured ({@link RealIdRecording}), the real {@code data.userId} of every event about
 * to be stored is written to it, encrypted, before the lake and the warehouse: a vault failure fails the request like
 * any store failure, and the retry writes it again. Without a vault nothing of the real ids outlives the request.
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
    private final Optional<RealIdRecording> realIds;
    private final ReentrantLock storeLock = new ReentrantLock(true);
    private final Object filterLock = new Object();
    /** Keys of stored events, seeded from the warehouse on first use; guarded by {@link #filterLock}. */
    private EventKeyFilter knownKeys;

    @Inject
    public IngestionService(EventBatchDecoder decoder, EventValidator validator, Pseudonymizer pseudonymizer,
            FactRowMapper mapper, EventWarehouse warehouse, StoredEventKeys storedKeys, LakeWriter lake,
            DeadLetterWriter deadLetters, Clock clock) {
        this(decoder, validator, pseudonymizer, mapper, warehouse, storedKeys, lake, deadLetters, clock, Optional.empty());
    }

    /** As the other constructor, and with a vault when {@code realIds} is present. */
    public IngestionService(EventBatchDecoder decoder, EventValidator validator, Pseudonymizer pseudonymizer,
            FactRowMapper mapper, EventWarehouse warehouse, StoredEventKeys storedKeys, LakeWriter lake,
            DeadLetterWriter deadLetters, Clock clock, Optional<RealIdRecording> realIds) {
        this.realIds = requireNonNull(realIds, "realIds is null");
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
        Map<EventKey, Integer> indexOf = new java.util.HashMap<>();
        List<Integer> duplicateIndexes = new ArrayList<>();
        // validation, pseudonymization and mapping of each event are independent: spread over the cores; what they
        // give is then taken in request order, so "first occurrence wins" and indexes are as sent
        Outcome[] outcomes = new Outcome[inputs.size()];
        Parallel.forEachIndex(inputs.size(), i -> outcomes[i] = process(inputs.get(i), receivedAt));
        for (int i = 0; i < outcomes.length; i++) {
            Outcome o = outcomes[i];
            if (o.rejection() != null) {
                rejections.add(o.rejection());
                refused.add(o.deadLetter());
            } else if (candidates.putIfAbsent(o.candidate().event().key(), o.candidate()) != null) {
                duplicateIndexes.add(i);
            } else {
                indexOf.put(o.candidate().event().key(), i);
            }
        }
        String requestId = UUID.randomUUID().toString();
        if (!refused.isEmpty()) {
            deadLetters.append(refused, receivedAt, requestId);
        }
        int accepted = 0;
        if (!candidates.isEmpty()) {
            // outside the lock, a read: drop what is certainly stored already, then write the rest to the lake,
            // so the lake holds an event before the warehouse can
            Set<EventKey> stored = storedAmong(candidates.keySet(), false);
            stored.forEach(k -> duplicateIndexes.add(indexOf.get(k)));
            candidates.keySet().removeAll(stored);
        }
        if (!candidates.isEmpty() && realIds.isPresent()) {
            rememberRealIds(candidates.values(), realIds.get());
        }
        if (!candidates.isEmpty()) {
            List<LakeWriter.Entry> entries = new ArrayList<>(candidates.size());
            candidates.values().forEach(c -> entries.add(new LakeWriter.Entry(c.event(), c.row().dataJson())));
            lake.append(entries);
            storeLock.lock();
            try {
                // again under the lock: a request running alongside may have stored some of them meanwhile
                // (their copy in the lake is then a repeat, which readers of the lake drop)
                Set<EventKey> storedMeanwhile = storedAmong(candidates.keySet(), true);
                List<FactRow> rows = new ArrayList<>(candidates.size());
                for (Map.Entry<EventKey, Candidate> c : candidates.entrySet()) {
                    if (storedMeanwhile.contains(c.getKey())) {
                        duplicateIndexes.add(indexOf.get(c.getKey()));
                    } else {
                        rows.add(c.getValue().row());
                    }
                }
                if (!rows.isEmpty()) {
                    // into the filter before the write: should it fail after storing part of the rows, a key in
                    // the filter costs a lookup on retry, a key missing from it would count twice
                    synchronized (filterLock) {
                        for (FactRow row : rows) {
                            knownKeys.add(new EventKey(row.source(), row.eventId()));
                        }
                    }
                    warehouse.append(rows);
                }
                accepted = rows.size();
            } finally {
                storeLock.unlock();
            }
        }
        rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
        duplicateIndexes.sort(null);
        return new IngestionResult(accepted, duplicateIndexes.size(), rejections, duplicateIndexes);
    }

    /** One event's validation, pseudonymization and mapping; touches nothing shared. */
    private Outcome process(EventInput input, Instant receivedAt) {
        Validated v = validator.validate(input);
        if (v.rejection() != null) {
            return new Outcome(null, v.rejection(), input.isParsed()
                    ? new DeadLetter(v.rejection(), pseudonymizer.pseudonymizeTree(input.json()), false)
                    : new DeadLetter(v.rejection(), pseudonymizer.redactText(input.rawText()), true));
        }
        CloudEvent event = pseudonymizer.pseudonymize(v.event());
        Mapped mapped = mapper.map(event, receivedAt);
        if (mapped.row() == null) {
            Rejection r = mapped.rejection(input.index());
            return new Outcome(null, r, new DeadLetter(r, event.toJson(), false));
        }
        String realUserId = realIds.isPresent() && !mapped.row().userId().isEmpty() ? realUserId(v.event()) : null;
        return new Outcome(new Candidate(event, mapped.row(), realUserId), null, null);
    }

    /**
     * The {@code data.userId} the event was sent with, as the pseudonymizer and the fact mapper read it (a string, or
     * a number by its JSON text); null when there is none to keep.
     */
    private static String realUserId(CloudEvent unpseudonymized) {
        Object id = unpseudonymized.data().get("userId");
        String text = id instanceof String s ? s : id instanceof Number n ? Json.write(n) : null;
        return text == null || text.isBlank() ? null : text;
    }

    /** One vault write for the request: every user among the events about to be stored, by pseudonym. */
    private static void rememberRealIds(Iterable<Candidate> candidates, RealIdRecording recording) {
        Map<String, String> byPseudonym = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.realUserId() != null) {
                byPseudonym.putIfAbsent(c.row().userId(), c.realUserId());
            }
        }
        if (!byPseudonym.isEmpty()) {
            recording.remember(byPseudonym);
        }
    }

    /** What became of one event: a candidate for storing, or a rejection and its dead letter. */
    private record Outcome(Candidate candidate, Rejection rejection, DeadLetter deadLetter) {
    }

    /**
     * The keys among {@code keys} already stored. The filter of known keys answers "certainly not" for most;
     * the warehouse is asked about the rest. Seeding or growing the filter reads every stored key, which is
     * exact only while no write is in progress: it happens under the store lock alone; without the lock, an
     * unseeded filter is not consulted and nothing is reported stored.
     */
    private Set<EventKey> storedAmong(Set<EventKey> keys, boolean underStoreLock) {
        List<EventKey> maybeStored = new ArrayList<>();
        synchronized (filterLock) {
            if (underStoreLock && (knownKeys == null || knownKeys.full())) {
                knownKeys = seedKnownKeys(knownKeys == null ? 0 : knownKeys.added());
            }
            if (knownKeys == null) {
                return Set.of();
            }
            for (EventKey key : keys) {
                if (knownKeys.mightContain(key)) {
                    maybeStored.add(key);
                }
            }
        }
        return maybeStored.isEmpty() ? Set.of() : warehouse.findExisting(maybeStored);
    }

    /** A filter with room to grow, holding every stored key (read from the warehouse once, then kept current). */
    private EventKeyFilter seedKnownKeys(long atLeast) {
        EventKeyFilter filter = new EventKeyFilter(Math.max(1_000_000L, 2 * Math.max(storedKeys.countKeys(), atLeast)));
        storedKeys.forEachKey(filter::add);
        return filter;
    }

    /** An event to store; {@code realUserId} (the user its row's pseudonym stands for) only when a vault is configured. */
    private record Candidate(CloudEvent event, FactRow row, String realUserId) {
    }
}
