package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.platform.analytics.domain.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real executable, end to end: {@code bin/analytics serve} on a free port, events over HTTP (the
 * contract's examples, a scenario with duplicates, late events, +03:00 offsets, a foreign currency, invalid
 * and unknown events), then every KPI checked against {@link KpiModel}, an independent computation.
 */
class EndToEndIT {
    private static final String RANGE_FROM = "2026-03-01";
    private static final String RANGE_TO = "2026-03-16";
    private static final Map<String, BigDecimal> RATES = Map.of("RUB", BigDecimal.ONE, "USD", new BigDecimal("90"));
    private static final List<String> DAILY = List.of("dau", "wau", "mau", "stickiness", "new_users", "paying_users",
            "gross_revenue", "refunds", "net_revenue", "sessions", "playtime_seconds", "avg_session_seconds");

    @TempDir
    Path dataDir;

    private final List<Map<String, Object>> accepted = new ArrayList<>();
    private final Set<String> rawIdentifiers = new LinkedHashSet<>();

    private static String user(int i) {
        return Scenario.user(i);
    }

    @Test
    void eventsInCorrectKpisOut() throws Exception {
        // the access log on and the service at DEBUG: the most the logs can say, and still no personal data
        Map<String, String> env = Map.of("ANALYTICS_CURRENCY_RATES_RUB_USD", "90", "ANALYTICS_LOGGING_ACCESS_LOG", "true",
                "ANALYTICS_LOGGING_LEVEL", "DEBUG");
        List<String> logs;
        try (ServiceProcess service = ServiceProcess.start(dataDir, env)) {
            // 1. the contract's 20 examples, one request each (application/cloudevents+json)
            for (Map<String, Object> example : examples()) {
                ServiceProcess.Response r = service.post("/events", "application/cloudevents+json", Json.write(example));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.data().get("accepted")).as(r.body()).isEqualTo(1L);
                accepted.add(example);
            }

            // 2. the scenario as a batch, with in-batch duplicates and invalid events at known indexes
            List<Map<String, Object>> scenario = scenario();
            List<Object> batch = new ArrayList<>(scenario);
            batch.add(scenario.get(0));                                   // duplicate in the same request
            batch.add(scenario.get(5));                                   // another
            int firstInvalid = batch.size();
            batch.add(Scenario.withData(Scenario.login(user(0), "2026-03-03T10:00:00Z", "pc"), "userId", "not-a-uuid")); // INVALID_DATA /data/userId
            batch.add(Scenario.withoutData(Scenario.login(user(0), "2026-03-03T10:00:00Z", "pc"), "userId")); // INVALID_DATA, required
            batch.add(tracked(Scenario.payment(user(0), "2026-03-05T12:00:00Z", "10.00", "XYZ"))); // UNSUPPORTED_CURRENCY
            Map<String, Object> badVersion = tracked(Scenario.registered(UUID.randomUUID().toString(), "2026-03-03T10:00:00Z", "pc"));
            badVersion.put("specversion", "0.3");
            batch.add(badVersion);                                        // INVALID_ENVELOPE
            Map<String, Object> unknown = tracked(Scenario.event("/new-service", "com.platform.brandnew.thing.happened.v1",
                    "2026-03-04T10:00:00Z", Map.of("userId", user(1), "whatever", 1)));
            batch.add(unknown);                                           // accepted, lake only
            ServiceProcess.Response r = service.post("/events", "application/cloudevents-batch+json", Json.write(batch));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Map<String, Object> d = r.data();
            assertThat(d.get("accepted")).as(r.body()).isEqualTo((long) scenario.size() + 1);
            assertThat(d.get("duplicates")).isEqualTo(2L);
            assertThat(d.get("rejected")).isEqualTo(4L);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors = (List<Map<String, Object>>) d.get("errors");
            assertThat(errors).extracting(e -> e.get("index")).containsExactly((long) firstInvalid, firstInvalid + 1L,
                    firstInvalid + 2L, firstInvalid + 3L);
            assertThat(errors).extracting(e -> e.get("code")).containsExactly("INVALID_DATA", "INVALID_DATA",
                    "UNSUPPORTED_CURRENCY", "INVALID_ENVELOPE");
            assertThat(Json.write(errors.get(0))).contains("/data/userId");
            assertThat(Json.write(errors.get(2))).contains("XYZ");
            accepted.addAll(scenario);

            // 3. NDJSON: a late event (days ago), repeats of earlier events, and a line that does not parse
            Map<String, Object> late = tracked(Scenario.sessionEnded(user(2), "2026-03-02T09:00:00Z", 1234));
            String ndjson = Json.write(late) + "\n" + Json.write(scenario.get(1)) + "\n{not json\n" + Json.write(examples().get(0)) + "\n";
            r = service.post("/events", "application/x-ndjson", ndjson);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.data()).containsEntry("accepted", 1L).containsEntry("duplicates", 2L).containsEntry("rejected", 1L);
            accepted.add(late);

            KpiModel model = new KpiModel(accepted, RATES);
            assertDailyKpis(service, model);
            assertPeriodKpis(service, model);
            assertZoneAndBreakdown(service, model);
            assertErrors(service);
            assertThat(service.stop()).as("exit code after SIGTERM").isIn(0, 143);
            logs = service.output();
        }
        assertJsonLogsWithoutPersonalData(logs);

        // 4. no raw identifier anywhere on disk: lake (gunzipped), warehouse, metadata, dead letters
        assertNoRawIdentifiersUnder(dataDir);
        assertThat(listFiles(dataDir.resolve("lake/dead_letter"))).as("dead letters kept").isNotEmpty();
        assertThat(listFiles(dataDir.resolve("lake/raw_events/service_name=new-service"))).as("unknown type kept in the lake").isNotEmpty();

        // 5. a restart on the same data: same numbers, and an old event is still a duplicate
        try (ServiceProcess again = ServiceProcess.start(dataDir, env)) {
            ServiceProcess.Response r = again.post("/events", "application/cloudevents+json", Json.write(accepted.get(3)));
            assertThat(r.data()).as(r.body()).containsEntry("accepted", 0L).containsEntry("duplicates", 1L);
            assertDailyKpis(again, new KpiModel(accepted, RATES));
        }
    }

    private void assertDailyKpis(ServiceProcess service, KpiModel model) throws Exception {
        for (String metric : DAILY) {
            ServiceProcess.Response r = service.get("/metrics/values/" + metric + "?from=" + RANGE_FROM + "&to=" + RANGE_TO + "&granularity=day");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            List<Map<String, Object>> points = points(r, 0);
            assertThat(points).hasSize(16);
            for (Map<String, Object> p : points) {
                LocalDate day = LocalDate.parse((String) p.get("bucket"));
                BigDecimal expected = model.daily(day).get(metric);
                Object got = p.get("value");
                if (expected == null) {
                    assertThat(got).as(metric + " " + day).isIn(Json.NULL, null);
                } else {
                    assertThat(decimal(got)).as(metric + " " + day).isCloseTo(expected, within(new BigDecimal("0.0001")));
                }
            }
        }
    }

    private void assertPeriodKpis(ServiceProcess service, KpiModel model) throws Exception {
        Map<String, BigDecimal> period = model.period(LocalDate.parse(RANGE_FROM), LocalDate.parse(RANGE_TO));
        for (String metric : List.of("dau", "arpu", "arppu", "paying_conversion", "net_revenue")) {
            ServiceProcess.Response r = service.get("/metrics/values/" + metric + "?from=" + RANGE_FROM + "&to=" + RANGE_TO + "&granularity=total");
            List<Map<String, Object>> points = points(r, 0);
            assertThat(points).hasSize(1);
            assertThat(decimal(points.get(0).get("value"))).as(metric + " over the period").isCloseTo(period.get(metric), within(new BigDecimal("0.0001")));
        }
        // distinct over a week, never the sum of days
        ServiceProcess.Response weekly = service.get("/metrics/values/dau?from=2026-03-02&to=2026-03-08&granularity=week");
        long distinctWeek = model.period(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08")).get("dau").longValue();
        assertThat(decimal(points(weekly, 0).get(0).get("value")).longValue()).isEqualTo(distinctWeek);
    }

    private void assertZoneAndBreakdown(ServiceProcess service, KpiModel model) throws Exception {
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        ServiceProcess.Response r = service.get("/metrics/values/dau?from=" + RANGE_FROM + "&to=" + RANGE_TO + "&granularity=day&tz=Europe/Moscow");
        for (Map<String, Object> p : points(r, 0)) {
            LocalDate day = LocalDate.parse((String) p.get("bucket"));
            assertThat(decimal(p.get("value")).longValue()).as("dau in Moscow days, " + day).isEqualTo(model.dau(day, moscow, null));
        }
        r = service.get("/metrics/values/dau?from=" + RANGE_FROM + "&to=" + RANGE_TO + "&granularity=day&dimensions=platform&filter=platform:pc&filter=platform:mobile_android");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) r.data().get("series");
        assertThat(series).extracting(s -> Json.write(s.get("dimensions"))).containsExactlyInAnyOrder(
                "{\"platform\":\"mobile_android\"}", "{\"platform\":\"pc\"}");
        for (Map<String, Object> s : series) {
            @SuppressWarnings("unchecked")
            String platform = ((Map<String, String>) s.get("dimensions")).get("platform");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> points = (List<Map<String, Object>>) s.get("points");
            for (Map<String, Object> p : points) {
                LocalDate day = LocalDate.parse((String) p.get("bucket"));
                assertThat(decimal(p.get("value")).longValue()).as("dau " + platform + " " + day).isEqualTo(model.dau(day, ZoneId.of("UTC"), platform));
            }
        }
    }

    private void assertErrors(ServiceProcess service) throws Exception {
        ServiceProcess.Response r = service.get("/metrics/values/dau?from=2026-03-10&to=2026-03-01");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.firstError()).containsEntry("code", "INVALID_QUERY_PARAMETERS");
        assertThat(Json.write(r.firstError().get("source"))).contains("\"parameter\":\"to\"");
        r = service.get("/metrics/values/dau?from=2026-03-01&to=2026-03-02&granularity=hourly");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.write(r.firstError().get("source"))).contains("granularity");
        r = service.get("/metrics/values/no_such_metric?from=2026-03-01&to=2026-03-02");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.firstError()).containsEntry("code", "METRIC_DEFINITION_NOT_FOUND");
        r = service.get("/metrics/definitions/dau");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data()).containsEntry("name", "dau").containsEntry("unit", "users");
        r = service.get("/metrics/definitions");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> defs = (List<Map<String, Object>>) r.json().get("data");
        assertThat(defs).extracting(m -> m.get("name")).contains("dau", "wau", "mau", "stickiness", "new_users",
                "paying_users", "gross_revenue", "refunds", "net_revenue", "arpu", "arppu", "paying_conversion",
                "sessions", "avg_session_seconds", "playtime_seconds");
        r = service.get("/no/such/route");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.firstError()).containsKey("code");
        r = service.send("DELETE", "/events");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.firstError()).containsEntry("code", "METHOD_NOT_ALLOWED");
        // over 10 MiB
        r = service.post("/events", "application/cloudevents-batch+json", "[" + ("{\"x\":\"" + "a".repeat(1024) + "\"},").repeat(10_300) + "{}]");
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.firstError()).containsEntry("code", "PAYLOAD_TOO_LARGE");
        // over 10,000 events (small ones)
        r = service.post("/events", "application/x-ndjson", "{}\n".repeat(10_001));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.firstError()).containsEntry("code", "PAYLOAD_TOO_LARGE");
        r = service.post("/events", "application/cloudevents-batch+json", "[{\"id\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsKey("errors");
    }

    // ---- the events: Scenario's, with every raw identifier they carry noted for the scan of the disk ----------

    /** The event, its raw identifiers (user ids, emails, IPs...) noted. */
    private Map<String, Object> tracked(Map<String, Object> event) {
        collectIdentifiers(event, rawIdentifiers);
        return event;
    }

    private List<Map<String, Object>> scenario() {
        List<Map<String, Object>> out = Scenario.events();
        out.forEach(this::tracked);
        return out;
    }

    private List<Map<String, Object>> examples() throws IOException {
        List<Map<String, Object>> out = Scenario.examples();
        out.forEach(this::tracked);
        return out;
    }

    private static void collectIdentifiers(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (Set.of("userId", "friendUserId", "adminId", "email", "username", "displayName", "ipAddress", "anonymousId", "query")
                        .contains(e.getKey()) && e.getValue() instanceof String s) {
                    out.add(s);
                }
                collectIdentifiers(e.getValue(), out);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(x -> collectIdentifiers(x, out));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> points(ServiceProcess.Response r, int series) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> s = (List<Map<String, Object>>) r.data().get("series");
        return (List<Map<String, Object>>) s.get(series).get("points");
    }

    private static BigDecimal decimal(Object v) {
        assertThat(v).isInstanceOf(Number.class);
        return new BigDecimal(v.toString());
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private void assertNoRawIdentifiersUnder(Path root) throws IOException {
        Set<String> needles = new HashSet<>(rawIdentifiers);
        needles.remove("");
        assertThat(needles).as("the scan looks for something").hasSizeGreaterThan(20);
        List<String> found = new ArrayList<>();
        long scanned = 0;
        for (Path f : listFiles(root)) {
            byte[] bytes = Files.readAllBytes(f);
            if (f.toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    bytes = out.toByteArray();
                }
            }
            scanned += bytes.length;
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String needle : needles) {
                if (text.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                    found.add(needle + " in " + root.relativize(f));
                }
            }
        }
        assertThat(scanned).as("bytes scanned").isGreaterThan(100_000);
        assertThat(found).as("raw identifiers on disk").isEmpty();
    }

    /** Spec 11.1 and 9.3: every log line is one JSON object; requests carry their id; no raw identifier appears. */
    @SuppressWarnings("unchecked")
    private void assertJsonLogsWithoutPersonalData(List<String> output) {
        int json = 0;
        int withRequestId = 0;
        for (String line : output) {
            if (!line.startsWith("{")) {
                continue; // the command's own answers (the listening address...) on standard output
            }
            Map<String, Object> event = Json.parseObject(line);
            assertThat(event).as(line).containsKeys("timestamp", "level", "loggerName", "formattedMessage");
            Object mdc = event.get("mdc");
            if (mdc instanceof Map<?, ?> m && m.get("request_id") instanceof String id && !id.isBlank()) {
                withRequestId++;
            }
            json++;
        }
        assertThat(json).as("JSON log lines").isGreaterThan(20);
        assertThat(withRequestId).as("access log lines carrying their request id").isGreaterThan(10);
        String all = String.join("\n", output);
        List<String> found = new ArrayList<>();
        for (String needle : rawIdentifiers) {
            if (!needle.isEmpty() && all.contains(needle)) {
                found.add(needle);
            }
        }
        assertThat(found).as("raw identifiers in the logs").isEmpty();
    }
}
