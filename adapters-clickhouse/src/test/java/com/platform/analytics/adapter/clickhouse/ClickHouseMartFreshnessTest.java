package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The activity mart's freshness on real ClickHouse (chDB): the latest activity event of a known user, computed in
 * plain Java over the same generated events, with later events that must not count (not activity, anonymous, dated
 * in the future).
 */
class ClickHouseMartFreshnessTest {
    private static Path dataDir;
    private static ChdbEngine engine;

    @BeforeAll
    static void open() throws Exception {
        dataDir = Files.createTempDirectory("chdb-freshness-test");
        engine = ChdbEngine.open(dataDir, 2);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.transport().execute("DROP DATABASE IF EXISTS freshness_empty SYNC");
            engine.transport().execute("DROP DATABASE IF EXISTS freshness_test SYNC");
            engine.close();
        }
    }

    @Test
    void anEmptyMartHasNoFreshness() {
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), "freshness_empty");
        warehouse.migrate();
        ClickHouseMartFreshness freshness = new ClickHouseMartFreshness(engine.transport(), "freshness_empty");
        assertThat(freshness.marts()).containsExactly("daily_user_activity");
        assertThat(freshness.lastUpdate("daily_user_activity")).isEmpty();
        assertThatThrownBy(() -> freshness.lastUpdate("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theActivityMartIsAsFreshAsItsLatestActivityEvent() {
        ClickHouseWarehouse warehouse = new ClickHouseWarehouse(engine.transport(), "freshness_test");
        warehouse.migrate();
        Random random = new Random(66);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> types = List.of(EventTypes.USER_LOGGED_IN, EventTypes.GAME_VIEWED, EventTypes.NOTIFICATION_SENT,
                EventTypes.USER_BANNED, EventTypes.SESSION_ENDED);
        List<FactRow> rows = new ArrayList<>();
        List<Instant> counted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String type = types.get(random.nextInt(types.size()));
            Instant ts = now.minusMillis(1 + random.nextInt(5 * 86_400_000));
            boolean anonymous = random.nextInt(5) == 0;
            FactRows b = FactRows.event(type, ts.toString(), anonymous ? "" : "u" + random.nextInt(30));
            if (anonymous) {
                b.anonymous("a" + i);
            }
            rows.add(b.build());
            if (EventTypes.isActivity(type) && !anonymous) {
                counted.add(ts);
            }
        }
        // later than everything counted, yet not counted: not activity, anonymous, in the future
        rows.add(FactRows.event(EventTypes.NOTIFICATION_SENT, now.minusMillis(0).toString(), "u1").build());
        rows.add(FactRows.event(EventTypes.GAME_VIEWED, now.toString(), "").anonymous("anon").build());
        rows.add(FactRows.event(EventTypes.GAME_VIEWED, now.plusSeconds(3600).toString(), "u2").build());
        warehouse.append(rows);

        Instant expected = counted.stream().max(Comparator.naturalOrder()).orElseThrow();
        assertThat(new ClickHouseMartFreshness(engine.transport(), "freshness_test").lastUpdate("daily_user_activity"))
                .contains(expected);
    }
}
