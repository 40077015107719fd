package com.platform.analytics.bootstrap;

import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.adapter.clickhouse.ClickHouseConfig;
import com.platform.analytics.adapter.clickhouse.ClickHouseTransport;
import com.platform.analytics.domain.analysis.experiment.ExperimentQuery;
import com.platform.analytics.domain.analysis.experiment.ExperimentReport;
import com.platform.analytics.domain.analysis.paths.PathsQuery;
import com.platform.analytics.domain.analysis.retention.CohortRetentionQuery;
import com.platform.analytics.port.in.CohortRetentionUseCase;
import com.platform.analytics.port.in.PathsUseCase;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.in.ExperimentUseCase;
import com.platform.analytics.port.in.FunnelUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The analyses benchmark ({@code bench/analysis}): each analysis through its use case (validation, SQL, the
 * domain's post-processing) against a hand-written SQL baseline computing the same numbers, run directly on the
 * engine, in the same run on the same data. Each is run once to warm up, then {@link #RUNS} times taking turns with
 * its baseline; the medians count.
 * The data is a data directory the demo generator's events were ingested into (see bench/analysis/run.sh).
 */
final class AnalysisBenchmark {
    static final int RUNS = 9;
    private static final String VIEWED = "com.platform.catalog.game.viewed.v1";
    private static final String ADDED = "com.platform.library.game.added.v1";
    private static final String PAID = "com.platform.payment.transaction.completed.v1";
    private static final String REFUNDED = "com.platform.payment.refund.processed.v1";
    private static final String SESSION = "com.platform.library.session.started.v1";
    private static final String LOGIN = "com.platform.auth.user.loggedin.v1";
    private static final String EXPOSED = "com.platform.marketing.experiment.exposed.v1";

    private final Path dataDir;
    private final String from;
    private final String to;
    private final String only;
    private final PrintStream out;
    private final Map<String, String> env;

    /** @param only run the cases whose name contains this ("" for all) */
    AnalysisBenchmark(Path dataDir, String from, String to, String only, PrintStream out, Map<String, String> env) {
        this.dataDir = dataDir;
        this.from = from;
        this.to = to;
        this.only = only;
        this.out = out;
        this.env = env;
    }

    /**
     * @param agreement when the analysis and its baseline compute the same numbers by definition: what each says,
     *     compared once before timing (a benchmark of a wrong answer would measure nothing); null when they differ by
     *     design (the funnel's exact chains against windowFunnel, paths' sessions against first events)
     */
    private record Case(String name, Supplier<Object> analysis, Supplier<Object> baseline,
            BiFunction<Object, Object, List<String>> agreement) {
        Case(String name, Supplier<Object> analysis, Supplier<Object> baseline) {
            this(name, analysis, baseline, null);
        }
    }

    int run() {
        if (!Files.isDirectory(dataDir.resolve("warehouse"))) {
            throw new IllegalStateException("no ingested data in " + dataDir + ": run bench/analysis/run.sh, which prepares it");
        }
        AnalyticsConfig config = ConfigLoader.load(null, env, Map.of("data_dir", dataDir.toString(), "server.port", "0"));
        try (AnalyticsRuntime runtime = AnalyticsRuntime.start(config, env)) {
            ClickHouseTransport engine = runtime.get(ClickHouseTransport.class);
            String db = runtime.get(ClickHouseConfig.class).database();
            String events = db + ".events";
            out.printf("bench: data in %s: %s events, %s users; range %s..%s%n", dataDir,
                    engine.query("SELECT count() FROM " + events, "TabSeparated").trim(),
                    engine.query("SELECT uniqExact(user_id) FROM " + events + " WHERE user_id != ''", "TabSeparated").trim(), from, to);
            List<Case> cases = new ArrayList<>();
            FunnelUseCase funnels = runtime.get(FunnelUseCase.class);
            cases.add(new Case("funnel, 3 steps (viewed → added → paid, 7 days)",
                    () -> funnels.funnel(DataScope.ALL_GAMES, FunnelQuery.parse(Json.parse(funnelBody(List.of(VIEWED, ADDED, PAID))))),
                    () -> engine.query(funnelBaseline(events, List.of(VIEWED, ADDED, PAID)), "TabSeparated")));
            List<String> twenty = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                twenty.add(List.of(VIEWED, ADDED, SESSION, PAID).get(i % 4));
            }
            cases.add(new Case("funnel, 20 steps",
                    () -> funnels.funnel(DataScope.ALL_GAMES, FunnelQuery.parse(Json.parse(funnelBody(twenty)))),
                    () -> engine.query(funnelBaseline(events, twenty), "TabSeparated")));
            CohortRetentionUseCase retention = runtime.get(CohortRetentionUseCase.class);
            String retentionTo = java.time.LocalDate.parse(from).plusDays(29).toString();
            cases.add(new Case("retention 30 × 30 (registration cohorts, daily, exact, any activity)",
                    () -> retention.retention(DataScope.ALL_GAMES, CohortRetentionQuery.fromJson(Json.parseObject("{\"from\":\"" + from + "\",\"to\":\""
                            + retentionTo + "\",\"period\":\"day\",\"periods\":29,\"mode\":\"exact\"}"))),
                    () -> engine.query(retentionBaseline(events, db + ".mart_user_activity_daily", retentionTo), "TabSeparated")));
            PathsUseCase paths = runtime.get(PathsUseCase.class);
            cases.add(new Case("paths, 5 steps after a login (top 10, 30-minute sessions)",
                    () -> paths.paths(DataScope.ALL_GAMES, PathsQuery.fromJson(Json.parseObject("{\"from\":\"" + from + "\",\"to\":\"" + to
                            + "\",\"start\":\"" + LOGIN + "\",\"steps\":5,\"topN\":10,\"sessionGapMinutes\":30}"))),
                    () -> engine.query(pathsBaseline(events), "TabSeparated")));
            ExperimentUseCase experiments = runtime.get(ExperimentUseCase.class);
            String experiment = engine.query("SELECT experiment_key FROM " + events + " WHERE type = '" + EXPOSED
                    + "' GROUP BY experiment_key ORDER BY count() DESC LIMIT 1", "TabSeparated").trim();
            cases.add(new Case("experiment '" + experiment + "', conversion to a purchase within 14 days",
                    () -> experiments.analyze(DataScope.ALL_GAMES, ExperimentQuery.parse(experiment, Json.parseObject(
                            "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"goal\":{\"event\":\"" + PAID + "\"},\"window\":\"P14D\"}"))),
                    () -> engine.query(experimentBaseline(events, experiment), "TabSeparated"),
                    (report, rows) -> List.of(((ExperimentReport) report).variants().stream()
                            .map(v -> v.variant() + "\t" + v.users() + "\t" + v.conversions()).sorted()
                            .reduce((a, b) -> a + "\n" + b).orElse(""), ((String) rows).trim())));
            SegmentsUseCase segments = runtime.get(SegmentsUseCase.class);
            SegmentDefinition segment = segments.definitions().stream().filter(d -> d.name().equals("bench_payers_1000"))
                    .findFirst().orElseGet(() -> segments.create(SegmentDraft.fromJson(Json.parse("""
                            {"name":"bench_payers_1000","displayNameRu":"Плательщики от 1000 ₽","type":"dynamic",
                             "criteria":{"type":"AND","conditions":[
                               {"field":"user.total_payments_sum_rub","operator":">=","value":1000},
                               {"field":"user.payments_count","operator":">=","value":2}]}}"""))));
            cases.add(new Case("segment refresh (net payments ≥ 1000 RUB in ≥ 2 payments; snapshot written)",
                    () -> segments.refresh(segment.id()),
                    () -> segmentBaseline(engine, db, events),
                    (outcome, count) -> List.of(String.valueOf(((SegmentsUseCase.RefreshOutcome) outcome).definition()
                            .currentUserCount()), ((String) count).trim())));
            out.println();
            out.println("| analysis | median ms | baseline median ms | ratio |");
            out.println("|---|---:|---:|---:|");
            for (Case c : cases) {
                if (!c.name().contains(only)) {
                    continue;
                }
                if (c.agreement() != null) {
                    List<String> both = c.agreement().apply(c.analysis().get(), c.baseline().get());
                    if (!both.get(0).equals(both.get(1))) {
                        throw new IllegalStateException(c.name() + ": the analysis says\n" + both.get(0)
                                + "\nbut its baseline says\n" + both.get(1));
                    }
                    out.printf("  %s: the analysis and its baseline agree (%s)%n", c.name(), both.get(0).replace("\n", "; "));
                }
                long[] medians = interleavedMedians(c.analysis(), c.baseline());
                long analysis = medians[0];
                long baseline = medians[1];
                out.printf("| %s | %,d | %,d | %.2f |%n", c.name(), analysis, baseline, (double) analysis / Math.max(1, baseline));
                out.flush();
            }
        }
        return 0;
    }

    private String funnelBody(List<String> steps) {
        StringBuilder sb = new StringBuilder("{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"tz\":\"UTC\",\"window\":\"P7D\",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"event\":\"").append(steps.get(i)).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** The engine's own funnel function over the same range: users per deepest step reached. */
    private String funnelBaseline(String events, List<String> steps) {
        StringBuilder conditions = new StringBuilder();
        for (String s : steps) {
            conditions.append(", type = '").append(s).append('\'');
        }
        String types = String.join("', '", steps.stream().distinct().toList());
        return "SELECT level, count() FROM (SELECT user_id, windowFunnel(604800000, 'strict_increase')"
                + "(toUInt64(toUnixTimestamp64Milli(ts))" + conditions + ") AS level FROM " + events
                + " WHERE user_id != '' AND type IN ('" + types + "') AND ts >= toDateTime64('" + from + " 00:00:00', 3, 'UTC')"
                + " AND ts < toDateTime64('" + to + " 00:00:00', 3, 'UTC') + INTERVAL 8 DAY GROUP BY user_id)"
                + " GROUP BY level ORDER BY level";
    }

    /** Cohort sizes and users active on day C+N, from the daily activity mart, registration cohorts. */
    private String retentionBaseline(String events, String mart, String retentionTo) {
        return "SELECT cohort, dateDiff('day', cohort, day) AS n, uniqExact(user_id) FROM (SELECT user_id, toDate(min(ts)) AS cohort FROM "
                + events + " WHERE type = 'com.platform.auth.user.registered.v1' AND user_id != '' GROUP BY user_id"
                + " HAVING cohort BETWEEN '" + from + "' AND '" + retentionTo + "') AS c INNER JOIN (SELECT DISTINCT day, user_id FROM "
                + mart + " WHERE day BETWEEN '" + from + "' AND '" + retentionTo + "') AS a USING (user_id)"
                + " WHERE day >= cohort GROUP BY cohort, n ORDER BY cohort, n";
    }

    /** Each user's first login session in range: the next 5 activity event types, counted per (step, type). */
    private String pathsBaseline(String events) {
        return "SELECT step, type, count() FROM (SELECT user_id, arraySlice(arrayMap(x -> x.2, arraySort(x -> x.1,"
                + " groupArray((ts, type)))), 1, 6) AS seq FROM " + events + " WHERE user_id != '' AND is_activity = 1"
                + " AND ts >= toDateTime64('" + from + " 00:00:00', 3, 'UTC') AND ts < toDateTime64('" + to
                + " 00:00:00', 3, 'UTC') + INTERVAL 1 DAY GROUP BY user_id HAVING has(seq, '" + LOGIN + "'))"
                + " ARRAY JOIN seq AS type, arrayEnumerate(seq) AS step GROUP BY step, type ORDER BY step, count() DESC";
    }

    /** Per variant: exposed users (first exposure in range, one variant only) and those who paid within 14 days. */
    private String experimentBaseline(String events, String experiment) {
        return "SELECT chosen, count(), countIf(converted) FROM (SELECT user_id, argMinIf(variant, ts, type = '" + EXPOSED
                + "') AS chosen, uniqExactIf(variant, type = '" + EXPOSED + "') AS variants_seen, minIf(ts, type = '" + EXPOSED
                + "') AS exposed_at, arrayExists(t -> t >= exposed_at AND t <= exposed_at + INTERVAL 14 DAY, groupArrayIf(ts, type = '"
                + PAID + "')) AS converted FROM " + events + " WHERE user_id != '' AND ((type = '" + EXPOSED
                + "' AND experiment_key = '" + experiment + "') OR type = '" + PAID + "') GROUP BY user_id"
                + " HAVING variants_seen = 1 AND exposed_at >= toDateTime64('" + from + " 00:00:00', 3, 'UTC')"
                + " AND exposed_at < toDateTime64('" + to + " 00:00:00', 3, 'UTC') + INTERVAL 1 DAY) GROUP BY chosen ORDER BY chosen";
    }

    /** The members of the benchmark's segment, counted (the refresh also writes them as a snapshot). */
    /**
     * What a refresh written by hand would do: the members from the payment and refund events alone (a user without
     * any cannot match), written as a snapshot into a table of the same shape as the service's, then counted together
     * with how many users differ from the previous snapshot (what decides whether segment.updated goes out).
     */
    private static String segmentBaseline(ClickHouseTransport engine, String db, String events) {
        engine.execute("CREATE TABLE IF NOT EXISTS " + db + ".bench_segment_members (segment_id String, calculated_at"
                + " DateTime64(3, 'UTC'), user_id String) ENGINE = MergeTree ORDER BY (segment_id, calculated_at, user_id)");
        String at = "toDateTime64('" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString().replace('T', ' ').replace("Z", "") + "', 3, 'UTC')";
        engine.execute("INSERT INTO " + db + ".bench_segment_members SELECT 'bench', " + at + ", user_id FROM (SELECT user_id,"
                + " sumIf(amount_rub, type = '" + PAID + "') - sumIf(amount_rub, type = '" + REFUNDED + "') AS net,"
                + " countIf(type = '" + PAID + "') AS payments FROM " + events + " WHERE user_id != '' AND type IN ('" + PAID
                + "', '" + REFUNDED + "') GROUP BY user_id HAVING net >= 1000 AND payments >= 2)");
        String previous = "(SELECT max(calculated_at) FROM " + db + ".bench_segment_members WHERE segment_id = 'bench' AND"
                + " calculated_at < " + at + ")";
        String counts = engine.query("SELECT countIf(last = " + at + "), countIf(snapshots = 1) FROM (SELECT user_id,"
                + " count() AS snapshots, max(calculated_at) AS last FROM " + db + ".bench_segment_members WHERE segment_id = 'bench'"
                + " AND calculated_at IN (" + at + ", " + previous + ") GROUP BY user_id)", "TabSeparated");
        return counts.split("\t")[0];
    }

    /**
     * The median wall times of {@link #RUNS} runs of each, after one of each not counted, the two taking turns so that
     * whatever else the machine does at a moment weighs on both alike.
     */
    private static long[] interleavedMedians(Supplier<Object> analysis, Supplier<Object> baseline) {
        analysis.get();
        baseline.get();
        long[] a = new long[RUNS];
        long[] b = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            a[i] = timed(analysis);
            b[i] = timed(baseline);
        }
        Arrays.sort(a);
        Arrays.sort(b);
        return new long[] {a[RUNS / 2], b[RUNS / 2]};
    }

    private static long timed(Supplier<Object> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data-dir", "bench/results/analysis/data-260k-60d");
        // the demo generator's 60 days: the 60 days before 2026-03-01
        d.put("from", "2025-12-31");
        d.put("to", "2026-02-28");
        return d;
    }
}
