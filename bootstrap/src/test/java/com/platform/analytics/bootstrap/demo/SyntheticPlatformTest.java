package com.platform.analytics.bootstrap.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticPlatformTest {
    private static final GenerationSettings SMALL =
            new GenerationSettings(500, 10, LocalDate.of(2026, 1, 5), 42L);
    /** Big enough for the rare events (bans, failed notifications) to appear. */
    private static final GenerationSettings MEDIUM =
            new GenerationSettings(4000, 40, GenerationSettings.DEFAULT_FIRST_DAY, 7L);

    private static final Set<String> AMOUNT_FIELDS = Set.of("amount", "price", "inGamePurchasesAmount");

    /** type -> source and required data fields, read from the contract's INDEX.md. */
    private static Map<String, ContractEntry> contract;
    private static Map<String, ContractSchema> schemas;

    private record ContractEntry(String source, List<String> required) {
    }

    @BeforeAll
    static void readContract() throws IOException {
        String sharedDir = System.getProperty("shared.dir");
        assertThat(sharedDir).as("system property shared.dir (set by the parent POM's Surefire setup)").isNotNull();
        Path events = Path.of(sharedDir, "platform-events");
        contract = new TreeMap<>();
        for (String row : Files.readAllLines(events.resolve("INDEX.md"))) {
            if (!row.startsWith("| `")) {
                continue;
            }
            String[] cells = row.split("\\|");
            String type = cells[1].trim().replace("`", "");
            String source = cells[2].trim().replace("`", "");
            List<String> required = List.of(cells[3].trim().split(",\\s*"));
            contract.put(type, new ContractEntry(source, required));
        }
        schemas = new HashMap<>();
        for (String type : contract.keySet()) {
            schemas.put(type, ContractSchema.read(events.resolve("schemas").resolve(type + ".json")));
        }
        assertThat(contract).hasSize(20);
    }

    @Test
    void sameSettingsGiveByteIdenticalOutput() {
        String first = digest(SMALL);
        String second = digest(SMALL);
        String otherSeed = digest(SMALL.withSeed(43L));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void everyEventIsAValidCloudEventOfTheContract() {
        List<String> lines = generate(SMALL);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (String problem : problems(lines.get(i))) {
                problems.add("line " + i + ": " + problem);
            }
        }

        assertThat(lines).hasSizeGreaterThan(5_000);
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaCheckRefusesBrokenEvents() {
        // Proves the check above can fail: the same check on events broken the ways a generator could break them.
        String valid = generate(SMALL).stream()
                .filter(line -> line.contains("\"type\":\"com.platform.payment.transaction.completed.v1\""))
                .findFirst().orElseThrow();
        assertThat(problems(valid)).isEmpty();

        assertThat(problems(valid.replaceFirst("\"value\":\"(\\d+)\\.(\\d+)\"", "\"value\":\"$1.$2.0\"")))
                .containsExactly("data.amount.value: '" + amountOf(valid) + ".0' does not match ^-?[0-9]{1,12}(\\.[0-9]{1,2})?$");
        assertThat(problems(valid.replace("\"itemType\":\"", "\"itemType\":\"x")))
                .singleElement().asString().startsWith("data.itemType: x");
        assertThat(problems(valid.replace("\"userId\":", "\"buyerId\":")))
                .contains("data.userId: required field is missing");
        assertThat(problems(valid.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\"")))
                .containsExactly("specversion is not 1.0");
    }

    @Test
    void streamIsInTimeOrderInsideTheWindowWithUniqueIds() {
        List<String> lines = generate(SMALL);
        Instant windowStart = SMALL.firstDay().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant windowEnd = windowStart.plus(SMALL.days(), ChronoUnit.DAYS);
        Instant previous = windowStart;
        Set<String> keys = new HashSet<>();
        for (String line : lines) {
            Map<String, Object> event = Json.parseObject(line);
            Instant time = Instant.parse((String) event.get("time"));
            assertThat(time).isAfterOrEqualTo(previous).isBefore(windowEnd);
            previous = time;
            assertThat(keys.add(event.get("source") + " " + event.get("id"))).as("unique (source, id): %s", line).isTrue();
        }
    }

    @Test
    void summaryCountsExactlyWhatWasEmitted() {
        Map<String, Long> counted = new TreeMap<>();
        GenerationSummary summary = new SyntheticPlatform(SMALL).generate(line ->
                counted.merge((String) Json.parseObject(line).get("type"), 1L, Long::sum));

        assertThat(summary.eventsByType()).isEqualTo(counted);
        assertThat(summary.events()).isEqualTo(counted.values().stream().mapToLong(Long::longValue).sum());
        assertThat(summary.users()).isEqualTo(500);
        assertThat(summary.eventsOfType(SyntheticPlatform.REGISTERED)).isEqualTo(500);
        assertThat(summary.firstDay()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(summary.lastDay()).isEqualTo(LocalDate.of(2026, 1, 14));
    }

    @Test
    void mediumRunLooksLikeAGameStore() {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> currencies = new TreeMap<>();
        Map<String, Instant> registeredAt = new HashMap<>();
        Map<String, Instant> openSessions = new HashMap<>();
        Map<String, Set<LocalDate>> activeDays = new HashMap<>();
        Set<String> payers = new HashSet<>();
        Set<String> transactions = new HashSet<>();
        List<String> problems = new ArrayList<>();
        long anonymousViews = 0;

        List<String> all = generate(MEDIUM);
        for (String line : all) {
            Map<String, Object> event = Json.parseObject(line);
            String type = (String) event.get("type");
            Instant time = Instant.parse((String) event.get("time"));
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            byType.merge(type, 1L, Long::sum);
            String userId = (String) data.get("userId");
            if (type.equals(SyntheticPlatform.REGISTERED)) {
                registeredAt.put(userId, time);
            } else if (userId != null && !registeredAt.containsKey(userId)) {
                problems.add("event of a user not registered yet: " + line);
            }
            if (userId != null && !Set.of(SyntheticPlatform.NOTIFICATION_SENT, SyntheticPlatform.NOTIFICATION_FAILED,
                    SyntheticPlatform.REFUND_PROCESSED, SyntheticPlatform.STATUS_UPDATED, SyntheticPlatform.USER_BANNED,
                    SyntheticPlatform.EXPERIMENT_EXPOSED).contains(type)) {
                activeDays.computeIfAbsent(userId, u -> new HashSet<>()).add(LocalDate.ofInstant(time, ZoneOffset.UTC));
            }
            if (data.containsKey("anonymousId") && type.equals(SyntheticPlatform.GAME_VIEWED)) {
                anonymousViews++;
                if (data.containsKey("userId")) {
                    problems.add("anonymous view with a userId: " + line);
                }
            }
            switch (type) {
                case SyntheticPlatform.TRANSACTION_COMPLETED -> {
                    payers.add(userId);
                    transactions.add((String) data.get("transactionId"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> amount = (Map<String, Object>) data.get("amount");
                    currencies.merge((String) amount.get("currency"), 1L, Long::sum);
                }
                case SyntheticPlatform.REFUND_PROCESSED -> {
                    if (!transactions.contains((String) data.get("transactionId"))) {
                        problems.add("refund of an unknown transaction: " + line);
                    }
                }
                case SyntheticPlatform.SESSION_STARTED -> openSessions.put((String) data.get("sessionId"), time);
                case SyntheticPlatform.SESSION_ENDED -> {
                    Instant started = openSessions.remove((String) data.get("sessionId"));
                    if (started == null) {
                        problems.add("session ended without a start: " + line);
                    } else if (ChronoUnit.SECONDS.between(started, time) != (Long) data.get("durationSeconds")) {
                        problems.add("durationSeconds is not end - start: " + line);
                    }
                }
                default -> {
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(byType.keySet()).as("every type of the contract appears").isEqualTo(contract.keySet());
        assertThat(registeredAt).hasSize(4000);
        long transactionsCount = byType.get(SyntheticPlatform.TRANSACTION_COMPLETED);
        assertThat((double) payers.size() / 4000).as("share of paying users").isBetween(0.01, 0.12);
        // The planted fraud ring (0.3% of the users, about half of its payments refunded) lifts the share from
        // about 0.03 to about 0.10.
        assertThat((double) byType.get(SyntheticPlatform.REFUND_PROCESSED) / transactionsCount)
                .as("refund share").isBetween(0.005, 0.15);
        assertThat(currencies.get("RUB")).isGreaterThan(transactionsCount * 8 / 10);
        assertThat(currencies).containsKeys("USD", "EUR");
        assertThat(anonymousViews).isGreaterThan(byType.get(SyntheticPlatform.GAME_VIEWED) / 20);
        assertThat(byType.get(SyntheticPlatform.SESSION_ENDED)).isLessThanOrEqualTo(byType.get(SyntheticPlatform.SESSION_STARTED));

        // Retention over the cohorts that have 7 full days after registration inside the window.
        LocalDate lastDay = MEDIUM.lastDay();
        int cohort = 0;
        int day1 = 0;
        int day7 = 0;
        for (Map.Entry<String, Instant> user : registeredAt.entrySet()) {
            LocalDate registered = LocalDate.ofInstant(user.getValue(), ZoneOffset.UTC);
            if (registered.plusDays(7).isAfter(lastDay)) {
                continue;
            }
            cohort++;
            Set<LocalDate> days = activeDays.get(user.getKey());
            day1 += days.contains(registered.plusDays(1)) ? 1 : 0;
            day7 += days.contains(registered.plusDays(7)) ? 1 : 0;
        }
        double d1 = (double) day1 / cohort;
        double d7 = (double) day7 / cohort;
        assertThat(d1).as("D1 retention").isBetween(0.25, 0.6);
        assertThat(d7).as("D7 retention").isBetween(0.08, 0.3).isLessThan(d1);
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> new GenerationSettings(0, 10, LocalDate.EPOCH, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users");
        assertThatThrownBy(() -> new GenerationSettings(10, 0, LocalDate.EPOCH, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
        assertThatThrownBy(() -> new GenerationSettings(10, 10, null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("firstDay is null");
        assertThat(GenerationSettings.defaults().firstDay()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(GenerationSettings.defaults().lastDay()).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    /** Everything wrong with one line: envelope, the INDEX.md row of its type, and its data schema. */
    private static List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> event = Json.parseObject(line);
        String type = (String) event.get("type");
        ContractEntry entry = contract.get(type);
        if (entry == null) {
            return List.of("type " + type + " is not in the contract");
        }
        if (!"1.0".equals(event.get("specversion"))) {
            problems.add("specversion is not 1.0");
        }
        if (!(event.get("id") instanceof String id) || !ContractSchema.UUID.matcher(id).matches()) {
            problems.add("id is not a uuid");
        }
        if (!entry.source().equals(event.get("source"))) {
            problems.add("source " + event.get("source") + " is not " + entry.source());
        }
        if (!(event.get("time") instanceof String time) || !ContractSchema.DATE_TIME.matcher(time).matches()) {
            problems.add("time is not an RFC 3339 date-time");
        }
        if (!"application/json".equals(event.get("datacontenttype"))) {
            problems.add("datacontenttype is not application/json");
        }
        if (!("urn:platform-events:" + type).equals(event.get("dataschema"))) {
            problems.add("dataschema does not name the type");
        }
        if (!(event.get("data") instanceof Map<?, ?> data)) {
            problems.add("data is not an object");
            return problems;
        }
        for (String field : entry.required()) {
            if (!data.containsKey(field)) {
                problems.add("data." + field + ": required field is missing");
            }
        }
        for (String field : AMOUNT_FIELDS) {
            if (data.get(field) instanceof Map<?, ?> money && !Set.of("RUB", "USD", "EUR").contains(money.get("currency"))) {
                problems.add("data." + field + ".currency: " + money.get("currency"));
            }
        }
        if (type.startsWith("com.platform.catalog.") && data.containsKey("userId") == data.containsKey("anonymousId")) {
            problems.add("catalog event needs exactly one of userId and anonymousId");
        }
        for (String problem : schemas.get(type).violations(data)) {
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static String amountOf(String line) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) Json.parseObject(line).get("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> amount = (Map<String, Object>) data.get("amount");
        return (String) amount.get("value");
    }

    private static List<String> generate(GenerationSettings settings) {
        List<String> lines = new ArrayList<>();
        new SyntheticPlatform(settings).generate(lines::add);
        return lines;
    }

    private static String digest(GenerationSettings settings) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            new SyntheticPlatform(settings).generate(line -> {
                sha256.update(line.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
