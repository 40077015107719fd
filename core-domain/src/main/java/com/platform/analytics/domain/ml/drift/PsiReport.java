package com.platform.analytics.domain.ml.drift;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A population stability index, its reading and the bins it was summed over (to see where the shift is). */
public record PsiReport(double value, DriftLevel level, List<PsiBin> bins) {
    public PsiReport {
        requireNonNull(level, "level is null");
        bins = List.copyOf(bins);
    }
}
