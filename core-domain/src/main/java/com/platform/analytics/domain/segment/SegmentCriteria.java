package com.platform.analytics.domain.segment;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The criteria of a dynamic segment: a tree of {@code AND} / {@code OR} / {@code NOT} over conditions on user
 * attributes, as JSON {@code {"type":"AND","conditions":[{"field":"user.total_payments_sum_rub","operator":">=",
 * "value":10000}]}}; {@code NOT} takes exactly one condition. Parsing validates everything (fields, operators,
 * value types, sizes) and names the offending JSON member by a pointer, so a tree that parses can be compiled
 * to any engine without further checks.
 */
public sealed interface SegmentCriteria {
    /** Deeper trees are refused: nobody writes them by hand, and they would make deep SQL. */
    int MAX_DEPTH = 16;
    /** Conditions in a whole tree, and items of one {@code in} list. */
    int MAX_CONDITIONS = 200;
    int MAX_LIST_ITEMS = 1000;
    /** Money values fit {@code Decimal(18, 2)}: up to 16 digits before the point, 2 after. */
    BigDecimal MAX_MONEY = new BigDecimal("9999999999999999.99");

    /** Whether a user with these attributes belongs (a condition on an absent attribute is false). */
    boolean matches(UserAttributes user);

    /** The tree as JSON-ready values, in the form {@link #parse} reads. */
    Object toJson();

    /** All of the children hold. */
    record All(List<SegmentCriteria> children) implements SegmentCriteria {
        public All {
            children = List.copyOf(children);
        }

        @Override
        public boolean matches(UserAttributes user) {
            return children.stream().allMatch(c -> c.matches(user));
        }

        @Override
        public Object toJson() {
            return group("AND", children);
        }
    }

    /** At least one of the children holds. */
    record Any(List<SegmentCriteria> children) implements SegmentCriteria {
        public Any {
            children = List.copyOf(children);
        }

        @Override
        public boolean matches(UserAttributes user) {
            return children.stream().anyMatch(c -> c.matches(user));
        }

        @Override
        public Object toJson() {
            return group("OR", children);
        }
    }

    /** The child does not hold. */
    record Not(SegmentCriteria child) implements SegmentCriteria {
        public Not {
            requireNonNull(child, "child is null");
        }

        @Override
        public boolean matches(UserAttributes user) {
            return !child.matches(user);
        }

        @Override
        public Object toJson() {
            return group("NOT", List.of(child));
        }
    }

    /**
     * One comparison. {@code values} holds one value, or the items of an {@code in} / {@code not_in} list, typed by
     * the field: String, Long, BigDecimal, Instant (to the millisecond) or Boolean.
     */
    record Condition(SegmentField field, SegmentOperator operator, List<Object> values) implements SegmentCriteria {
        public Condition {
            requireNonNull(field, "field is null");
            requireNonNull(operator, "operator is null");
            values = List.copyOf(values);
            if (values.isEmpty() || (!operator.takesList() && values.size() != 1)) {
                throw new IllegalArgumentException(operator.symbol() + " with " + values.size() + " values");
            }
        }

        public Object value() {
            return values.get(0);
        }

        @Override
        public boolean matches(UserAttributes user) {
            Object actual = user.value(field);
            if (actual == null) {
                return false;
            }
            return switch (operator) {
                case EQ -> compare(actual, value()) == 0;
                case NE -> compare(actual, value()) != 0;
                case LT -> compare(actual, value()) < 0;
                case LE -> compare(actual, value()) <= 0;
                case GT -> compare(actual, value()) > 0;
                case GE -> compare(actual, value()) >= 0;
                case IN -> values.stream().anyMatch(v -> compare(actual, v) == 0);
                case NOT_IN -> values.stream().noneMatch(v -> compare(actual, v) == 0);
                case CONTAINS -> ((String) actual).contains((String) value());
            };
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compare(Object actual, Object expected) {
            return ((Comparable) actual).compareTo(expected);
        }

        @Override
        public Object toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("field", field.jsonName());
            json.put("operator", operator.symbol());
            List<Object> written = values.stream().map(v -> v instanceof Instant t ? (Object) t.toString() : v).toList();
            json.put("value", operator.takesList() ? written : written.get(0));
            return json;
        }
    }

    private static Map<String, Object> group(String type, List<SegmentCriteria> children) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("conditions", children.stream().map(SegmentCriteria::toJson).toList());
        return json;
    }

    /**
     * Parses and validates a tree; {@code pointer} is where it sits in the request ({@code /criteria}), so errors
     * name e.g. {@code /criteria/conditions/1/field}.
     *
     * @throws AnalyticsException INVALID_QUERY_PARAMETERS naming the member that is wrong
     */
    static SegmentCriteria parse(Object json, String pointer) {
        requireNonNull(pointer, "pointer is null");
        int[] conditions = {0};
        return parseNode(json, pointer, 0, conditions);
    }

    /** Parses criteria JSON text (as stored). */
    static SegmentCriteria parse(String jsonText) {
        return parse(Json.parse(jsonText), "");
    }

    private static SegmentCriteria parseNode(Object json, String pointer, int depth, int[] conditions) {
        if (depth >= MAX_DEPTH) {
            throw invalid(pointer, "criteria nest deeper than " + MAX_DEPTH + " levels");
        }
        if (!(json instanceof Map<?, ?> node)) {
            throw invalid(pointer, "expected a criteria object (a group with \"type\" or a condition with \"field\"), found "
                    + Json.typeName(json));
        }
        if (node.containsKey("field")) {
            unknownMembers(node, pointer, Set.of("field", "operator", "value"));
            if (++conditions[0] > MAX_CONDITIONS) {
                throw invalid(pointer, "criteria have more than " + MAX_CONDITIONS + " conditions");
            }
            return parseCondition(node, pointer);
        }
        unknownMembers(node, pointer, Set.of("type", "conditions"));
        Object type = node.get("type");
        if (!(type instanceof String typeName)) {
            throw invalid(pointer + "/type", type == null
                    ? "a criteria group needs \"type\" (AND, OR or NOT), a condition needs \"field\""
                    : "\"type\" must be AND, OR or NOT, found " + Json.typeName(type));
        }
        String kind = typeName.toUpperCase(Locale.ROOT);
        if (!Set.of("AND", "OR", "NOT").contains(kind)) {
            throw invalid(pointer + "/type", "unknown criteria type '" + typeName + "': expected AND, OR or NOT");
        }
        Object items = node.get("conditions");
        if (!(items instanceof List<?> list) || list.isEmpty()) {
            throw invalid(pointer + "/conditions", "\"conditions\" must be a non-empty array");
        }
        if (kind.equals("NOT") && list.size() != 1) {
            throw invalid(pointer + "/conditions", "NOT takes exactly one condition, found " + list.size());
        }
        List<SegmentCriteria> children = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            children.add(parseNode(list.get(i), pointer + "/conditions/" + i, depth + 1, conditions));
        }
        return switch (kind) {
            case "AND" -> new All(children);
            case "OR" -> new Any(children);
            default -> new Not(children.get(0));
        };
    }

    private static void unknownMembers(Map<?, ?> node, String pointer, Set<String> known) {
        for (Object key : node.keySet()) {
            if (!known.contains(key)) {
                throw invalid(pointer + "/" + escape(String.valueOf(key)), "unknown member '" + key + "': expected "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static Condition parseCondition(Map<?, ?> node, String pointer) {
        Object fieldName = node.get("field");
        if (!(fieldName instanceof String name)) {
            throw invalid(pointer + "/field", "\"field\" must be a string");
        }
        SegmentField field = SegmentField.byJsonName(name).orElseThrow(() -> invalid(pointer + "/field",
                "unknown field '" + name + "': expected one of " + String.join(", ", SegmentField.jsonNames())));
        Object operatorName = node.get("operator");
        if (!(operatorName instanceof String op)) {
            throw invalid(pointer + "/operator", "\"operator\" must be a string");
        }
        SegmentOperator operator = SegmentOperator.bySymbol(op)
                .filter(o -> field.type().operators().contains(o))
                .orElseThrow(() -> invalid(pointer + "/operator", "unknown operator '" + op + "' for " + name + ": expected one of "
                        + String.join(", ", field.type().operators().stream().sorted().map(SegmentOperator::symbol).toList())));
        if (!node.containsKey("value")) {
            throw invalid(pointer + "/value", "a condition needs \"value\"");
        }
        Object value = node.get("value");
        List<Object> values = new ArrayList<>();
        if (operator.takesList()) {
            if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST_ITEMS) {
                throw invalid(pointer + "/value", "'" + op + "' takes a non-empty array of at most " + MAX_LIST_ITEMS
                        + " values, each " + field.type().valueDescription());
            }
            for (int i = 0; i < list.size(); i++) {
                values.add(typed(field, list.get(i), pointer + "/value/" + i));
            }
        } else {
            values.add(typed(field, value, pointer + "/value"));
        }
        return new Condition(field, operator, values);
    }

    private static Object typed(SegmentField field, Object value, String pointer) {
        RuntimeException wrongType = invalid(pointer, field.jsonName() + " takes " + field.type().valueDescription()
                + ", found " + Json.typeName(value));
        switch (field.type()) {
            case STRING -> {
                if (value instanceof String s) {
                    return s;
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
            }
            case INTEGER -> {
                if (value instanceof Long l) {
                    return l;
                }
                if (value instanceof BigInteger) {
                    throw invalid(pointer, field.jsonName() + ": " + value + " is out of range");
                }
                if (value instanceof BigDecimal d) {
                    try {
                        return d.longValueExact();
                    } catch (ArithmeticException e) {
                        throw invalid(pointer, field.jsonName() + " takes an integer, found " + d.toPlainString());
                    }
                }
            }
            case DECIMAL -> {
                if (value instanceof Number n) {
                    BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
                    d = d.stripTrailingZeros();
                    if (d.scale() > 2) {
                        throw invalid(pointer, field.jsonName() + " is money in RUB: at most 2 decimal places, found "
                                + d.toPlainString());
                    }
                    if (d.abs().compareTo(MAX_MONEY) > 0) {
                        throw invalid(pointer, field.jsonName() + ": " + d.toPlainString() + " is out of range");
                    }
                    return d.setScale(Math.max(0, d.scale()));
                }
            }
            case TIMESTAMP -> {
                if (value instanceof String s) {
                    try {
                        return Instant.parse(s).truncatedTo(ChronoUnit.MILLIS);
                    } catch (DateTimeParseException e) {
                        throw invalid(pointer, field.jsonName() + " takes an RFC 3339 timestamp such as "
                                + "2026-03-01T00:00:00Z, found '" + s + "'");
                    }
                }
            }
        }
        throw wrongType;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static AnalyticsException invalid(String pointer, String detail) {
        return new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, detail, null, pointer.isEmpty() ? "/" : pointer, null);
    }
}
