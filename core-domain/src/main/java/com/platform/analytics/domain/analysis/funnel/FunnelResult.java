package com.platform.analytics.domain.analysis.funnel;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A funnel's answer: its steps, the same per breakdown value (biggest entry first), and the SQL that computed it.
 * A later step never has more users than an earlier one: the constructor refuses such a result, since it would
 * mean the computation is wrong.
 */
public record FunnelResult(List<FunnelStepResult> steps, List<FunnelBreakdown> breakdown, String sql) {
    public FunnelResult {
        steps = List.copyOf(steps);
        breakdown = List.copyOf(breakdown);
        requireNonNull(sql, "sql is null");
        requireMonotonic(steps, "the funnel");
        for (FunnelBreakdown b : breakdown) {
            requireMonotonic(b.steps(), "breakdown value " + b.value());
        }
    }

    /** The result of {@code query} from a warehouse's counts (steps nobody reached may be absent from them). */
    public static FunnelResult of(FunnelQuery query, List<FunnelCount> counts, String sql) {
        Map<Integer, FunnelCount> total = new LinkedHashMap<>();
        Map<String, Map<Integer, FunnelCount>> byValue = new LinkedHashMap<>();
        for (FunnelCount c : counts) {
            if (c.step() > query.steps().size()) {
                throw new IllegalStateException("a count for step " + c.step() + " of a " + query.steps().size() + "-step funnel");
            }
            if (c.breakdownValue() == null) {
                total.put(c.step(), c);
            } else {
                byValue.computeIfAbsent(c.breakdownValue(), v -> new LinkedHashMap<>()).put(c.step(), c);
            }
        }
        List<FunnelBreakdown> breakdown = new ArrayList<>();
        if (query.breakdown().isPresent()) {
            for (Map.Entry<String, Map<Integer, FunnelCount>> e : byValue.entrySet()) {
                breakdown.add(new FunnelBreakdown(e.getKey().isEmpty() ? null : e.getKey(), steps(query, e.getValue())));
            }
            breakdown.sort(Comparator.comparingLong((FunnelBreakdown b) -> -b.steps().get(0).users())
                    .thenComparing(b -> b.value() == null ? "" : b.value()));
        }
        return new FunnelResult(steps(query, total), breakdown, sql);
    }

    private static List<FunnelStepResult> steps(FunnelQuery query, Map<Integer, FunnelCount> counts) {
        List<FunnelStepResult> steps = new ArrayList<>();
        long entered = users(counts, 1);
        long previous = entered;
        for (int k = 1; k <= query.steps().size(); k++) {
            FunnelCount c = counts.get(k);
            long users = c == null ? 0 : c.users();
            steps.add(new FunnelStepResult(query.steps().get(k - 1).event(), users, ratio(users, entered),
                    ratio(users, k == 1 ? entered : previous), seconds(c == null ? null : c.medianSeconds()),
                    seconds(c == null ? null : c.meanSeconds())));
            previous = users;
        }
        return steps;
    }

    private static long users(Map<Integer, FunnelCount> counts, int step) {
        FunnelCount c = counts.get(step);
        return c == null ? 0 : c.users();
    }

    static BigDecimal ratio(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal seconds(Double s) {
        return s == null || s.isNaN() ? null : BigDecimal.valueOf(s).setScale(3, RoundingMode.HALF_UP);
    }

    private static void requireMonotonic(List<FunnelStepResult> steps, String what) {
        for (int k = 1; k < steps.size(); k++) {
            if (steps.get(k).users() > steps.get(k - 1).users()) {
                throw new IllegalStateException(what + ": step " + (k + 1) + " has more users (" + steps.get(k).users()
                        + ") than step " + k + " (" + steps.get(k - 1).users() + ")");
            }
        }
    }
}
