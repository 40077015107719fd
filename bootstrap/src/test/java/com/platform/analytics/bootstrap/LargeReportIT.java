package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10-million-row report through the built executable with a 96 MiB heap: the CSV (≈ 170 MB) could never sit in
 * that heap, so generating it (rows in chunks to a temporary file, uploaded as a stream) and downloading it (streamed
 * from the object store) proves the memory stays bounded. The rows are checked as they stream past.
 */
class LargeReportIT {
    private static final long ROWS = 10_000_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void tenMillionRowsInA96MibHeap() throws Exception {
        int metadataPort;
        try (ServerSocket s = new ServerSocket(0)) {
            metadataPort = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("JAVA_OPTS", "-Xmx96m", "ANALYTICS_METADATA_PORT", String.valueOf(metadataPort));
        try (ServiceProcess service = ServiceProcess.start(data, env)) {
            // an administrator's definition, as it would be added in the metadata store
            String password = Files.readString(data.resolve("secrets/metadata-postgres.password")).strip();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + metadataPort + "/analytics",
                    "postgres", password); Statement st = c.createStatement()) {
                st.execute("INSERT INTO report_definitions (name, display_name_ru, source_type, source_query_or_config,"
                        + " parameters, output_formats, available_to_developers) VALUES ('ten_million_numbers', 'Числа',"
                        + " 'sql_query_clickhouse', 'SELECT number AS n, toString(number * 7) AS seven_n FROM numbers("
                        + ROWS + ")', '[]'::jsonb, '[\"csv\"]'::jsonb, FALSE)");
            }

            HttpResponse<String> requested = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/reports/instances"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"definition\":\"ten_million_numbers\",\"parameters\":{},\"format\":\"csv\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
            String id = (String) ((Map<String, Object>) Json.parseObject(requested.body()).get("data")).get("id");
            Map<String, Object> instance = Map.of();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                instance = service.get("/reports/instances/" + id).data();
                if (!instance.get("status").equals("requested") && !instance.get("status").equals("generating")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(instance).as(Json.write(instance)).containsEntry("status", "completed");

            HttpResponse<InputStream> file = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/reports/instances/"
                    + id + "/download")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(file.statusCode()).isEqualTo(200);
            long rows = -1; // the header
            long sum = 0;
            long bytes = 0;
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(file.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    bytes += line.length() + 2;
                    if (rows >= 0) {
                        int comma = line.indexOf(',');
                        long n = Long.parseLong(line.substring(0, comma));
                        assertThat(Long.parseLong(line.substring(comma + 1))).isEqualTo(n * 7);
                        sum += n;
                    } else {
                        assertThat(line).isEqualTo("n,seven_n");
                    }
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(ROWS);
            assertThat(sum).as("every number once").isEqualTo(ROWS * (ROWS - 1) / 2);
            assertThat(bytes).as("larger than the service's whole heap").isGreaterThan(96L * 1024 * 1024);
            assertThat(((Number) instance.get("fileSizeBytes")).longValue()).isEqualTo(bytes);
        }
    }
}
