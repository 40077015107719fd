package com.platform.analytics.domain.analysis.experiment;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the warehouse's per-variant totals into the report: rates or revenue per user, each variant against
 * {@value #CONTROL} (two-proportion z-test or Welch's t-test, relative lift by the delta method, Bayesian
 * probability to beat control for conversion), and the sample-ratio-mismatch check over all variants.
 */
public final class ExperimentAnalysis {
    /** The variant every other is compared with. */
    public static final String CONTROL = "control";

    private ExperimentAnalysis() {
    }

    /**
     * @throws AnalyticsException INVALID_QUERY_PARAMETERS when users were exposed but none to {@value #CONTROL}
     */
    public static ExperimentReport report(ExperimentQuery query, ExperimentTotals totals) {
        requireNonNull(query, "query is null");
        requireNonNull(totals, "totals is null");
        List<VariantTotals> variants = new ArrayList<>(totals.variants());
        variants.sort(Comparator.comparing((VariantTotals v) -> !CONTROL.equals(v.variant()))
                .thenComparing(VariantTotals::variant));
        if (variants.isEmpty()) {
            return new ExperimentReport(query, List.of(), totals.excludedUsers(), null, totals.sql());
        }
        if (!CONTROL.equals(variants.get(0).variant())) {
            List<String> names = variants.stream().map(VariantTotals::variant).toList();
            throw new AnalyticsException(ErrorCode.INVALID_QUERY_PARAMETERS, "experiment '" + query.experimentKey()
                    + "' has no variant named '" + CONTROL + "' among the users first exposed from " + query.from()
                    + " to " + query.to() + " (variants: " + String.join(", ", names) + "): lifts are measured "
                    + "against '" + CONTROL + "'", "experimentKey", null, null);
        }
        VariantTotals control = variants.get(0);
        List<VariantReport> reports = new ArrayList<>();
        List<Long> users = new ArrayList<>();
        for (VariantTotals v : variants) {
            users.add(v.users());
            boolean isControl = v == control;
            reports.add(query.metric() == ExperimentMetric.CONVERSION
                    ? conversion(v, isControl ? null : control)
                    : revenue(v, isControl ? null : control));
        }
        return new ExperimentReport(query, reports, totals.excludedUsers(), SampleRatioCheck.ofEqualAllocation(users),
                totals.sql());
    }

    private static VariantReport conversion(VariantTotals v, VariantTotals control) {
        Double rate = v.users() == 0 ? null : (double) v.conversions() / v.users();
        Comparison comparison = control == null ? null
                : ProportionTest.compare(control.users(), control.conversions(), v.users(), v.conversions());
        return new VariantReport(v.variant(), v.users(), v.conversions(), rate, null, null, comparison);
    }

    private static VariantReport revenue(VariantTotals v, VariantTotals control) {
        SampleSummary summary = summary(v);
        Comparison comparison = control == null ? null : WelchTest.compare(summary(control), summary);
        return new VariantReport(v.variant(), v.users(), null, v.users() == 0 ? null : summary.mean(), v.revenue(),
                v.users() < 2 ? null : summary.standardDeviation(), comparison);
    }

    private static SampleSummary summary(VariantTotals v) {
        return SampleSummary.ofSums(v.users(), v.revenue().doubleValue(), v.revenueSquares());
    }
}
