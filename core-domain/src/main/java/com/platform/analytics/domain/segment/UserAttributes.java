package com.platform.analytics.domain.segment;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One user's attributes as {@link SegmentField} defines them; {@code registeredAt}, {@code lastActiveAt} and
 * {@code daysSinceLastActive} are null when absent.
 *
 * @param userId the pseudonymized user id
 */
public record UserAttributes(
        String userId,
        String country,
        String platform,
        Instant registeredAt,
        Instant lastActiveAt,
        BigDecimal totalPaymentsSumRub,
        long paymentsCount,
        long gamesOwned,
        long playtimeSeconds30d,
        long sessions30d,
        Long daysSinceLastActive,
        boolean isBanned,
        String accountStatus) {
    public UserAttributes {
        requireNonNull(userId, "userId is null");
        requireNonNull(country, "country is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(totalPaymentsSumRub, "totalPaymentsSumRub is null");
        requireNonNull(accountStatus, "accountStatus is null");
    }

    /** The attribute's value as {@link SegmentCriteria.Condition} compares it; null when absent. */
    public Object value(SegmentField field) {
        return switch (field) {
            case COUNTRY -> country;
            case PLATFORM -> platform;
            case REGISTERED_AT -> registeredAt;
            case LAST_ACTIVE_AT -> lastActiveAt;
            case TOTAL_PAYMENTS_SUM_RUB -> totalPaymentsSumRub;
            case PAYMENTS_COUNT -> paymentsCount;
            case GAMES_OWNED -> gamesOwned;
            case PLAYTIME_SECONDS_30D -> playtimeSeconds30d;
            case SESSIONS_30D -> sessions30d;
            case DAYS_SINCE_LAST_ACTIVE -> daysSinceLastActive;
            case IS_BANNED -> isBanned;
            case ACCOUNT_STATUS -> accountStatus;
        };
    }
}
