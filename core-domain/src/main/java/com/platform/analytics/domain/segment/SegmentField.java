package com.platform.analytics.domain.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The user attributes a segment condition can name (KPI_DEFINITIONS.md, Segments), each derived from a user's
 * events as of the moment a segment is calculated ({@code asOf}); events after that moment are not seen:
 * <ul>
 *   <li>{@code country}, {@code platform}: of the user's latest event (by event time) that carries one; '' if none;</li>
 *   <li>{@code registered_at}: time of the first {@code auth.user.registered}; {@code last_active_at}: of the latest
 *       activity event (both absent when there is no such event);</li>
 *   <li>{@code total_payments_sum_rub}: completed payments minus refunds, in RUB; {@code payments_count}: completed
 *       payments;</li>
 *   <li>{@code games_owned}: distinct games of {@code library.game.added};</li>
 *   <li>{@code playtime_seconds_30d}, {@code sessions_30d}: sum of durations and count of {@code library.session.ended}
 *       in the 30 days before {@code asOf} ({@code asOf - 30d < time <= asOf});</li>
 *   <li>{@code days_since_last_active}: UTC calendar days from the day of {@code last_active_at} to the day of
 *       {@code asOf} (absent when never active);</li>
 *   <li>{@code is_banned}: the latest {@code admin.user.banned} has no {@code until} or one after {@code asOf};</li>
 *   <li>{@code account_status}: {@code newStatus} of the latest {@code account.status.updated}; {@code active} when
 *       there is none (accounts start active).</li>
 * </ul>
 * A condition on an absent attribute is false, and so is its negation's condition: {@code NOT} of it is true.
 */
public enum SegmentField {
    COUNTRY("country", FieldType.STRING),
    PLATFORM("platform", FieldType.STRING),
    REGISTERED_AT("registered_at", FieldType.TIMESTAMP),
    LAST_ACTIVE_AT("last_active_at", FieldType.TIMESTAMP),
    TOTAL_PAYMENTS_SUM_RUB("total_payments_sum_rub", FieldType.DECIMAL),
    PAYMENTS_COUNT("payments_count", FieldType.INTEGER),
    GAMES_OWNED("games_owned", FieldType.INTEGER),
    PLAYTIME_SECONDS_30D("playtime_seconds_30d", FieldType.INTEGER),
    SESSIONS_30D("sessions_30d", FieldType.INTEGER),
    DAYS_SINCE_LAST_ACTIVE("days_since_last_active", FieldType.INTEGER),
    IS_BANNED("is_banned", FieldType.BOOLEAN),
    ACCOUNT_STATUS("account_status", FieldType.STRING);

    /** Conditions name fields as {@code user.<attribute>}. */
    public static final String PREFIX = "user.";

    private final String attribute;
    private final FieldType type;

    SegmentField(String attribute, FieldType type) {
        this.attribute = attribute;
        this.type = type;
    }

    /** The attribute name, also its column name in the warehouse. */
    public String attribute() {
        return attribute;
    }

    /** The name used in criteria JSON: {@code user.<attribute>}. */
    public String jsonName() {
        return PREFIX + attribute;
    }

    public FieldType type() {
        return type;
    }

    public static Optional<SegmentField> byJsonName(String name) {
        return Arrays.stream(values()).filter(f -> f.jsonName().equals(name)).findFirst();
    }

    public static List<String> jsonNames() {
        return Arrays.stream(values()).map(SegmentField::jsonName).toList();
    }
}
