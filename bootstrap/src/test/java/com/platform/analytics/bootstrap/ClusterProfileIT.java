package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.adapter.kafka.KafkaBroker;
import com.platform.analytics.adapter.kafka.KafkaTopicTool;
import com.platform.analytics.adapter.objectstore.S3ObjectStore;
import com.platform.analytics.adapter.objectstore.TestingS3Proxy;
import com.platform.analytics.adapter.postgres.JooqOutbox;
import com.platform.analytics.adapter.postgres.MachinePostgresServer;
import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster profile end to end, against real servers on loopback: a Kafka 4.4 broker (its own JVM), s3proxy
 * for the lake, the machine's PostgreSQL 15 for metadata, and the warehouse in chDB (ClickHouse 26.7; the only
 * modern ClickHouse this machine can run — the HTTP transport is proven against a ClickHouse server in
 * adapters-clickhouse). The contract's examples and a scenario are produced to Kafka in structured and binary
 * mode, with repeats, invalid records and a crash of the service half-way; then every KPI over REST equals the
 * embedded profile's on the same events, the dead-letter topics hold exactly the invalid records, and the
 * service's outbox is relayed to Kafka.
 */
class ClusterProfileIT {
    private static final List<String> TOPICS = List.of("e2e.auth", "e2e.payment", "e2e.library", "e2e.other");
    private static final String GROUP = "analytics-e2e";
    private static final String PUBLISHED = "com.platform.analytics.events.v1";
    private static final String RANGE_FROM = "2026-03-01";
    private static final String RANGE_TO = "2026-03-16";
    private static final List<String> KPIS = List.of("dau", "wau", "mau", "stickiness", "new_users", "paying_users",
            "gross_revenue", "refunds", "net_revenue", "arpu", "arppu", "paying_conversion", "sessions",
            "avg_session_seconds", "playtime_seconds");

    @TempDir
    Path dir;

    /** Every event the pipeline should have accepted, once each. */
    private final List<Map<String, Object>> accepted = new ArrayList<>();
    /** (topic, offset) of every record that must end up dead-lettered. */
    private final Set<String> invalid = new HashSet<>();

    @Test
    void kafkaInS3LakePostgresMetadataSameKpisAsEmbedded() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start();
                TestingS3Proxy s3 = TestingS3Proxy.startPathStyle();
                MachinePostgresServer postgres = MachinePostgresServer.startWithFreshDatabase()) {
            for (String topic : TOPICS) {
                kafka.createTopic(topic, 2);
            }
            kafka.createTopic(PUBLISHED, 1);
            s3.createBucket("analytics-lake");
            Path config = clusterConfig(kafka, s3, postgres);
            Map<String, String> env = Map.of("ANALYTICS_LAKE_S3_ACCESS_KEY_ID", s3.identity(),
                    "ANALYTICS_LAKE_S3_SECRET_ACCESS_KEY", s3.credential());
            Path data = dir.resolve("cluster-data");

            List<Map<String, Object>> scenario = Scenario.events();
            List<Map<String, Object>> examples = Scenario.examples();
            assertThat(scenario).hasSizeGreaterThan(60);
            assertThat(examples).hasSize(20);
            int half = scenario.size() / 2;
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                // 1. first half while the service runs: examples (structured), half the scenario (binary), bad records
                try (ServiceProcess service = ServiceProcess.start(data, env, "--config", config.toString())) {
                    for (Map<String, Object> e : examples) {
                        send(producer, e, false);
                        accepted.add(e);
                    }
                    for (int i = 0; i < half; i++) {
                        send(producer, scenario.get(i), i % 2 == 0);
                        accepted.add(scenario.get(i));
                    }
                    sendInvalid(producer, Scenario.withData(scenario.get(0), "userId", "not-a-uuid"), false);
                    sendInvalid(producer, Scenario.withoutId(scenario.get(1)), true);
                    sendRawInvalid(producer, "e2e.other", "{not json".getBytes(StandardCharsets.UTF_8));
                    producer.flush();
                    awaitAllCommitted(kafka);

                    // 2. the rest, repeats of what was already stored, and a crash while consuming
                    for (int i = half; i < scenario.size(); i++) {
                        send(producer, scenario.get(i), i % 3 == 0);
                        accepted.add(scenario.get(i));
                    }
                    for (int i = 0; i < 10; i++) {
                        send(producer, scenario.get(i), i % 2 == 1);                   // redelivered by a producer
                    }
                    sendInvalid(producer, Scenario.payment(Scenario.user(1), "2026-03-05T12:00:00Z", "10.00", "XYZ"), false);
                    producer.flush();
                    service.crash();
                }
                // 3. restarted on the same data: whatever the crash left uncommitted is consumed again, once in effect
                try (ServiceProcess service = ServiceProcess.start(data, env, "--config", config.toString())) {
                    awaitAllCommitted(kafka);
                    Map<String, String> clusterKpis = kpis(service);
                    assertOutboxEventsArePublishedToKafka(kafka, postgres);

                    try (ServiceProcess embedded = ServiceProcess.start(dir.resolve("embedded-data"), Map.of())) {
                        ServiceProcess.Response r = embedded.post("/events", "application/cloudevents-batch+json",
                                Json.write(accepted));
                        assertThat(r.data()).as(r.body()).containsEntry("accepted", (long) accepted.size())
                                .containsEntry("rejected", 0L);
                        Map<String, String> embeddedKpis = kpis(embedded);
                        assertThat(clusterKpis).isEqualTo(embeddedKpis);
                    }
                    // and the numbers are right, not only equal: DAU per day against the independent model
                    KpiModel model = new KpiModel(accepted, Map.of("RUB", BigDecimal.ONE, "USD", new BigDecimal("92.50")));
                    Map<String, Object> dau = Json.parseObject(clusterKpis.get("dau/day"));
                    for (Object p : points(dau)) {
                        Map<?, ?> point = (Map<?, ?>) p;
                        LocalDate day = LocalDate.parse((String) point.get("bucket"));
                        assertThat(new BigDecimal(point.get("value").toString())).as("dau " + day)
                                .isEqualByComparingTo(model.daily(day).get("dau"));
                    }
                }
            }

            assertDeadLettersAreExactlyTheInvalidRecords(kafka);
            assertLakeIsInTheBucket(s3);
        }
    }

    private Path clusterConfig(KafkaBroker kafka, TestingS3Proxy s3, MachinePostgresServer postgres) throws Exception {
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, """
                profile: cluster
                warehouse:
                  engine: embedded
                metadata:
                  jdbc_url: %s
                  user: %s
                  password_file: %s
                lake:
                  s3:
                    endpoint: http://127.0.0.1:%d
                    bucket: analytics-lake
                    path_style: true
                kafka:
                  bootstrap_servers: %s
                  group_id: %s
                  topics: [%s]
                  max_poll_records: 50
                """.formatted(postgres.jdbcUrl(), postgres.user(), postgres.passwordFile(), s3.port(),
                kafka.bootstrapServers(), GROUP, String.join(", ", TOPICS)));
        return file;
    }

    // ---- producing ------------------------------------------------------------------------------------------

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String topicOf(Map<String, Object> event) {
        String type = String.valueOf(event.get("type"));
        if (type.startsWith("com.platform.auth.")) {
            return "e2e.auth";
        }
        if (type.startsWith("com.platform.payment.")) {
            return "e2e.payment";
        }
        return type.startsWith("com.platform.library.") ? "e2e.library" : "e2e.other";
    }

    /** One event, in structured mode (the JSON) or binary mode ({@code ce_*} headers, the data as value). */
    private static ProducerRecord<byte[], byte[]> record(Map<String, Object> event, boolean binary) {
        String topic = topicOf(event);
        byte[] key = String.valueOf(((Map<?, ?>) event.getOrDefault("data", Map.of())).get("userId")).getBytes(StandardCharsets.UTF_8);
        if (!binary) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, Json.write(event).getBytes(StandardCharsets.UTF_8));
            r.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
            return r;
        }
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, Json.write(event.get("data")).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Object> a : event.entrySet()) {
            if (a.getKey().equals("data")) {
                continue;
            }
            String name = a.getKey().equals("datacontenttype") ? "content-type" : "ce_" + a.getKey();
            r.headers().add(name, String.valueOf(a.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Map<String, Object> event, boolean binary) throws Exception {
        producer.send(record(event, binary)).get(30, TimeUnit.SECONDS);
    }

    private void sendInvalid(KafkaProducer<byte[], byte[]> producer, Map<String, Object> event, boolean binary) throws Exception {
        var meta = producer.send(record(event, binary)).get(30, TimeUnit.SECONDS);
        invalid.add(meta.topic() + "@" + meta.offset());
    }

    private void sendRawInvalid(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        var meta = producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        invalid.add(meta.topic() + "@" + meta.offset());
    }

    /** Until the group has committed every record of every topic: all consumed, all durable. */
    private static void awaitAllCommitted(KafkaBroker kafka) throws Exception {
        try (KafkaTopicTool topics = new KafkaTopicTool(kafka.bootstrapServers())) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                Map<String, Map<Integer, Long>> ends = new HashMap<>();
                Map<String, Map<Integer, Long>> committed = new HashMap<>();
                boolean done = true;
                for (String topic : TOPICS) {
                    ends.put(topic, topics.endOffsets(topic, 2));
                    committed.put(topic, topics.committedOffsets(GROUP, topic));
                    for (Map.Entry<Integer, Long> end : ends.get(topic).entrySet()) {
                        done &= end.getValue() == 0 || end.getValue().equals(committed.get(topic).get(end.getKey()));
                    }
                }
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not everything consumed within 3 minutes: ends " + ends + ", committed " + committed);
                }
                Thread.sleep(200);
            }
        }
    }

    // ---- checking ---------------------------------------------------------------------------------------------

    /** Every KPI by day and over the period, as the service answers (the response bodies). */
    private static Map<String, String> kpis(ServiceProcess service) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String metric : KPIS) {
            for (String granularity : List.of("day", "total")) {
                ServiceProcess.Response r = service.get("/metrics/values/" + metric + "?from=" + RANGE_FROM + "&to=" + RANGE_TO
                        + "&granularity=" + granularity);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                out.put(metric + "/" + granularity, r.body());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> points(Map<String, Object> response) {
        Map<String, Object> data = (Map<String, Object>) response.get("data");
        return (List<Object>) ((Map<String, Object>) ((List<Object>) data.get("series")).get(0)).get("points");
    }

    private void assertDeadLettersAreExactlyTheInvalidRecords(KafkaBroker kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> dead = new HashSet<>();
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(TOPICS.stream().map(t -> t + ".dlq").toList());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (dead.size() < invalid.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String topic = header(r, "dlq.original.topic");
                    String offset = header(r, "dlq.original.offset");
                    assertThat(r.topic()).isEqualTo(topic + ".dlq");
                    assertThat(header(r, "dlq.original.partition")).isNotNull();
                    dead.add(topic + "@" + offset);
                    reasons.add(header(r, "dlq.reason"));
                }
            }
            // nothing more arrives: exactly the invalid ones (a crash may re-send one; it carries the same origin)
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofSeconds(2))) {
                dead.add(header(r, "dlq.original.topic") + "@" + header(r, "dlq.original.offset"));
            }
        }
        assertThat(dead).isEqualTo(invalid);
        assertThat(reasons).allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(String.join("\n", reasons)).contains("INVALID_DATA", "UNSUPPORTED_CURRENCY");
    }

    /**
     * The running service relays its transactional outbox to Kafka: an event appended to the outbox table (as a
     * state change's transaction appends it) appears on {@code com.platform.analytics.events.v1}, as CloudEvents JSON
     * keyed by subject, and the outbox is left with nothing pending.
     */
    private static void assertOutboxEventsArePublishedToKafka(KafkaBroker kafka, MachinePostgresServer postgres) throws Exception {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(postgres.jdbcUrl());
        ds.setUser(postgres.user());
        ds.setPassword(Files.readString(postgres.passwordFile()).strip());
        JooqOutbox outbox = new JooqOutbox(ds);
        OutgoingEvent event = OutgoingEvent.of(OutgoingEvent.SEGMENT_UPDATED, "segment-e2e", java.time.Instant.now(),
                Map.of("segmentId", "segment-e2e", "segmentName", "e2e", "userCount", 16L));
        outbox.append(event);

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "published-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(PUBLISHED));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(got::add);
            }
        }
        assertThat(got).hasSize(1);
        assertThat(new String(got.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("segment-e2e");
        assertThat(new String(got.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(event.toCloudEventJson());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (outbox.pendingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(outbox.pendingCount()).isZero();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void assertLakeIsInTheBucket(TestingS3Proxy s3) {
        try (S3ObjectStore lake = new S3ObjectStore(s3.pathStyleConfig("analytics-lake"))) {
            List<String> raw = lake.list("raw_events/");
            assertThat(raw).as("raw events in the S3 lake").isNotEmpty()
                    .allSatisfy(k -> assertThat(k).matches("raw_events/service_name=[^/]+/event_type=[^/]+/year=\\d{4}/month=\\d{2}/"
                            + "day=\\d{2}/hour=\\d{2}/[^/]+\\.json\\.gz"));
            assertThat(raw).anyMatch(k -> k.contains("service_name=payment-service/event_type=com.platform.payment.transaction.completed.v1"));
            assertThat(lake.list("dead_letter/")).as("refused events kept in the lake too").isNotEmpty();
        }
    }
}
