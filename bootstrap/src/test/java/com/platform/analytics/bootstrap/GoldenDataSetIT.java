package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden data set (../shared/metrics/golden): 5,535 events with values computed by an independent
 * implementation. Ingested over REST into an empty service (the built executable), every daily and period KPI
 * must match expected.json.
 */
class GoldenDataSetIT {
    private static final List<String> DAILY = List.of("dau", "wau", "mau", "new_users", "paying_users", "gross_revenue",
            "refunds", "net_revenue", "sessions", "playtime_seconds", "avg_session_seconds");

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void reproducesEveryGoldenKpi() throws Exception {
        Path golden = ServiceProcess.sharedDir().resolve("metrics/golden");
        Map<String, Object> expected = (Map<String, Object>) Json.parse(Files.readString(golden.resolve("expected.json")));
        List<String> lines = Files.readAllLines(golden.resolve("events.jsonl"), StandardCharsets.UTF_8);
        List<String> differences = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.start(dataDir, Map.of())) {
            long accepted = 0;
            for (int i = 0; i < lines.size(); i += 1000) {
                ServiceProcess.Response r = service.post("/events", "application/x-ndjson",
                        String.join("\n", lines.subList(i, Math.min(lines.size(), i + 1000))) + "\n");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.data().get("rejected")).as(r.body()).isEqualTo(0L);
                accepted += (Long) r.data().get("accepted");
            }
            assertThat(accepted).isEqualTo(expected.get("accepted_unique"));

            List<Object> range = (List<Object>) expected.get("range");
            String from = (String) range.get(0);
            String to = (String) range.get(1);
            Map<String, Map<String, Object>> daily = (Map<String, Map<String, Object>>) expected.get("daily");
            for (String metric : DAILY) {
                ServiceProcess.Response r = service.get("/metrics/values/" + metric + "?from=" + from + "&to=" + to + "&granularity=day");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                List<Map<String, Object>> points = (List<Map<String, Object>>) ((List<Map<String, Object>>) r.data().get("series")).get(0).get("points");
                for (Map<String, Object> p : points) {
                    String day = (String) p.get("bucket");
                    Object want = daily.get(day).get(metric);
                    Object got = p.get("value");
                    if (want == Json.NULL) {
                        if (got != Json.NULL) {
                            differences.add(metric + " " + day + ": got " + got + ", expected null");
                        }
                    } else if (got == Json.NULL || new BigDecimal(got.toString()).subtract(new BigDecimal(want.toString())).abs()
                            .compareTo(new BigDecimal("0.0001")) > 0) {
                        differences.add(metric + " " + day + ": got " + got + ", expected " + want);
                    }
                }
                assertThat(points).hasSize(daily.size());
            }
            Map<String, Object> period = (Map<String, Object>) expected.get("period");
            for (String metric : List.of("arpu", "arppu", "paying_conversion")) {
                ServiceProcess.Response r = service.get("/metrics/values/" + metric + "?from=" + from + "&to=" + to + "&granularity=total");
                Object got = ((List<Map<String, Object>>) ((List<Map<String, Object>>) r.data().get("series")).get(0).get("points")).get(0).get("value");
                BigDecimal want = new BigDecimal(period.get(metric).toString());
                if (new BigDecimal(got.toString()).subtract(want).abs().compareTo(new BigDecimal("0.006")) > 0) {
                    differences.add(metric + ": got " + got + ", expected " + want);
                }
            }
            checkRetention(service, from, to, (Map<String, Map<String, Object>>) expected.get("retention"), differences);
            checkFunnel(service, from, to, (List<Object>) expected.get("funnel_view_add_purchase_7d"), differences);
            checkExperiment(service, from, to, (Map<String, Object>) expected.get("experiment_checkout_button_color"), differences);
        }
        assertThat(differences).as("differences from the golden expectations").isEmpty();
    }

    /** Cohort sizes and exact day-N retention, N = 0..14, cells past the range absent. */
    @SuppressWarnings("unchecked")
    private static void checkRetention(ServiceProcess service, Object from, Object to, Map<String, Map<String, Object>> expected,
            List<String> differences) throws Exception {
        ServiceProcess.Response r = service.post("/analysis/retention", "application/json", "{\"from\":\"" + from + "\",\"to\":\""
                + to + "\",\"tz\":\"UTC\",\"period\":\"day\",\"periods\":14,\"mode\":\"exact\"}");
        if (r.status() != 200) {
            differences.add("retention: HTTP " + r.status() + " " + r.body());
            return;
        }
        Map<String, Map<String, Object>> cohorts = new java.util.HashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) r.data().get("cohorts")) {
            cohorts.put(((String) c.get("cohort")).substring(0, 10), c);
        }
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            Map<String, Object> got = cohorts.get(e.getKey());
            if (got == null || ((Number) got.get("size")).longValue() != ((Number) e.getValue().get("size")).longValue()) {
                differences.add("cohort " + e.getKey() + ": " + got + ", expected size " + e.getValue().get("size"));
                continue;
            }
            List<Object> cells = (List<Object>) got.get("retention");
            Map<String, Object> days = (Map<String, Object>) e.getValue().get("days");
            if (cells.size() != days.size()) {
                differences.add("cohort " + e.getKey() + ": " + cells.size() + " cells, expected " + days.size());
            }
            for (Map.Entry<String, Object> d : days.entrySet()) {
                int n = Integer.parseInt(d.getKey());
                double want = ((Number) d.getValue()).doubleValue();
                if (n >= cells.size() || Math.abs(((Number) cells.get(n)).doubleValue() - want) > 1e-4) {
                    differences.add("retention " + e.getKey() + " day " + n + ": got " + (n < cells.size() ? cells.get(n) : null)
                            + ", expected " + want);
                }
            }
        }
    }

    /** Users reaching each step of view → add to library → purchase within 7 days. */
    @SuppressWarnings("unchecked")
    private static void checkFunnel(ServiceProcess service, Object from, Object to, List<Object> expected, List<String> differences)
            throws Exception {
        ServiceProcess.Response r = service.post("/analysis/funnels", "application/json", "{\"from\":\"" + from + "\",\"to\":\""
                + to + "\",\"tz\":\"UTC\",\"window\":\"P7D\",\"steps\":[{\"event\":\"com.platform.catalog.game.viewed.v1\"},"
                + "{\"event\":\"com.platform.library.game.added.v1\"},{\"event\":\"com.platform.payment.transaction.completed.v1\"}]}");
        if (r.status() != 200) {
            differences.add("funnel: HTTP " + r.status() + " " + r.body());
            return;
        }
        List<Object> got = ((List<Map<String, Object>>) r.data().get("steps")).stream().map(s -> s.get("users")).toList();
        if (!got.equals(expected)) {
            differences.add("funnel users " + got + ", expected " + expected);
        }
    }

    /** Exposed users and purchasers after exposure per variant, and the users excluded for seeing two variants. */
    @SuppressWarnings("unchecked")
    private static void checkExperiment(ServiceProcess service, Object from, Object to, Map<String, Object> expected,
            List<String> differences) throws Exception {
        // the golden counts purchases after exposure within the range: a window longer than the range
        ServiceProcess.Response r = service.post("/analysis/experiments/checkout_button_color", "application/json",
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"tz\":\"UTC\",\"metric\":\"conversion\","
                        + "\"window\":\"P60D\",\"goal\":{\"event\":\"com.platform.payment.transaction.completed.v1\"}}");
        if (r.status() != 200) {
            differences.add("experiment: HTTP " + r.status() + " " + r.body());
            return;
        }
        Map<String, Object> data = r.data();
        if (((Number) data.get("excludedUsers")).longValue() != ((Number) expected.get("excluded_multi_variant")).longValue()) {
            differences.add("experiment excluded users: got " + data.get("excludedUsers") + ", expected " + expected.get("excluded_multi_variant"));
        }
        Map<String, Map<String, Object>> want = (Map<String, Map<String, Object>>) expected.get("variants");
        List<Map<String, Object>> got = (List<Map<String, Object>>) data.get("variants");
        if (got.size() != want.size()) {
            differences.add("experiment variants: got " + got.size() + ", expected " + want.size());
        }
        for (Map<String, Object> v : got) {
            Map<String, Object> w = want.get((String) v.get("variant"));
            if (w == null || ((Number) v.get("users")).longValue() != ((Number) w.get("users")).longValue()
                    || ((Number) v.get("conversions")).longValue() != ((Number) w.get("conversions")).longValue()) {
                differences.add("experiment variant " + v.get("variant") + ": got users " + v.get("users") + ", conversions "
                        + v.get("conversions") + ", expected " + w);
            }
        }
    }
}
