package com.platform.analytics.domain.fact;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One accepted event as the warehouse stores it: typed columns for everything metrics and analyses
 * filter, group or sum on, plus the whole pseudonymized payload as JSON. Every identifier here is already a
 * pseudonym. Strings are empty (never null) when the event does not carry the field.
 *
 * @param registeredType whether the type is in the event contract (unknown types are kept, feed nothing)
 * @param activity whether the type is an activity event (KPI_DEFINITIONS.md, Basics)
 * @param amount the amount as sent, in {@code currency}; zero when there is none
 * @param amountRub the amount converted to RUB, rounded to kopecks; zero when there is none
 * @param durationSeconds {@code durationSeconds} of sessions and downloads, else 0
 * @param dataJson the pseudonymized {@code data} payload as JSON text
 */
public record FactRow(
        String source,
        String eventId,
        String type,
        boolean registeredType,
        boolean activity,
        Instant time,
        Instant receivedAt,
        String userId,
        String anonymousId,
        String subject,
        String gameId,
        String developerId,
        String platform,
        String country,
        String genre,
        String itemType,
        String campaignId,
        String sessionId,
        String transactionId,
        BigDecimal amount,
        String currency,
        BigDecimal amountRub,
        long durationSeconds,
        String experimentKey,
        String variant,
        String dataJson) {

    public FactRow {
        requireNonNull(source, "source is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        requireNonNull(time, "time is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(anonymousId, "anonymousId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(gameId, "gameId is null");
        requireNonNull(developerId, "developerId is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(country, "country is null");
        requireNonNull(genre, "genre is null");
        requireNonNull(itemType, "itemType is null");
        requireNonNull(campaignId, "campaignId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transactionId, "transactionId is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(amountRub, "amountRub is null");
        requireNonNull(experimentKey, "experimentKey is null");
        requireNonNull(variant, "variant is null");
        requireNonNull(dataJson, "dataJson is null");
    }
}
