package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable's batch commands, run as a user would: {@code ingest} and {@code demo}. */
class CommandsIT {
    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... args) throws Exception {
        Process p = ServiceProcess.executable("-Xmx1g", args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void ingestTakesNdjsonGzipAndBatchFilesThenServeAnswersFromTheSameData() throws Exception {
        List<String> golden = Files.readAllLines(ServiceProcess.sharedDir().resolve("metrics/golden/events.jsonl"));
        Path ndjson = dir.resolve("part1.ndjson");
        Files.write(ndjson, golden.subList(0, 2000));
        Path gz = dir.resolve("part2.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((String.join("\n", golden.subList(2000, 4000)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path batch = dir.resolve("part3.json");
        Files.writeString(batch, "[" + String.join(",", golden.subList(4000, golden.size())) + "]");
        Path data = dir.resolve("data");

        Run r = run("ingest", "--data-dir", data.toString(), ndjson.toString(), gz.toString(), batch.toString());

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("part1.ndjson: 2,000 events").contains("part2.ndjson.gz: 2,000 events")
                .contains("part3.json: 1,535 events").contains("ingest: done");
        // the golden file holds 5,427 distinct events among its 5,535 lines
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) Json.parse(Files.readString(
                ServiceProcess.sharedDir().resolve("metrics/golden/expected.json")));
        try (ServiceProcess service = ServiceProcess.start(data, Map.of())) {
            ServiceProcess.Response again = service.post("/events", "application/x-ndjson", String.join("\n", golden) + "\n");
            assertThat(again.data()).as(again.body()).containsEntry("accepted", 0L).containsEntry("duplicates", 5535L);
            @SuppressWarnings("unchecked")
            Map<String, Object> day = ((Map<String, Map<String, Object>>) expected.get("daily")).get("2026-03-05");
            ServiceProcess.Response dau = service.get("/metrics/values/dau?from=2026-03-05&to=2026-03-05");
            assertThat(Json.write(dau.data().get("series"))).contains("\"value\":" + day.get("dau"));
        }

        Run missing = run("ingest", "--data-dir", data.toString(), dir.resolve("nope.ndjson").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("no such file");
    }

    @Test
    void demoPrintsTheKpiTableAndAWrongOptionIsAUsageError() throws Exception {
        Run r = run("demo", "--users", "400", "--days", "10", "--data-dir", dir.resolve("demo").toString());

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("KPI summary, 2025-12-31 .. 2026-01-09").contains("DAU on 2026-01-09")
                .contains("Net revenue, RUB").contains("D1 retention (all cohorts)").contains("D7 retention (all cohorts)");

        Run bad = run("demo", "--usres", "5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("unknown option --usres").contains("usage: analytics");
    }
}
