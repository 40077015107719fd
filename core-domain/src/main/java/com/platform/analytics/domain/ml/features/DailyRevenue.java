package com.platform.analytics.domain.ml.features;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Net revenue of one UTC day, as KPI_DEFINITIONS.md's {@code net_revenue}: the RUB amounts of
 * {@code payment.transaction.completed} minus those of {@code payment.refund.processed} on that day (events in other
 * currencies were converted to RUB at ingestion). For one game, the events carrying its {@code gameId}; refunds
 * without a gameId count for the platform only.
 *
 * @param gameId the game, or empty for the whole platform
 * @param netRevenueRub in RUB, two decimal places; negative on a day with more refunded than paid
 */
public record DailyRevenue(LocalDate day, Optional<String> gameId, BigDecimal netRevenueRub) {
    public DailyRevenue {
        requireNonNull(day, "day is null");
        requireNonNull(gameId, "gameId is null");
        requireNonNull(netRevenueRub, "netRevenueRub is null");
    }
}
