package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metric values remembered for a short while: dashboards ask the same KPI again and again, and the warehouse answers
 * it the same until new events arrive. An answer is reused only while it is younger than {@code maxAge} and no event
 * was stored in this process since it was computed ({@link #invalidatingIngestion} wraps the pipeline); another
 * instance's events show after at most {@code maxAge}. The key is the query and the caller's scope, so a developer
 * never gets an answer computed for someone else. Least recently used answers go first beyond {@code maxEntries}.
 */
public final class CachedMetricQueries implements MetricQueriesUseCase {
    private final MetricQueriesUseCase delegate;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final Map<Key, Entry> entries;

    private record Key(MetricValuesQuery query, DataScope scope) {
    }

    private record Entry(MetricValues values, Instant computedAt, long generation) {
    }

    public CachedMetricQueries(MetricQueriesUseCase delegate, Duration maxAge, int maxEntries, Clock clock) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.maxAge = requireNonNull(maxAge, "maxAge is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (maxAge.isNegative() || maxAge.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("a cache needs a positive age and at least one entry");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > CachedMetricQueries.this.maxEntries;
            }
        };
    }

    @Override
    public List<MetricDefinition> definitions() {
        return delegate.definitions();
    }

    @Override
    public MetricDefinition definition(String name) {
        return delegate.definition(name);
    }

    @Override
    public MetricValues values(MetricValuesQuery query, DataScope scope) {
        Key key = new Key(query, scope);
        long current = generation.get();
        Instant now = clock.instant();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && e.generation() == current && now.isBefore(e.computedAt().plus(maxAge))) {
                return e.values();
            }
        }
        // computed outside the lock: one slow query does not hold up the others
        MetricValues values = delegate.values(query, scope);
        synchronized (entries) {
            entries.put(key, new Entry(values, now, current));
        }
        return values;
    }

    /** Forgets every answer: new events were stored. */
    public void invalidate() {
        generation.incrementAndGet();
        synchronized (entries) {
            entries.clear();
        }
    }

    /** The pipeline, invalidating this cache whenever a request stored events. */
    public IngestEventsUseCase invalidatingIngestion(IngestEventsUseCase ingestion) {
        requireNonNull(ingestion, "ingestion is null");
        return (format, body) -> {
            try {
                IngestionResult result = ingestion.ingest(format, body);
                if (result.accepted() > 0) {
                    invalidate();
                }
                return result;
            } catch (RuntimeException e) {
                invalidate(); // a failure may come after part of the rows were stored
                throw e;
            }
        };
    }
}
