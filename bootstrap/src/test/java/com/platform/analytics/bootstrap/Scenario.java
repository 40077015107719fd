package com.platform.analytics.bootstrap;

import com.platform.analytics.domain.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Events for end-to-end tests: the contract's 20 examples, and a small platform over two weeks of March 2026
 * (registrations, logins, sessions, payments in RUB and USD, a refund, a +03:00 offset, a non-activity event, an
 * anonymous visitor).
 */
final class Scenario {
    private Scenario() {
    }

    static String user(int i) {
        return UUID.nameUUIDFromBytes(("scenario-user-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static List<Map<String, Object>> events() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int reg = 1 + i % 6;
            String platform = i % 2 == 0 ? "pc" : "mobile_android";
            out.add(registered(user(i), String.format("2026-03-%02dT10:00:00Z", reg), platform));
            out.add(login(user(i), String.format("2026-03-%02dT08:00:00Z", reg + 1), platform));
            if (i % 2 == 0) {
                out.add(login(user(i), String.format("2026-03-%02dT23:59:59.999Z", reg + 3), platform));
            }
            out.add(login(user(i), String.format("2026-03-%02dT12:00:00Z", reg + 7), platform));
            if (i < 8) {
                out.add(sessionEnded(user(i), String.format("2026-03-%02dT20:00:00Z", reg + 1), 600 + i * 60));
            }
        }
        out.add(login(user(1), "2026-03-09T01:30:00+03:00", "mobile_android"));
        out.add(payment(user(0), "2026-03-02T11:00:00Z", "1499.00", "RUB"));
        out.add(payment(user(3), "2026-03-05T11:00:00Z", "1499.00", "RUB"));
        out.add(payment(user(6), "2026-03-03T11:00:00.5+03:00", "299.50", "RUB"));
        out.add(payment(user(9), "2026-03-06T11:00:00Z", "10.00", "USD"));
        out.add(refund(user(3), "2026-03-08T11:00:00Z", "1499.00"));
        out.add(event("/notification-service", "com.platform.notification.sent.v1", "2026-03-14T10:00:00Z",
                Map.of("userId", user(11), "notificationId", UUID.randomUUID().toString(), "channel", "email")));
        out.add(event("/catalog-service", "com.platform.catalog.game.viewed.v1", "2026-03-04T10:00:00Z",
                Map.of("gameId", UUID.randomUUID().toString(), "developerId", UUID.randomUUID().toString(), "anonymousId", "anon-123")));
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> examples() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ServiceProcess.sharedDir().resolve("platform-events/examples"))) {
            for (Path f : files.sorted().toList()) {
                out.add((Map<String, Object>) Json.parse(Files.readString(f)));
            }
        }
        return out;
    }

    static Map<String, Object> event(String source, String type, String time, Map<String, Object> data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", source);
        e.put("type", type);
        e.put("time", time);
        e.put("datacontenttype", "application/json");
        e.put("data", new LinkedHashMap<>(data));
        return e;
    }

    static Map<String, Object> registered(String user, String time, String platform) {
        return event("/auth-service", "com.platform.auth.user.registered.v1", time, Map.of("userId", user,
                "registeredAt", time, "country", "RU", "platform", platform, "email", "u" + user.substring(0, 8) + "@example.org",
                "ipAddress", "198.51.100.77"));
    }

    static Map<String, Object> login(String user, String time, String platform) {
        return event("/auth-service", "com.platform.auth.user.loggedin.v1", time, Map.of("userId", user, "platform", platform, "country", "KZ"));
    }

    static Map<String, Object> sessionEnded(String user, String time, int seconds) {
        return event("/library-service", "com.platform.library.session.ended.v1", time, Map.of("userId", user,
                "gameId", "a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10", "developerId", "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6",
                "sessionId", UUID.randomUUID().toString(), "durationSeconds", seconds));
    }

    static Map<String, Object> payment(String user, String time, String value, String currency) {
        return event("/payment-service", "com.platform.payment.transaction.completed.v1", time, Map.of("userId", user,
                "transactionId", UUID.randomUUID().toString(), "itemType", "game", "amount", Map.of("value", value, "currency", currency)));
    }

    static Map<String, Object> refund(String user, String time, String value) {
        return event("/payment-service", "com.platform.payment.refund.processed.v1", time, Map.of("userId", user,
                "transactionId", UUID.randomUUID().toString(), "refundId", UUID.randomUUID().toString(),
                "amount", Map.of("value", value, "currency", "RUB")));
    }

    /** A copy with a new id and one data field changed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withData(Map<String, Object> event, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("id", UUID.randomUUID().toString());
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) event.get("data"));
        data.put(field, value);
        copy.put("data", data);
        return copy;
    }

    /** A copy with a new id and one data field removed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutData(Map<String, Object> event, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("id", UUID.randomUUID().toString());
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) event.get("data"));
        data.remove(field);
        copy.put("data", data);
        return copy;
    }

    /** A copy without its id: an envelope no consumer can key. */
    static Map<String, Object> withoutId(Map<String, Object> event) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.remove("id");
        return copy;
    }
}
