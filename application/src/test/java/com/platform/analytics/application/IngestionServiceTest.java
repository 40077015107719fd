package com.platform.analytics.application;

import static com.platform.analytics.domain.event.EventTypes.TRANSACTION_COMPLETED;
import static com.platform.analytics.domain.event.EventTypes.USER_LOGGED_IN;
import static com.platform.analytics.domain.event.EventTypes.USER_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventKey;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.money.CurrencyRates;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.in.IngestionResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The ingestion pipeline with the real domain (decoder, validator against the platform contract,
 * pseudonymizer, fact mapper) and in-memory stores: counts, dead letters, the raw lake, and each event stored
 * once through failures, retries and concurrent requests.
 */
class IngestionServiceTest {
    private static final String U1 = "3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60";
    private static final String U2 = "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e";
    private static final String EMAIL = "ivan.petrov@example.ru";
    private static final String USERNAME = "ivan_p_secret_name";
    private static final String IP = "203.0.113.17";
    private static final Instant NOW = Instant.parse("2026-03-15T12:34:56Z");
    private static final String DEAD_LETTER_HOUR = "year=2026/month=03/day=15/hour=12/";

    private final Pseudonymizer pseudonymizer = new Pseudonymizer(
            new PseudonymizationKey("t1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private final InMemoryEventWarehouse warehouse = new InMemoryEventWarehouse();
    private final InMemoryObjectStore lake = new InMemoryObjectStore();
    private final LakeWriter lakeWriter = new LakeWriter(lake, new InMemoryLakeJournal(), Clock.fixed(NOW, ZoneOffset.UTC),
            LakeWriter.Settings.defaults());
    private final IngestionService service = newService();

    private IngestionService newService() {
        return new IngestionService(
            new EventBatchDecoder(1000),
            new EventValidator(EventTypeRegistry.platformContract()),
            pseudonymizer,
            new FactRowMapper(EventTypeRegistry.platformContract(), new CurrencyRates(Map.of("USD", new BigDecimal("90")))),
            warehouse,
            warehouse,
            lakeWriter,
            new DeadLetterWriter(lake),
            Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ events

    private static Map<String, Object> envelope(String id, String source, String type, String time, String subject) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", source);
        e.put("type", type);
        e.put("time", time);
        if (subject != null) {
            e.put("subject", subject);
        }
        return e;
    }

    private static String login(String id, String user) {
        Map<String, Object> e = envelope(id, "/auth-service", USER_LOGGED_IN, "2026-03-15T10:00:00Z", user);
        e.put("data", new LinkedHashMap<>(Map.of("userId", user, "platform", "pc", "country", "RU", "ipAddress", IP)));
        return Json.write(e);
    }

    private static String registered(String id, String user, String time) {
        Map<String, Object> e = envelope(id, "/auth-service", USER_REGISTERED, time, user);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", user);
        data.put("registeredAt", time);
        data.put("country", "RU");
        data.put("platform", "pc");
        data.put("email", EMAIL);
        data.put("username", USERNAME);
        data.put("ipAddress", IP);
        e.put("data", data);
        return Json.write(e);
    }

    private static String purchase(String id, String user, String value, String currency, String time) {
        Map<String, Object> e = envelope(id, "/payment-service", TRANSACTION_COMPLETED, time, user);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", user);
        data.put("transactionId", "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        data.put("itemType", "game");
        data.put("amount", Map.of("value", value, "currency", currency));
        e.put("data", data);
        return Json.write(e);
    }

    /** A login whose data breaks the schema (country must be two upper-case letters). */
    private static String loginFromBadCountry(String id, String user) {
        return login(id, user).replace("\"country\":\"RU\"", "\"country\":\"russia\"");
    }

    private static String batch(String... events) {
        return "[" + String.join(",", events) + "]";
    }

    private static String ndjson(String... events) {
        return String.join("\n", events) + "\n";
    }

    // ------------------------------------------------------------------ reading the lake

    private String gunzip(String key) {
        byte[] bytes = lake.get(key).orElseThrow();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> records(String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : gunzip(key).split("\n")) {
            if (!line.isEmpty()) {
                out.add(Json.parseObject(line));
            }
        }
        return out;
    }

    private static void assertNoRawIdentifier(String text) {
        assertThat(text).doesNotContain(U1, U2, EMAIL, USERNAME, IP);
    }

    private Map<EventKey, Long> rowsPerKey() {
        return warehouse.rows().stream().collect(Collectors.groupingBy(r -> new EventKey(r.source(), r.eventId()),
                Collectors.counting()));
    }

    // ------------------------------------------------------------------ tests

    @Test
    void countsAcceptedDuplicatesAndRejectedWithinAndAcrossRequests() {
        IngestionResult first = service.ingest(BodyFormat.BATCH, batch(
                login("e1", U1),
                registered("e2", U2, "2026-03-15T09:00:00Z"),
                login("e1", U1), // the same (source, id) again in one request
                loginFromBadCountry("e3", U1),
                login("e4", U2).replace("\"source\":\"/auth-service\",", "")));

        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(first.duplicateIndexes()).as("which one: the repeat in the request").containsExactly(2);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(warehouse.rows()).extracting(FactRow::eventId).containsExactlyInAnyOrder("e1", "e2");

        IngestionResult second = service.ingest(BodyFormat.NDJSON, ndjson(login("e1", U1), login("e5", U2)));

        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.duplicateIndexes()).as("stored by the first request").containsExactly(0);
        assertThat(second.rejections()).isEmpty();
        assertThat(rowsPerKey()).containsOnlyKeys(new EventKey("/auth-service", "e1"),
                new EventKey("/auth-service", "e2"), new EventKey("/auth-service", "e5")).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aLargeRequestHandledOnSeveralCoresKeepsRequestOrderFirstOccurrencesAndIndexes() {
        // beyond the size at which per-event work is spread over the cores
        List<String> lines = new ArrayList<>();
        List<Integer> invalidAt = new ArrayList<>();
        for (int i = 0; i < 990; i++) {
            if (i % 97 == 13) {
                lines.add(loginFromBadCountry("bad-" + i, U1));
                invalidAt.add(i);
            } else if (i % 10 == 9) {
                lines.add(login("e" + (i - 5), U1)); // a repeat of an event five lines earlier
            } else {
                lines.add(login("e" + i, i % 2 == 0 ? U1 : U2));
            }
        }
        lines.add(5, "{not json");
        invalidAt.replaceAll(i -> i >= 5 ? i + 1 : i);
        invalidAt.add(0, 5);

        IngestionResult r = service.ingest(BodyFormat.NDJSON, String.join("\n", lines));

        assertThat(r.rejections()).extracting(Rejection::index).containsExactlyElementsOf(invalidAt);
        long repeats = lines.stream().filter(l -> l.contains("\"id\":\"e")).count()
                - lines.stream().filter(l -> l.contains("\"id\":\"e")).distinct().count();
        assertThat(r.duplicates()).isEqualTo((int) repeats);
        assertThat(r.accepted() + r.duplicates() + r.rejected()).isEqualTo(lines.size());
        // stored once each, in the order of their first occurrence in the request
        List<String> expectedOrder = lines.stream().filter(l -> l.contains("\"id\":\"e"))
                .map(l -> l.replaceAll(".*\"id\":\"(e\\d+)\".*", "$1")).distinct().toList();
        assertThat(warehouse.rows()).extracting(FactRow::eventId).containsExactlyElementsOf(expectedOrder);
    }

    @Test
    void aRestartedServiceKnowsEveryStoredKey() {
        service.ingest(BodyFormat.NDJSON, ndjson(login("k1", U1), login("k2", U2)));

        // a new service over the same warehouse: its filter of known keys is seeded from what is stored
        IngestionResult again = newService().ingest(BodyFormat.NDJSON, ndjson(login("k2", U2), login("k3", U1)));

        assertThat(again.accepted()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(rowsPerKey()).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void newEventsNeedNoLookupButRepeatsAreLookedUp() {
        service.ingest(BodyFormat.NDJSON, ndjson(login("n1", U1), login("n2", U2)));
        assertThat(warehouse.lookups()).as("nothing stored yet: the filter answers alone").isZero();

        service.ingest(BodyFormat.NDJSON, ndjson(login("n1", U1)));
        assertThat(warehouse.lookups()).as("a repeat is confirmed by the warehouse").isEqualTo(1);
    }

    @Test
    void anEventIdReusedByAnotherSourceIsNotADuplicate() {
        IngestionResult r = service.ingest(BodyFormat.BATCH, batch(login("same", U1),
                purchase("same", U1, "10.00", "RUB", "2026-03-15T10:00:00Z")));

        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.duplicates()).isZero();
    }

    @Test
    void rejectionsAreInIndexOrderWithCodeAndPointer() {
        IngestionResult r = service.ingest(BodyFormat.BATCH, batch(
                loginFromBadCountry("r0", U1),
                login("r1", U1),
                purchase("r2", U1, "5.00", "JPY", "2026-03-15T10:00:00Z"),
                login("r3", U1).replace("\"source\":\"/auth-service\",", ""),
                login("r4", U1).replace("2026-03-15T10:00:00Z", "yesterday"),
                "42"));

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejections()).extracting(Rejection::index, Rejection::code, Rejection::pointer).containsExactly(
                tuple(0, RejectionCode.INVALID_DATA, "/data/country"),
                tuple(2, RejectionCode.UNSUPPORTED_CURRENCY, "/data/amount/currency"),
                tuple(3, RejectionCode.INVALID_ENVELOPE, "/source"),
                tuple(4, RejectionCode.INVALID_ENVELOPE, "/time"),
                tuple(5, RejectionCode.INVALID_ENVELOPE, null));
        assertThat(r.rejections()).allSatisfy(x -> assertThat(x.detail()).isNotBlank());
        assertThat(r.rejections().get(1).detail()).contains("JPY");
    }

    @Test
    void refusedEventsAreDeadLetteredByReasonWithoutARawIdentifier() {
        String badData = registered("d0", U1, "2026-03-15T09:00:00Z").replace("\"platform\":\"pc\"", "\"platform\":\"toaster\"");
        String badCurrency = purchase("d1", U2, "5.00", "JPY", "2026-03-15T10:00:00Z");
        String badEnvelope = registered("d2", U2, "2026-03-15T09:00:00Z").replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\"");
        IngestionResult r = service.ingest(BodyFormat.BATCH, batch(badData, badCurrency, login("ok", U1), badEnvelope));
        assertThat(r.rejected()).isEqualTo(3);

        List<String> keys = lake.list("dead_letter/");
        assertThat(keys).hasSize(3);
        Map<String, String> byReason = keys.stream().collect(Collectors.toMap(
                k -> k.substring("dead_letter/reason=".length(), k.indexOf('/', "dead_letter/reason=".length())), Function.identity()));
        assertThat(byReason).containsOnlyKeys("INVALID_DATA", "UNSUPPORTED_CURRENCY", "INVALID_ENVELOPE");
        byReason.forEach((reason, key) -> {
            assertThat(key).startsWith("dead_letter/reason=" + reason + "/" + DEAD_LETTER_HOUR).endsWith(".json.gz");
            String text = gunzip(key);
            assertNoRawIdentifier(text);
            List<Map<String, Object>> records = records(key);
            assertThat(records).hasSize(1);
            Map<String, Object> record = records.get(0);
            assertThat(record.get("reason")).isEqualTo(reason);
            assertThat(record.get("detail")).asString().isNotBlank();
            assertThat(record.get("refusedAt")).isEqualTo(NOW.toString());
            assertThat(record.get("requestId")).asString().isNotBlank();
            assertThat(record).containsKey("event").doesNotContainKey("redactedText");
        });

        Map<String, Object> invalidData = records(byReason.get("INVALID_DATA")).get(0);
        assertThat(invalidData.get("index")).isEqualTo(0L);
        assertThat(invalidData.get("pointer")).isEqualTo("/data/platform");
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) ((Map<String, Object>) invalidData.get("event")).get("data");
        assertThat(kept.get("userId")).isEqualTo(pseudonymizer.pseudonym(U1));
        assertThat(kept.get("ipAddress")).isEqualTo("203.0.113.0");
        assertThat(kept).doesNotContainKeys("email", "username");
        assertThat(((Map<?, ?>) invalidData.get("event")).get("subject")).isEqualTo(pseudonymizer.pseudonym(U1));

        Map<String, Object> currency = records(byReason.get("UNSUPPORTED_CURRENCY")).get(0);
        assertThat(currency.get("index")).isEqualTo(1L);
        assertThat(currency.get("pointer")).isEqualTo("/data/amount/currency");
        assertThat(currency.get("detail")).asString().contains("JPY");
        assertThat(records(byReason.get("INVALID_ENVELOPE")).get(0).get("pointer")).isEqualTo("/specversion");

        // the refused events are nowhere else
        lakeWriter.flush();
        assertThat(warehouse.rows()).extracting(FactRow::eventId).containsExactly("ok");
        assertThat(lake.list("raw_events/")).hasSize(1);
    }

    @Test
    void acceptedEventsLandInTheRawLakeByServiceTypeAndHourAsPseudonymizedGzipNdjson() {
        IngestionResult r = service.ingest(BodyFormat.NDJSON, ndjson(
                registered("a1", U1, "2026-03-14T09:26:53.589Z"),
                registered("a2", U2, "2026-03-14T09:59:59Z"),
                purchase("a3", U1, "10.00", "USD", "2026-03-15T13:05:00+03:00")));
        assertThat(r.accepted()).isEqualTo(3);

        lakeWriter.flush(); // the lake writer rolls its buffers into objects later; the test wants them now
        List<String> keys = lake.list("raw_events/");
        assertThat(keys).hasSize(2);
        String registrations = "raw_events/service_name=auth-service/event_type=" + USER_REGISTERED
                + "/year=2026/month=03/day=14/hour=09/";
        String purchases = "raw_events/service_name=payment-service/event_type=" + TRANSACTION_COMPLETED
                + "/year=2026/month=03/day=15/hour=10/"; // 13:05 at +03:00 is 10:05 UTC
        assertThat(lake.list(registrations)).singleElement().asString().endsWith(".json.gz");
        assertThat(lake.list(purchases)).singleElement().asString().endsWith(".json.gz");

        for (String key : keys) {
            assertNoRawIdentifier(gunzip(key));
        }
        List<Map<String, Object>> registered = records(lake.list(registrations).get(0));
        assertThat(registered).extracting(e -> e.get("id")).containsExactly("a1", "a2");
        @SuppressWarnings("unchecked")
        Map<String, Object> firstData = (Map<String, Object>) registered.get(0).get("data");
        assertThat(firstData.get("userId")).isEqualTo(pseudonymizer.pseudonym(U1));
        assertThat(firstData).doesNotContainKeys("email", "username");
        assertThat(registered.get(0).get("subject")).isEqualTo(pseudonymizer.pseudonym(U1));
        Map<String, Object> paid = records(lake.list(purchases).get(0)).get(0);
        assertThat(paid.get("time")).isEqualTo("2026-03-15T13:05:00+03:00"); // kept as sent

        Map<String, FactRow> rows = warehouse.rows().stream().collect(Collectors.toMap(FactRow::eventId, Function.identity()));
        assertThat(rows.get("a1").userId()).isEqualTo(pseudonymizer.pseudonym(U1));
        assertThat(rows.get("a2").userId()).isEqualTo(pseudonymizer.pseudonym(U2));
        assertThat(rows.get("a1").receivedAt()).isEqualTo(NOW);
        assertThat(rows.get("a3").time()).isEqualTo(Instant.parse("2026-03-15T10:05:00Z"));
        assertThat(rows.get("a3").amountRub()).isEqualByComparingTo("900.00");
        assertThat(rows.values()).allSatisfy(row -> assertNoRawIdentifier(row.dataJson() + row.subject()));
    }

    @Test
    void anUnknownEventTypeIsStoredAndKeptInTheLake() {
        Map<String, Object> e = envelope("u1", "/partner-service", "com.partner.widget.spun.v3", "2026-03-15T11:00:00Z", null);
        e.put("data", new LinkedHashMap<>(Map.of("userId", U1, "spins", 3)));
        IngestionResult r = service.ingest(BodyFormat.SINGLE, Json.write(e));

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejections()).isEmpty();
        FactRow row = warehouse.rows().get(0);
        assertThat(row.type()).isEqualTo("com.partner.widget.spun.v3");
        assertThat(row.registeredType()).isFalse();
        assertThat(row.activity()).isFalse();
        assertThat(row.userId()).isEqualTo(pseudonymizer.pseudonym(U1));
        lakeWriter.flush();
        String partition = "raw_events/service_name=partner-service/event_type=com.partner.widget.spun.v3/"
                + "year=2026/month=03/day=15/hour=11/";
        assertThat(lake.list(partition)).hasSize(1);
        assertThat(records(lake.list(partition).get(0))).singleElement()
                .satisfies(stored -> assertThat(stored.get("id")).isEqualTo("u1"));
        assertNoRawIdentifier(gunzip(lake.list(partition).get(0)));
    }

    @Test
    void anUnparseableLineIsAMalformedJsonDeadLetterWithRedactedText() {
        String broken = "{\"specversion\":\"1.0\",\"id\":\"m1\",\"data\":{\"userId\":\"" + U2 + "\",\"email\":\"" + EMAIL
                + "\",\"ipAddress\":\"" + IP + "\",";
        IngestionResult r = service.ingest(BodyFormat.NDJSON, ndjson(login("fine", U1), broken));

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.index()).isEqualTo(1);
            assertThat(x.code()).isEqualTo(RejectionCode.MALFORMED_JSON);
        });
        List<String> keys = lake.list("dead_letter/");
        assertThat(keys).singleElement().asString().startsWith("dead_letter/reason=MALFORMED_JSON/" + DEAD_LETTER_HOUR);
        assertNoRawIdentifier(gunzip(keys.get(0)));
        Map<String, Object> record = records(keys.get(0)).get(0);
        assertThat(record.get("reason")).isEqualTo("MALFORMED_JSON");
        assertThat(record.get("index")).isEqualTo(1L);
        assertThat(record).doesNotContainKey("event");
        assertThat(record.get("redactedText")).asString()
                .contains(pseudonymizer.pseudonym(U2), "203.0.113.0", "\"id\":\"m1\"")
                .doesNotContain(U2, EMAIL, IP);
    }

    @Test
    void aFailedWarehouseWriteFailsTheRequestAndTheRetryStoresEachEventOnce() {
        String body = ndjson(login("w1", U1), login("w2", U2), registered("w3", U1, "2026-03-15T09:00:00Z"));
        warehouse.failNextAppend();

        assertThatThrownBy(() -> service.ingest(BodyFormat.NDJSON, body))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThat(warehouse.rows()).isEmpty();

        IngestionResult retry = service.ingest(BodyFormat.NDJSON, body);
        assertThat(retry.accepted()).isEqualTo(3);
        assertThat(retry.duplicates()).isZero();

        IngestionResult again = service.ingest(BodyFormat.NDJSON, body);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(3);

        assertThat(warehouse.rows()).hasSize(3);
        assertThat(rowsPerKey()).hasSize(3).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void twoRequestsCarryingTheSameEventsAtOnceStoreEachEventOnce() throws Exception {
        String body = ndjson(login("c1", U1), login("c2", U2), registered("c3", U1, "2026-03-15T09:00:00Z"),
                registered("c4", U2, "2026-03-15T09:00:00Z"), purchase("c5", U1, "1.00", "RUB", "2026-03-15T10:00:00Z"));
        // each lookup waits for the other request's lookup: without the lock both would look before either wrote
        warehouse.holdLookups(Duration.ofMillis(300));
        CountDownLatch start = new CountDownLatch(1);
        Callable<IngestionResult> ingest = () -> {
            start.await();
            return service.ingest(BodyFormat.NDJSON, body);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<IngestionResult> a = pool.submit(ingest);
            Future<IngestionResult> b = pool.submit(ingest);
            start.countDown();
            IngestionResult ra = a.get(10, TimeUnit.SECONDS);
            IngestionResult rb = b.get(10, TimeUnit.SECONDS);

            assertThat(ra.accepted() + rb.accepted()).isEqualTo(5);
            assertThat(ra.duplicates() + rb.duplicates()).isEqualTo(5);
            assertThat(List.of(ra.accepted(), rb.accepted())).containsExactlyInAnyOrder(0, 5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(warehouse.mostLookupsAtOnce()).isEqualTo(1);
        assertThat(warehouse.rows()).hasSize(5);
        assertThat(rowsPerKey()).hasSize(5).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aBodyThatDoesNotParseIsTheClientsErrorAndStoresNothing() {
        assertThatThrownBy(() -> service.ingest(BodyFormat.BATCH, "[" + login("x", U1)))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY));
        assertThat(warehouse.rows()).isEmpty();
        lakeWriter.flush();
        assertThat(lake.list("")).isEmpty();
    }
}
