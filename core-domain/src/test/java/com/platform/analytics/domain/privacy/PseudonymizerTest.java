package com.platform.analytics.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.SharedFiles;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String USER = "3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60";
    private static final Set<String> SENSITIVE_KEYS = Set.of(
            "userId", "friendUserId", "adminId", "anonymousId", "email", "username", "displayName", "ipAddress", "query");

    private final Pseudonymizer pseudonymizer = new Pseudonymizer(new PseudonymizationKey("k1", SECRET));
    private final EventValidator validator = new EventValidator(EventTypeRegistry.platformContract());

    private CloudEvent example(String type) {
        return validator.validate(EventInput.parsed(0, Json.parse(SharedFiles.examples().get(type)))).event();
    }

    @Test
    void pseudonymIsKeyIdAnd128BitsOfHmacSha256() {
        // expected values computed independently: hmac.new(secret, id, sha256).hexdigest()[:32]
        assertThat(pseudonymizer.pseudonym(USER)).isEqualTo("k1_9e95964cc4d08f93e92889fe2212b5bd");
        assertThat(pseudonymizer.pseudonym("anon-7f3e9c")).isEqualTo("k1_b264e18d9ce5cd281a355e4e3ff90910");
    }

    @Test
    void samePseudonymForTheSameUserUnderOneKeyAndAnotherUnderAnotherKey() {
        Pseudonymizer again = new Pseudonymizer(new PseudonymizationKey("k1", SECRET.clone()));
        assertThat(again.pseudonym(USER)).isEqualTo(pseudonymizer.pseudonym(USER));
        byte[] otherSecret = SECRET.clone();
        otherSecret[31] ^= 1;
        String other = new Pseudonymizer(new PseudonymizationKey("k1", otherSecret)).pseudonym(USER);
        assertThat(other).startsWith("k1_").isNotEqualTo(pseudonymizer.pseudonym(USER));
        assertThat(new Pseudonymizer(new PseudonymizationKey("k2", SECRET)).pseudonym(USER)).startsWith("k2_")
                .endsWith(pseudonymizer.pseudonym(USER).substring(3));
        assertThat(pseudonymizer.pseudonym("8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e")).isNotEqualTo(pseudonymizer.pseudonym(USER));
    }

    @Test
    void noExampleEventKeepsARawIdentifier() {
        Set<String> scanned = new LinkedHashSet<>();
        SharedFiles.examples().forEach((type, text) -> {
            Set<String> originals = new LinkedHashSet<>();
            Map<String, Object> raw = Json.parseObject(text);
            collectSensitive(raw, originals);
            scanned.addAll(originals);
            CloudEvent event = validator.validate(EventInput.parsed(0, raw)).event();
            CloudEvent pseudonymized = pseudonymizer.pseudonymize(event);
            // every example's subject is a UUID (a user's, or a game's for publications): never kept raw
            assertThat(pseudonymized.subject()).as(type).isEqualTo(pseudonymizer.pseudonym(event.subject()));
            String stored = Json.write(pseudonymized.toJson());
            for (String original : originals) {
                assertThat(stored).as(type).doesNotContain(original);
            }
        });
        assertThat(scanned).contains(USER, "ivan.petrov@example.ru", "ivan_p", "Ivan P.", "203.0.113.17", "ведьмак",
                "anon-7f3e9c", "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e", "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    }

    @Test
    void registrationIsPseudonymizedFieldByField() {
        CloudEvent e = pseudonymizer.pseudonymize(example(EventTypes.USER_REGISTERED));
        String user = pseudonymizer.pseudonym(USER);
        assertThat(e.subject()).isEqualTo(user);
        assertThat(e.data()).containsExactly(
                Map.entry("userId", user),
                Map.entry("registeredAt", "2026-03-14T09:26:53.589Z"),
                Map.entry("country", "RU"),
                Map.entry("platform", "pc"),
                Map.entry("referrer", "vk_ads"),
                Map.entry("campaignId", "spring_sale_2026"),
                Map.entry("ipAddress", "203.0.113.0"));
        assertThat(e.id()).isEqualTo("133ac414-a3f1-54e8-9e22-3927bc81749a");
        assertThat(e.time()).isEqualTo(example(EventTypes.USER_REGISTERED).time());
    }

    @Test
    void searchTextIsDroppedItsLengthKept() {
        CloudEvent e = pseudonymizer.pseudonymize(example(EventTypes.GAME_SEARCHED));
        assertThat(e.data()).doesNotContainKey("query").containsEntry("queryLength", 7L)
                .containsEntry("anonymousId", pseudonymizer.pseudonym("anon-7f3e9c"));
    }

    @Test
    void otherIdentifiersAndNestedOnesArePseudonymized() {
        CloudEvent friend = pseudonymizer.pseudonymize(example(EventTypes.FRIEND_ADDED));
        assertThat(friend.data().get("friendUserId")).isEqualTo(pseudonymizer.pseudonym("8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e"));
        CloudEvent ban = pseudonymizer.pseudonymize(example(EventTypes.USER_BANNED));
        assertThat(ban.data().get("adminId")).isEqualTo(pseudonymizer.pseudonym("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("party", List.of(Map.of("userId", "u-1", "displayName", "Ann"), Map.of("UserID", "u-2")));
        data.put("gameId", "a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10");
        data.put("device", Map.of("ipAddress", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "email", "a@b.ru"));
        data.put("peer", Map.of("ipAddress", "not an ip"));
        CloudEvent e = pseudonymizer.pseudonymize(new CloudEvent("1.0", "1", "/s", "x.v1", "2026-03-15T10:00:00Z",
                java.time.Instant.parse("2026-03-15T10:00:00Z"), "users/u-1/party", null, null, data,
                Map.of("partitionkey", USER)));
        assertThat(e.data()).isEqualTo(Map.of(
                "party", List.of(Map.of("userId", pseudonymizer.pseudonym("u-1")), Map.of("UserID", pseudonymizer.pseudonym("u-2"))),
                "gameId", "a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10",
                "device", Map.of("ipAddress", "2001:db8:85a3::"),
                "peer", Map.of()));
        assertThat(e.subject()).isEqualTo("users/" + pseudonymizer.pseudonym("u-1") + "/party");
        assertThat(e.extensions()).containsEntry("partitionkey", pseudonymizer.pseudonym(USER));
        assertThat(data.get("gameId")).as("input untouched").isEqualTo("a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10");
        assertThat(((List<?>) data.get("party"))).hasSize(2);
    }

    @Test
    void subjectThatIsAUuidBecomesAPseudonymEvenWhenNotInData() {
        CloudEvent published = pseudonymizer.pseudonymize(example(EventTypes.GAME_PUBLISHED));
        assertThat(published.subject()).isEqualTo(pseudonymizer.pseudonym("a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10"));
        CloudEvent plain = example(EventTypes.GAME_PUBLISHED).withData(Map.of("title", "x"), "games/featured");
        assertThat(pseudonymizer.pseudonymize(plain).subject()).isEqualTo("games/featured");
    }

    @Test
    void refusedEventTreesKeepNoRawIdentifier() {
        String text = """
                {"specversion":"0.3","id":"x","source":"/auth-service","type":"com.platform.auth.user.registered.v1",
                 "subject":"user ivan@example.ru 3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60",
                 "partitionkey":"anon-42",
                 "data":{"userId":12345,"anonymousId":"anon-42","email":"ivan@example.ru","username":"ivan_p",
                         "ipAddress":"198.51.100.114","query":"ведьмак ivan","friends":[{"friendUserId":"f-1"}],
                         "adminId":["a-1","a-2"]}}""";
        Object tree = Json.parse(text);
        String stored = Json.write(pseudonymizer.pseudonymizeTree(tree));
        for (String raw : List.of("12345", "anon-42", "ivan@example.ru", "ivan_p", "198.51.100.114", "ведьмак", "f-1",
                "a-1", "a-2", USER)) {
            assertThat(stored).doesNotContain(raw);
        }
        assertThat(stored).contains(pseudonymizer.pseudonym("12345"), pseudonymizer.pseudonym("anon-42"),
                pseudonymizer.pseudonym(USER), "198.51.100.0", "\"queryLength\":12", "\"specversion\":\"0.3\"",
                "\"source\":\"/auth-service\"");
        assertThat(Json.write(tree)).as("input untouched").contains("ivan@example.ru");
        assertThat(pseudonymizer.pseudonymizeTree("raw 3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60"))
                .isEqualTo("raw " + pseudonymizer.pseudonym(USER));
        assertThat(pseudonymizer.pseudonymizeTree(List.of(Map.of("userId", "u")))).isEqualTo(
                List.of(Map.of("userId", pseudonymizer.pseudonym("u"))));
    }

    @Test
    void unparseableTextKeepsNoRawIdentifier() {
        String raw = "{\"specversion\":\"1.0\",\"time\":\"2026-03-15T10:00:00.000Z\",\"subject\":\"" + USER
                + "\",\"data\":{\"userId\":\"u-77\",\"anonymousId\":\"anon-9\",\"displayName\":\"Ivan \\\"P\\\"\","
                + "\"email\":\"ivan@example.ru\", \"username\" : \"ivan_p\",\"ipAddress\":\"2001:db8:85a3:8d3::7348\","
                + "\"note\":\"write to petr@mail.ru from 203.0.113.17 or fe80::1:2\",\"adminId\":42,"
                + "\"broken\": }";
        String redacted = pseudonymizer.redactText(raw);
        for (String s : List.of(USER, "u-77", "anon-9", "Ivan", "ivan@example.ru", "ivan_p", "2001:db8:85a3:8d3::7348",
                "petr@mail.ru", "203.0.113.17", "fe80::1:2", "42")) {
            assertThat(redacted).doesNotContain(s);
        }
        assertThat(redacted).contains(
                "\"subject\":\"" + pseudonymizer.pseudonym(USER) + "\"",
                "\"userId\":\"" + pseudonymizer.pseudonym("u-77") + "\"",
                "\"adminId\":\"" + pseudonymizer.pseudonym("42") + "\"",
                "\"username\" : \"[removed]\"",
                "\"ipAddress\":\"2001:db8:85a3::\"",
                "write to [email] from 203.0.113.0 or fe80::",
                "\"time\":\"2026-03-15T10:00:00.000Z\"",
                "\"broken\": }");
    }

    @Test
    void refusedBinaryOrTextDataIsRemovedItsLengthKept() {
        String payload = "{\"userId\":\"alice\",\"email\":\"ivan@example.ru\"}";
        String base64 = java.util.Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> binary = Json.parseObject("{\"specversion\":\"1.0\",\"id\":\"e1\",\"data_base64\":\""
                + base64 + "\",\"type\":\"x.v1\"}");
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) pseudonymizer.pseudonymizeTree(binary);
        assertThat(b).containsExactly(Map.entry("specversion", "1.0"), Map.entry("id", "e1"),
                Map.entry("data_base64", "[removed]"), Map.entry("data_base64Length", (long) base64.length()),
                Map.entry("type", "x.v1"));

        Map<String, Object> text = new LinkedHashMap<>();
        text.put("id", "e2");
        text.put("data", payload);
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) pseudonymizer.pseudonymizeTree(text);
        assertThat(t).containsExactly(Map.entry("id", "e2"), Map.entry("data", "[removed]"),
                Map.entry("dataLength", (long) payload.length()));
        assertThat(Json.write(t) + Json.write(b)).doesNotContain("alice", "ivan@example.ru", base64);

        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("data_base64", List.of("alice"));
        assertThat(pseudonymizer.pseudonymizeTree(odd)).as("not a string: removed, no length")
                .isEqualTo(Map.of("data_base64", "[removed]"));
    }

    @Test
    void everyScalarUnderAnIdentifierKeyIsPseudonymizedAndContactValuesOfAnyTypeDropped() {
        Map<String, Object> data = Json.parseObject("""
                {"userId":{"value":"alice","n":12345,"ok":true,"none":null,"deeper":[{"id":"carol"}]},
                 "friendUserId":[{"id":"bob"},"dave",7,["erin"]],
                 "email":{"primary":"ivan@example.ru"},"username":["ivan_p"],"displayName":5,
                 "query":{"text":"ведьмак"},"title":"kept"}""");
        Map<String, Object> expected = new LinkedHashMap<>();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("value", pseudonymizer.pseudonym("alice"));
        user.put("n", pseudonymizer.pseudonym("12345"));
        user.put("ok", true);
        user.put("none", Json.NULL);
        user.put("deeper", List.of(Map.of("id", pseudonymizer.pseudonym("carol"))));
        expected.put("userId", user);
        expected.put("friendUserId", List.of(Map.of("id", pseudonymizer.pseudonym("bob")), pseudonymizer.pseudonym("dave"),
                pseudonymizer.pseudonym("7"), List.of(pseudonymizer.pseudonym("erin"))));
        expected.put("title", "kept");

        // an accepted event of a type the contract does not know goes to the lake as it is
        CloudEvent accepted = pseudonymizer.pseudonymize(new CloudEvent("1.0", "1", "/s", "x.unknown.v1",
                "2026-03-15T10:00:00Z", java.time.Instant.parse("2026-03-15T10:00:00Z"), "friends/bob", null, null,
                data, Map.of()));
        assertThat(accepted.data()).isEqualTo(expected);
        assertThat(accepted.subject()).as("nested identifiers are known too").isEqualTo("friends/" + pseudonymizer.pseudonym("bob"));

        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("specversion", "1.0");
        refused.put("data", data);
        assertThat(pseudonymizer.pseudonymizeTree(refused)).isEqualTo(Map.of("specversion", "1.0", "data", expected));
        String stored = Json.write(accepted.toJson()) + Json.write(pseudonymizer.pseudonymizeTree(refused));
        assertThat(stored).doesNotContain("alice", "12345", "carol", "bob", "dave", "erin", "ivan", "ведьмак",
                "queryLength");
    }

    @Test
    void unparseableTextWithAStructuredIdentifierValueIsRemovedWhole() {
        for (String raw : List.of(
                "{\"userId\":[\"alice\"],\"broken\": }",
                "{\"data\":{\"USERID\" : {\"v\":\"alice\"}}",
                "{\"email\":null,\"x\":",
                "{\"userId\":\"alice\"tail",
                "{\"adminId\":42alice,",
                "{\"userId\":\"alice",
                "{\"data\":\"{\\\"userId\\\":\\\"alice\\\"}\"",
                "{\"fields\":[\"displayName\",\"alice\"",
                "userId=alice&x=1",
                "{'username': 'alice'")) {
            assertThat(pseudonymizer.redactText(raw)).as(raw)
                    .isEqualTo("[removed: " + raw.length() + " characters, unparseable with identifiers]");
        }
        String cyrillic = "{\"ведьмак\":[1],\"query\":[\"x\"]";
        assertThat(pseudonymizer.redactText(cyrillic))
                .isEqualTo("[removed: " + cyrillic.length() + " characters, unparseable with identifiers]");
        // the words themselves in prose, or longer keys that contain them, are not keys with a value
        String prose = "{\"note\":\"invalid email or query, see userIdMap\",\"queryLength\":[3],\"broken\": }";
        assertThat(pseudonymizer.redactText(prose)).isEqualTo(prose);
    }

    @Test
    void subjectWithALongDigitRunAndNoKnownIdentifierBecomesOnePseudonym() {
        CloudEvent base = example(EventTypes.GAME_PUBLISHED);
        Map<String, Object> plain = Map.of("title", "x");
        assertThat(pseudonymizer.pseudonymize(base.withData(plain, "users/12345")).subject())
                .isEqualTo(pseudonymizer.pseudonym("users/12345"));
        assertThat(pseudonymizer.pseudonymize(base.withData(plain, "orders/1234/page/2026")).subject())
                .as("no run of five digits").isEqualTo("orders/1234/page/2026");
        // digits inside a UUID do not count: the UUID alone becomes its pseudonym
        String uuid = "12345678-1234-4234-9234-123456789012";
        assertThat(pseudonymizer.pseudonymize(base.withData(plain, "games/" + uuid)).subject())
                .isEqualTo("games/" + pseudonymizer.pseudonym(uuid));
        assertThat(pseudonymizer.pseudonymize(base.withData(plain, "games/" + uuid + "/by/987654")).subject())
                .isEqualTo(pseudonymizer.pseudonym("games/" + uuid + "/by/987654"));
        // a known identifier replaced does not hide another number: the whole subject goes
        assertThat(pseudonymizer.pseudonymize(base.withData(Map.of("userId", "alice"), "users/alice/friends/55501")).subject())
                .isEqualTo(pseudonymizer.pseudonym("users/alice/friends/55501"));
        assertThat(pseudonymizer.pseudonymize(base.withData(Map.of("userId", 123456L), "users/123456")).subject())
                .as("the known number is set aside, then replaced").isEqualTo("users/" + pseudonymizer.pseudonym("123456"));

        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("subject", "users/12345");
        assertThat(pseudonymizer.pseudonymizeTree(refused)).isEqualTo(Map.of("subject", pseudonymizer.pseudonym("users/12345")));
    }

    @Test
    void refusedEventAttributesThatAreNotStringsHaveTheirTextsPseudonymized() {
        Map<String, Object> refused = Json.parseObject("{\"subject\":{\"who\":\"users/12345\"},\"partitionkey\":[\""
                + USER + "\",\"ivan@example.ru\"]}");
        assertThat(pseudonymizer.pseudonymizeTree(refused)).isEqualTo(Map.of(
                "subject", Map.of("who", pseudonymizer.pseudonym("users/12345")),
                "partitionkey", List.of(pseudonymizer.pseudonym(USER), "[email]")));
    }

    @SuppressWarnings("unchecked")
    private static void collectSensitive(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (SENSITIVE_KEYS.contains(k) && v instanceof String s) {
                    out.add(s);
                } else {
                    collectSensitive(v, out);
                }
            });
        } else if (value instanceof List<?> list) {
            new ArrayList<>(list).forEach(item -> collectSensitive(item, out));
        }
    }
}
