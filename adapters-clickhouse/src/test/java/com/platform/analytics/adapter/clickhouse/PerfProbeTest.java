package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.analysis.paths.PathDirection;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.retention.AnalysisRange;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.domain.analysis.retention.RetentionMode;
import com.platform.analytics.domain.analysis.retention.RetentionPeriod;
import com.platform.analytics.domain.event.EventTypes;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PerfProbeTest {
    @Test
    void probe() throws Exception {
        var dir = Files.createTempDirectory("probe");
        try (ChdbEngine engine = ChdbEngine.open(dir, 2)) {
            var w = new ClickHouseWarehouse(engine.transport(), "probe");
            w.migrate();
            String types = "['com.platform.auth.user.loggedin.v1','com.platform.catalog.game.viewed.v1','com.platform.catalog.game.searched.v1','com.platform.library.game.added.v1','com.platform.library.session.started.v1','com.platform.library.session.ended.v1','com.platform.payment.transaction.completed.v1','com.platform.download.started.v1']";
            long t0 = System.nanoTime();
            engine.transport().execute("INSERT INTO probe.events (source, event_id, type, is_registered_type, is_activity, ts, received_at, user_id) "
                    + "SELECT '/p', toString(number), " + types + "[1 + number % 8], 1, 1, "
                    + "toDateTime64('2026-03-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(cityHash64(number) % (30 * 86400000)), now64(3), "
                    + "concat('u', toString(cityHash64(number, 1) % 100000)) FROM numbers(5000000)");
            engine.transport().execute("INSERT INTO probe.events (source, event_id, type, is_registered_type, is_activity, ts, received_at, user_id) "
                    + "SELECT '/r', toString(number), 'com.platform.auth.user.registered.v1', 1, 1, "
                    + "toDateTime64('2026-03-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(cityHash64(number, 7) % (30 * 86400000)), now64(3), "
                    + "concat('u', toString(number)) FROM numbers(100000)");
            System.out.println("load ms " + (System.nanoTime() - t0) / 1_000_000);
            var r = new ClickHouseCohortRetention(engine.transport(), "probe");
            var p = new ClickHousePaths(engine.transport(), "probe");
            AnalysisRange range = new AnalysisRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-30"), ZoneId.of("UTC"));
            AnalysisRange msk = new AnalysisRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-30"), ZoneId.of("Europe/Moscow"));
            for (int i = 0; i < 3; i++) {
                long a = System.nanoTime();
                r.retention(new CohortRetentionQuery(range, RetentionPeriod.DAY, 30, RetentionMode.EXACT, EventTypes.USER_REGISTERED, null));
                long b = System.nanoTime();
                r.retention(new CohortRetentionQuery(msk, RetentionPeriod.DAY, 30, RetentionMode.UNBOUNDED, EventTypes.USER_REGISTERED, null));
                long c = System.nanoTime();
                var res = p.paths(new PathsQuery(range, PathDirection.FROM_START, EventTypes.USER_LOGGED_IN, 5, 10, 30));
                long d = System.nanoTime();
                p.paths(new PathsQuery(range, PathDirection.TO_END, EventTypes.TRANSACTION_COMPLETED, 5, 10, 30));
                long e = System.nanoTime();
                System.out.printf("retention utc/mart %d ms, msk/events unbounded %d ms, paths start %d ms (%d nodes), paths end %d ms%n",
                        (b - a) / 1_000_000, (c - b) / 1_000_000, (d - c) / 1_000_000, res.nodes().size(), (e - d) / 1_000_000);
            }
        }
    }
}
