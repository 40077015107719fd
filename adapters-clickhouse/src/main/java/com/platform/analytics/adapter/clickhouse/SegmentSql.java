package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.segment.SegmentCriteria;
import com.platform.analytics.domain.segment.SegmentField;
import com.platform.analytics.domain.segment.SegmentOperator;
import com.platform.analytics.domain.segment.UserAttributes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of segments: the user attributes of {@link SegmentField} computed from {@code events} in one grouped
 * query, and a criteria tree compiled to a condition over them. Every value of a criteria tree is a query parameter
 * ({@code {v0:String}}, bound by the engine, see {@link QueryParameters}), never SQL text; field names and operators
 * come from enums, never from the request.
 *
 * <p>"Latest" events (country, platform, ban, status) are ordered by (time, source, id), so two events in the same
 * millisecond still give one answer. Each condition is wrapped in {@code ifNull(..., 0)}: a condition on an absent
 * attribute is false, and {@code NOT} of it true, as {@link SegmentCriteria#matches} has it.
 */
final class SegmentSql {
    static final Duration RECENT = Duration.ofDays(30);

    private SegmentSql() {
    }

    /** One row per user with at least one event at or before {@code asOf}; columns named as the attributes. */
    static String attributes(String database, Instant asOf) {
        return attributes(database, asOf, List.of());
    }

    /**
     * {@link #attributes(String, Instant)} of the users who can match the criteria: when every attribute the criteria
     * name is computed from events of a few types alone, and a user with no such event does not match (as in "payments
     * count >= 2"), only the users with such an event are computed, from those events alone (the events are ordered by
     * type first, so this reads a small part of them). Same members, exactly: the attributes the criteria read come out
     * the same from those events, and every user left out has their "no such event" values, which do not match.
     */
    static Bound members(String database, Instant asOf, SegmentCriteria criteria) {
        Bound condition = condition(criteria);
        return new Bound("SELECT user_id FROM (" + attributes(database, asOf, sourceTypes(criteria)) + ") WHERE " + condition.sql(),
                condition.parameters());
    }

    /**
     * SQL with query parameters: its {@code {name:Type}} placeholders and their values' texts.
     */
    record Bound(String sql, Map<String, String> parameters) {
        Bound {
            java.util.Objects.requireNonNull(sql, "sql is null");
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /**
         * The statement as clickhouse-client would run it, for {@code explain}: a {@code SET} of the parameters (their
         * values quoted), then the SQL.
         */
        String explained() {
            return parameters.isEmpty() ? sql : QueryParameters.set(parameters) + ";\n" + sql;
        }
    }

    /** The event types the members of the criteria must have one of (see {@link #members}); empty: no such limit. */
    static List<String> sourceTypes(SegmentCriteria criteria) {
        Set<SegmentField> fields = EnumSet.noneOf(SegmentField.class);
        collect(criteria, fields);
        Set<String> types = new TreeSet<>();
        for (SegmentField field : fields) {
            List<String> source = SOURCE_TYPES.get(field);
            if (source == null) {
                return List.of(); // computed from events of any type (country, platform, activity)
            }
            types.addAll(source);
        }
        if (types.isEmpty() || criteria.matches(WITHOUT_TYPED_EVENTS)) {
            return List.of();
        }
        return List.copyOf(types);
    }

    /** The attributes computed from events of the listed types alone (as {@link #attributes} computes them). */
    private static final Map<SegmentField, List<String>> SOURCE_TYPES = Map.of(
            SegmentField.REGISTERED_AT, List.of(EventTypes.USER_REGISTERED),
            SegmentField.TOTAL_PAYMENTS_SUM_RUB, List.of(EventTypes.TRANSACTION_COMPLETED, EventTypes.REFUND_PROCESSED),
            SegmentField.PAYMENTS_COUNT, List.of(EventTypes.TRANSACTION_COMPLETED),
            SegmentField.GAMES_OWNED, List.of(EventTypes.GAME_ADDED),
            SegmentField.PLAYTIME_SECONDS_30D, List.of(EventTypes.SESSION_ENDED),
            SegmentField.SESSIONS_30D, List.of(EventTypes.SESSION_ENDED),
            SegmentField.IS_BANNED, List.of(EventTypes.USER_BANNED),
            SegmentField.ACCOUNT_STATUS, List.of(EventTypes.STATUS_UPDATED));

    /**
     * A user without any event of the {@link #SOURCE_TYPES}: the values {@link #attributes} gives such a user (the
     * attributes computed from other events are never read here: criteria naming them are not limited).
     */
    private static final UserAttributes WITHOUT_TYPED_EVENTS = new UserAttributes("", "", "", null, null, BigDecimal.ZERO,
            0, 0, 0, 0, null, false, "active");

    private static void collect(SegmentCriteria criteria, Set<SegmentField> fields) {
        if (criteria instanceof SegmentCriteria.All all) {
            all.children().forEach(c -> collect(c, fields));
        } else if (criteria instanceof SegmentCriteria.Any any) {
            any.children().forEach(c -> collect(c, fields));
        } else if (criteria instanceof SegmentCriteria.Not not) {
            collect(not.child(), fields);
        } else {
            fields.add(((SegmentCriteria.Condition) criteria).field());
        }
    }

    private static String attributes(String database, Instant asOf, List<String> onlyTypes) {
        String db = SqlLiterals.identifier(database);
        String at = SqlLiterals.instant(asOf);
        String recent = SqlLiterals.instant(asOf.minus(RECENT));
        String order = "(ts, source, event_id)";
        String paid = "type = " + SqlLiterals.string(EventTypes.TRANSACTION_COMPLETED);
        String refund = "type = " + SqlLiterals.string(EventTypes.REFUND_PROCESSED);
        String ended = "type = " + SqlLiterals.string(EventTypes.SESSION_ENDED) + " AND ts > " + recent;
        String banned = "type = " + SqlLiterals.string(EventTypes.USER_BANNED);
        String status = "type = " + SqlLiterals.string(EventTypes.STATUS_UPDATED);
        return "SELECT user_id,"
                + " argMaxIf(country, " + order + ", country != '') AS country,"
                + " argMaxIf(platform, " + order + ", platform != '') AS platform,"
                + " minIfOrNull(ts, type = " + SqlLiterals.string(EventTypes.USER_REGISTERED) + ") AS registered_at,"
                + " maxIfOrNull(ts, is_activity = 1) AS last_active_at,"
                + " toDecimal128(sumIf(amount_rub, " + paid + ") - sumIf(amount_rub, " + refund + "), 2) AS total_payments_sum_rub,"
                + " toInt64(countIf(" + paid + ")) AS payments_count,"
                + " toInt64(uniqExactIf(game_id, type = " + SqlLiterals.string(EventTypes.GAME_ADDED) + " AND game_id != '')) AS games_owned,"
                + " toInt64(sumIf(duration_seconds, " + ended + ")) AS playtime_seconds_30d,"
                + " toInt64(countIf(" + ended + ")) AS sessions_30d,"
                + " if(isNull(last_active_at), NULL, toInt64(dateDiff('day', toDate(assumeNotNull(last_active_at)), toDate(" + at + "))))"
                + " AS days_since_last_active,"
                // a ban lasts until its "until" (none, or one that cannot be read: for good)
                + " toUInt8(countIf(" + banned + ") > 0 AND ifNull(parseDateTime64BestEffortOrNull("
                + "argMaxIf(JSONExtractString(data, 'until'), " + order + ", " + banned + "), 3, 'UTC') > " + at + ", 1)) AS is_banned,"
                + " if(countIf(" + status + ") > 0, argMaxIf(JSONExtractString(data, 'newStatus'), " + order + ", " + status
                + "), 'active') AS account_status"
                + " FROM " + db + ".events WHERE user_id != '' AND ts <= " + at
                + (onlyTypes.isEmpty() ? "" : " AND type IN (" + String.join(", ", onlyTypes.stream().map(SqlLiterals::string).toList()) + ")")
                + " GROUP BY user_id";
    }

    /** The criteria as a ClickHouse boolean expression over the columns of {@link #attributes}, values as parameters. */
    static Bound condition(SegmentCriteria criteria) {
        StringBuilder sb = new StringBuilder(128);
        Map<String, String> parameters = new LinkedHashMap<>();
        append(criteria, sb, parameters);
        return new Bound(sb.toString(), parameters);
    }

    private static void append(SegmentCriteria criteria, StringBuilder sb, Map<String, String> parameters) {
        if (criteria instanceof SegmentCriteria.All all) {
            group(all.children(), " AND ", sb, parameters);
        } else if (criteria instanceof SegmentCriteria.Any any) {
            group(any.children(), " OR ", sb, parameters);
        } else if (criteria instanceof SegmentCriteria.Not not) {
            sb.append("NOT (");
            append(not.child(), sb, parameters);
            sb.append(')');
        } else {
            condition((SegmentCriteria.Condition) criteria, sb, parameters);
        }
    }

    private static void group(List<SegmentCriteria> children, String operator, StringBuilder sb, Map<String, String> parameters) {
        sb.append('(');
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                sb.append(operator);
            }
            append(children.get(i), sb, parameters);
        }
        sb.append(')');
    }

    private static void condition(SegmentCriteria.Condition c, StringBuilder sb, Map<String, String> parameters) {
        String column = c.field().attribute(); // from the enum: a plain name
        sb.append("ifNull(");
        switch (c.operator()) {
            case EQ, NE, LT, LE, GT, GE -> sb.append(column).append(' ').append(c.operator().symbol()).append(' ')
                    .append(placeholder(c.field(), c.value(), parameters));
            case IN, NOT_IN -> {
                sb.append(column).append(c.operator() == SegmentOperator.IN ? " IN (" : " NOT IN (");
                for (int i = 0; i < c.values().size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(placeholder(c.field(), c.values().get(i), parameters));
                }
                sb.append(')');
            }
            case CONTAINS -> sb.append("position(").append(column).append(", ").append(placeholder(c.field(), c.value(), parameters))
                    .append(") > 0");
        }
        sb.append(", 0)");
    }

    /**
     * A new parameter holding the value's text, as the expression of the field's type: the value converted by the same
     * function a literal of that type would have been (a decimal's scale, a timestamp's zone), from the parameter.
     */
    private static String placeholder(SegmentField field, Object value, Map<String, String> parameters) {
        String name = "v" + parameters.size();
        String text = switch (field.type()) {
            case STRING -> (String) value;
            case INTEGER -> Long.toString((Long) value);
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case TIMESTAMP -> {
                StringBuilder t = new StringBuilder(23);
                SqlLiterals.appendUtcMillis((Instant) value, t);
                yield t.toString();
            }
            case BOOLEAN -> (Boolean) value ? "1" : "0";
        };
        parameters.put(name, text);
        return switch (field.type()) {
            case STRING -> "{" + name + ":String}";
            case INTEGER -> "{" + name + ":Int64}";
            case DECIMAL -> "toDecimal128({" + name + ":String}, 2)";
            case TIMESTAMP -> "toDateTime64({" + name + ":String}, 3, 'UTC')";
            case BOOLEAN -> "{" + name + ":UInt8}";
        };
    }
}
