package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.fact.FactRow;
import java.math.BigDecimal;
import java.time.Instant;

/** Hand-built fact rows for tests: a type, a time, a user, and whatever else a test sets. */
final class FactRows {
    private String source = "/test-service";
    private String eventId;
    private String type = EventTypes.USER_LOGGED_IN;
    private Instant time = Instant.parse("2026-03-01T12:00:00Z");
    private String userId = "";
    private String anonymousId = "";
    private String gameId = "";
    private String platform = "";
    private String country = "";
    private String itemType = "";
    private BigDecimal amount = BigDecimal.ZERO;
    private String currency = "";
    private BigDecimal amountRub = BigDecimal.ZERO;
    private long durationSeconds;
    private String dataJson = "{}";

    private static int sequence;

    static FactRows event(String type, String time, String userId) {
        FactRows b = new FactRows();
        b.type = type;
        b.time = Instant.parse(time);
        b.userId = userId;
        b.eventId = "e-" + (++sequence);
        return b;
    }

    FactRows id(String source, String id) {
        this.source = source;
        this.eventId = id;
        return this;
    }

    FactRows anonymous(String id) {
        this.anonymousId = id;
        return this;
    }

    FactRows on(String platform, String country) {
        this.platform = platform;
        this.country = country;
        return this;
    }

    FactRows game(String gameId, String itemType) {
        this.gameId = gameId;
        this.itemType = itemType;
        return this;
    }

    FactRows paid(String amount, String currency, String amountRub) {
        this.amount = new BigDecimal(amount);
        this.currency = currency;
        this.amountRub = new BigDecimal(amountRub);
        return this;
    }

    FactRows lasting(long seconds) {
        this.durationSeconds = seconds;
        return this;
    }

    FactRows data(String json) {
        this.dataJson = json;
        return this;
    }

    FactRow build() {
        return new FactRow(source, eventId, type, true, EventTypes.isActivity(type), time,
                time.plusSeconds(5), userId, anonymousId, "", gameId, "dev-1", platform, country, "rpg", itemType, "",
                "", "", amount, currency, amountRub, durationSeconds, "", "", dataJson);
    }
}
