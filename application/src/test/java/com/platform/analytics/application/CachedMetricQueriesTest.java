package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.metric.Granularity;
import com.platform.analytics.domain.metric.MetricDefinition;
import com.platform.analytics.domain.metric.MetricValues;
import com.platform.analytics.domain.metric.MetricValuesQuery;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.port.in.IngestEventsUseCase;
import com.platform.analytics.port.in.IngestionResult;
import com.platform.analytics.port.in.MetricQueriesUseCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedMetricQueriesTest {
    /** Counts the queries that reach it; each answer is a new object, so reuse is visible by identity. */
    private static final class CountingQueries implements MetricQueriesUseCase {
        final List<String> asked = new ArrayList<>();

        @Override
        public List<MetricDefinition> definitions() {
            return List.of();
        }

        @Override
        public MetricDefinition definition(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MetricValues values(MetricValuesQuery query, DataScope scope) {
            asked.add(query.metricName() + " " + scope.developerId().orElse("*"));
            return new MetricValues(query, "users", List.of());
        }
    }

    private static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final CountingQueries queries = new CountingQueries();
    private final SteppingClock clock = new SteppingClock();
    private final CachedMetricQueries cache = new CachedMetricQueries(queries, Duration.ofSeconds(30), 2, clock);

    private static MetricValuesQuery dau(String to) {
        return new MetricValuesQuery("dau", LocalDate.parse("2026-03-01"), LocalDate.parse(to), Granularity.DAY, ZoneId.of("UTC"),
                List.of(), Map.of());
    }

    @Test
    void theSameQueryOfTheSameScopeIsAnsweredOnceUntilItAges() {
        MetricValues first = cache.values(dau("2026-03-07"), DataScope.ALL_GAMES);
        assertThat(cache.values(dau("2026-03-07"), DataScope.ALL_GAMES)).isSameAs(first);
        assertThat(cache.values(dau("2026-03-07"), DataScope.developer("dev-a"))).isNotSameAs(first);
        assertThat(queries.asked).containsExactly("dau *", "dau dev-a");

        clock.now = clock.now.plusSeconds(30);
        assertThat(cache.values(dau("2026-03-07"), DataScope.ALL_GAMES)).as("30 s old: computed again").isNotSameAs(first);
        assertThat(queries.asked).hasSize(3);
    }

    @Test
    void storingEventsForgetsEveryAnswerAndNothingStoredForgetsNothing() {
        IngestionResult none = new IngestionResult(0, 3, List.of());
        IngestionResult some = new IngestionResult(2, 0, List.of());
        IngestionResult[] next = {none};
        IngestEventsUseCase ingestion = cache.invalidatingIngestion((format, body) -> next[0]);

        MetricValues first = cache.values(dau("2026-03-07"), DataScope.ALL_GAMES);
        ingestion.ingest(BodyFormat.BATCH, "[]");
        assertThat(cache.values(dau("2026-03-07"), DataScope.ALL_GAMES)).as("only duplicates: same answer").isSameAs(first);
        next[0] = some;
        ingestion.ingest(BodyFormat.BATCH, "[]");
        assertThat(cache.values(dau("2026-03-07"), DataScope.ALL_GAMES)).isNotSameAs(first);

        MetricValues second = cache.values(dau("2026-03-07"), DataScope.ALL_GAMES);
        IngestEventsUseCase failing = cache.invalidatingIngestion((format, body) -> {
            throw new IllegalStateException("lake down after the warehouse insert");
        });
        assertThatThrownBy(() -> failing.ingest(BodyFormat.BATCH, "[]")).isInstanceOf(IllegalStateException.class);
        assertThat(cache.values(dau("2026-03-07"), DataScope.ALL_GAMES)).as("a failure may have stored part").isNotSameAs(second);
    }

    @Test
    void theLeastRecentlyUsedAnswerGoesFirst() {
        cache.values(dau("2026-03-07"), DataScope.ALL_GAMES);
        cache.values(dau("2026-03-08"), DataScope.ALL_GAMES);
        cache.values(dau("2026-03-07"), DataScope.ALL_GAMES); // used again: 03-08 is now the eldest
        cache.values(dau("2026-03-09"), DataScope.ALL_GAMES);
        int before = queries.asked.size();
        cache.values(dau("2026-03-07"), DataScope.ALL_GAMES);
        assertThat(queries.asked).hasSize(before);
        cache.values(dau("2026-03-08"), DataScope.ALL_GAMES);
        assertThat(queries.asked).hasSize(before + 1);
    }
}
