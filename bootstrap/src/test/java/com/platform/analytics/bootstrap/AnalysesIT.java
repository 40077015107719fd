package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyses and segments through the built executable on the golden events (the golden numbers themselves are
 * GoldenDataSetIT's): a segment created, refreshed and queried over REST and checked against the events; paths whose
 * edges never outweigh their nodes; the SQL on request; errors in the spec's format.
 */
class AnalysesIT {
    private static final String PAID = "com.platform.payment.transaction.completed.v1";

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void segmentsPathsAndExplainOverRest() throws Exception {
        List<String> lines = Files.readAllLines(ServiceProcess.sharedDir().resolve("metrics/golden/events.jsonl"), StandardCharsets.UTF_8);
        // independently: who paid at least once, and who never did
        Set<String> payers = new HashSet<>();
        Set<String> everyone = new HashSet<>();
        for (String line : lines) {
            Map<String, Object> e = Json.parseObject(line);
            Object user = ((Map<String, Object>) e.get("data")).get("userId");
            if (user instanceof String u) {
                everyone.add(u);
                if (PAID.equals(e.get("type"))) {
                    payers.add(u);
                }
            }
        }
        String nonPayer = everyone.stream().filter(u -> !payers.contains(u)).findFirst().orElseThrow();
        assertThat(payers).hasSizeGreaterThan(10);

        try (ServiceProcess service = ServiceProcess.start(dataDir, Map.of())) {
            for (int i = 0; i < lines.size(); i += 1000) {
                ServiceProcess.Response r = service.post("/events", "application/x-ndjson",
                        String.join("\n", lines.subList(i, Math.min(lines.size(), i + 1000))) + "\n");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }

            // a dynamic segment: created, refreshed, counted, paged, checked for a real user id
            ServiceProcess.Response created = service.post("/segments/definitions", "application/json", """
                    {"name":"payers","displayNameRu":"Плательщики","type":"dynamic","refreshSchedule":"0 4 * * *",
                     "criteria":{"type":"AND","conditions":[{"field":"user.payments_count","operator":">=","value":1}]}}""");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = (String) created.data().get("id");
            ServiceProcess.Response refreshed = service.post("/segments/" + id + "/refresh?explain=true", "application/json", "");
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            assertThat((String) refreshed.data().get("sql")).contains("SELECT");
            ServiceProcess.Response count = service.get("/segments/" + id + "/users-count");
            assertThat(((Number) count.data().get("userCount")).longValue()).isEqualTo(payers.size());
            ServiceProcess.Response page = service.get("/segments/" + id + "/members?page%5Bsize%5D=5");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat((List<String>) page.data().get("userIds")).hasSize(5)
                    .allSatisfy(u -> assertThat(u).as("pseudonyms, never raw ids").startsWith("k1_").isNotIn(payers));
            String aPayer = payers.iterator().next();
            assertThat(service.get("/segments/" + id + "/members/check?userId=" + aPayer).data()).containsEntry("member", true);
            assertThat(service.get("/segments/" + id + "/members/check?userId=" + nonPayer).data()).containsEntry("member", false);
            ServiceProcess.Response definition = service.get("/segments/definitions/" + id);
            assertThat(((Number) definition.data().get("currentUserCount")).longValue()).isEqualTo(payers.size());

            // a criteria tree naming an unknown field: 400 naming it
            ServiceProcess.Response bad = service.post("/segments/definitions", "application/json", """
                    {"name":"bad","displayNameRu":"x","type":"dynamic",
                     "criteria":{"type":"AND","conditions":[{"field":"user.shoe_size","operator":">=","value":1}]}}""");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.firstError()).containsEntry("code", "INVALID_QUERY_PARAMETERS");
            assertThat(bad.body()).contains("shoe_size");

            // paths after a login: every edge leaving a node weighs at most the node's users
            ServiceProcess.Response paths = service.post("/analysis/paths?explain=true", "application/json", """
                    {"from":"2026-03-01","to":"2026-03-21","start":"com.platform.auth.user.loggedin.v1","steps":3,"topN":5}""");
            assertThat(paths.status()).as(paths.body()).isEqualTo(200);
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) paths.data().get("nodes");
            List<Map<String, Object>> edges = (List<Map<String, Object>>) paths.data().get("edges");
            assertThat(nodes).isNotEmpty();
            assertThat(edges).isNotEmpty();
            assertThat((String) paths.data().get("sql")).contains("SELECT");
            Map<Object, Long> nodeUsers = new HashMap<>();
            nodes.forEach(n -> nodeUsers.put(n.get("id"), ((Number) n.get("users")).longValue()));
            Map<Object, Long> leaving = new HashMap<>();
            edges.forEach(e -> leaving.merge(e.get("source"), ((Number) e.get("users")).longValue(), Long::sum));
            leaving.forEach((node, users) -> assertThat(users).as("users leaving " + node).isLessThanOrEqualTo(nodeUsers.get(node)));

            // a funnel with one step: 400 naming the field
            ServiceProcess.Response funnel = service.post("/analysis/funnels", "application/json",
                    "{\"from\":\"2026-03-01\",\"to\":\"2026-03-21\",\"steps\":[{\"event\":\"" + PAID + "\"}]}");
            assertThat(funnel.status()).isEqualTo(400);
            // the OpenAPI document's request schema refuses it before the domain's own validation
            assertThat(funnel.firstError()).containsEntry("code", "INVALID_REQUEST_BODY");
            assertThat(funnel.firstError()).containsEntry("source", java.util.Map.of("pointer", "/steps"));
        }
    }
}
