package com.platform.analytics.bootstrap.demo;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * The learnable structure a generation planted for the built-in models, so that a training report can cite
 * what its model was meant to find. The events never carry these labels; they only show their effects.
 *
 * @param earlyChurners users of the short-lived class who leave within their first days
 * @param decliningUsers users whose engagement began to fade inside the window (sessions, playtime,
 *     purchases and new friends shrink over 14 to 21 days before they stop)
 * @param lapsedUsers declining users whose fade ended inside the window: they stop coming back
 * @param temporaryDips retained users who had a quiet spell of 5 to 12 days and came back (the
 *     look-alikes that keep churn from being perfectly separable)
 * @param tasteClusters the taste clusters, each named by its genres joined with {@code +}; every user
 *     belongs to one or two and mostly views, buys and plays games of those genres
 * @param fraudRings rings of new accounts that register together (same country and platform, within
 *     minutes, from a couple of shared IP addresses) and spend fast with many refunds
 * @param fraudRingMembers accounts in those rings
 * @param weekdayPurchaseFactors purchase-propensity factor per day of week, Monday first (weekend peak)
 */
public record PlantedSignals(
        int earlyChurners,
        int decliningUsers,
        int lapsedUsers,
        int temporaryDips,
        List<String> tasteClusters,
        int fraudRings,
        int fraudRingMembers,
        List<Double> weekdayPurchaseFactors) {
    public PlantedSignals {
        requireNonNull(tasteClusters, "tasteClusters is null");
        requireNonNull(weekdayPurchaseFactors, "weekdayPurchaseFactors is null");
        tasteClusters = List.copyOf(tasteClusters);
        weekdayPurchaseFactors = List.copyOf(weekdayPurchaseFactors);
    }

    /** One line for the {@code generate} command's output and for reports. */
    public String describe() {
        StringBuilder factors = new StringBuilder();
        String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        for (int i = 0; i < weekdayPurchaseFactors.size(); i++) {
            factors.append(i == 0 ? "" : " ").append(days[i]).append(" x")
                    .append(String.format(Locale.ROOT, "%.2f", weekdayPurchaseFactors.get(i)));
        }
        return String.format(Locale.ROOT,
                "planted: %,d early churners, %,d declining users (%,d lapsed in the window, %,d temporary dips);"
                        + " %d taste clusters %s; %d fraud ring(s) of %,d accounts; purchases by weekday: %s",
                earlyChurners, decliningUsers, lapsedUsers, temporaryDips, tasteClusters.size(), tasteClusters,
                fraudRings, fraudRingMembers, factors);
    }
}
