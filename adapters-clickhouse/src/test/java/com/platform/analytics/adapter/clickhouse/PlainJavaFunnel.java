package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.analysis.funnel.FunnelCount;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel definition of KPI_DEFINITIONS.md taken literally, in plain Java and by brute force: for every step-1
 * event of a user in the range, follow its chain step by step (the earliest matching event strictly after the
 * previous match, no later than entry + W); the user's depth is the longest chain; their times come from the chain
 * that reached that depth earliest (ties: the latest entry). Nothing here is shared with the SQL.
 */
final class PlainJavaFunnel {
    /** An event as the test generated it: properties are the data fields (String or BigDecimal values). */
    record Event(String user, String type, long millis, Map<String, Object> data) {
    }

    private PlainJavaFunnel() {
    }

    static List<FunnelCount> counts(FunnelQuery q, List<Event> events) {
        long start = q.start().toEpochMilli();
        long end = q.end().toEpochMilli();
        long w = q.window().toMillis();
        int n = q.steps().size();
        Map<String, List<Event>> byUser = new TreeMap<>();
        for (Event e : events) {
            if (!e.user().isEmpty()) {
                byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
            }
        }
        // per breakdown key (null: everyone), per step: the seconds from entry of each user reaching it
        Map<String, Map<Integer, List<Double>>> seconds = new HashMap<>();
        for (List<Event> mine : byUser.values()) {
            mine.sort(Comparator.comparingLong(Event::millis));
            long[] bestTimes = null;
            Event bestEntry = null;
            for (Event entry : mine) {
                if (entry.millis() < start || entry.millis() >= end || !matches(q.steps().get(0), entry)) {
                    continue;
                }
                List<Long> times = new ArrayList<>(List.of(entry.millis()));
                for (int k = 1; k < n; k++) {
                    long previous = times.get(times.size() - 1);
                    Long next = null;
                    for (Event e : mine) {
                        if (e.millis() > previous && e.millis() <= entry.millis() + w && matches(q.steps().get(k), e)) {
                            next = e.millis();
                            break;
                        }
                    }
                    if (next == null) {
                        break;
                    }
                    times.add(next);
                }
                long[] t = times.stream().mapToLong(Long::longValue).toArray();
                if (bestTimes == null || t.length > bestTimes.length
                        || (t.length == bestTimes.length && (t[t.length - 1] < bestTimes[t.length - 1]
                        || (t[t.length - 1] == bestTimes[t.length - 1] && t[0] >= bestTimes[0])))) {
                    bestTimes = t;
                    bestEntry = entry;
                }
            }
            if (bestTimes == null) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            keys.add(null);
            if (q.breakdown().isPresent()) {
                String value = null;
                for (Event e : mine) {
                    if (e.millis() == bestEntry.millis() && matches(q.steps().get(0), e)) {
                        String v = text(e, q.breakdown().get());
                        value = value == null || v.compareTo(value) < 0 ? v : value;
                    }
                }
                keys.add(value);
            }
            for (String key : keys) {
                for (int k = 0; k < bestTimes.length; k++) {
                    seconds.computeIfAbsent(key, x -> new TreeMap<>()).computeIfAbsent(k + 1, x -> new ArrayList<>())
                            .add((bestTimes[k] - bestTimes[0]) / 1000.0);
                }
            }
        }
        List<FunnelCount> counts = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, List<Double>>> byKey : seconds.entrySet()) {
            for (Map.Entry<Integer, List<Double>> step : byKey.getValue().entrySet()) {
                List<Double> s = new ArrayList<>(step.getValue());
                s.sort(null);
                int size = s.size();
                double median = size % 2 == 1 ? s.get(size / 2) : (s.get(size / 2 - 1) + s.get(size / 2)) / 2;
                double mean = s.stream().mapToDouble(Double::doubleValue).sum() / size;
                counts.add(new FunnelCount(byKey.getKey(), step.getKey(), size, median, mean));
            }
        }
        return counts;
    }

    static boolean matches(FunnelStep step, Event e) {
        if (!step.event().equals(e.type())) {
            return false;
        }
        for (PropertyFilter f : step.filters()) {
            if (!matches(f, e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(PropertyFilter f, Event e) {
        if (f.numeric()) {
            Object raw = e.data().get(f.field().substring("data.".length()));
            if (!(raw instanceof BigDecimal v)) {
                return false;
            }
            List<Integer> cmp = f.values().stream().map(x -> v.compareTo((BigDecimal) x)).toList();
            return compare(f, cmp, null);
        }
        String v = text(e, f.field());
        List<Integer> cmp = f.values().stream().map(x -> Integer.signum(v.compareTo((String) x))).toList();
        return compare(f, cmp, v);
    }

    private static boolean compare(PropertyFilter f, List<Integer> cmp, String text) {
        int c = cmp.get(0);
        return switch (f.op()) {
            case EQ -> c == 0;
            case NEQ -> c != 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
            case IN -> cmp.contains(0);
            case NOT_IN -> !cmp.contains(0);
            case CONTAINS -> text.contains((String) f.values().get(0));
        };
    }

    /** A string property as is; a number as its plain text; absent as "". */
    private static String text(Event e, String field) {
        Object v = e.data().get(field.substring("data.".length()));
        return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }
}
