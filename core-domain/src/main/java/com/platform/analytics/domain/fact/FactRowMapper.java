package com.platform.analytics.domain.fact;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.money.CurrencyRates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a validated, pseudonymized event to its warehouse row: each typed column from the top-level field of
 * {@code data} of the same name, when the event carries it; {@code amount} ({@code {"value","currency"}})
 * converted to RUB.
 *
 * <p>Amounts are read from events of registered types only: their schema guarantees a decimal string and a
 * currency code. An unknown type feeds no metric, so an {@code amount} in it is left in {@code dataJson} and
 * never refuses the event.
 */
public final class FactRowMapper {
    private final EventTypeRegistry registry;
    private final CurrencyRates rates;

    public FactRowMapper(EventTypeRegistry registry, CurrencyRates rates) {
        this.registry = requireNonNull(registry, "registry is null");
        this.rates = requireNonNull(rates, "rates is null");
    }

    /**
     * @param pseudonymizedEvent a valid event whose identifiers are already pseudonyms
     * @param receivedAt when the service received it
     */
    /** Money the warehouse can hold: Decimal(18, 2) is below 10^16. */
    static final BigDecimal MAX_MONEY = BigDecimal.TEN.pow(16);

    public Mapped map(CloudEvent pseudonymizedEvent, Instant receivedAt) {
        requireNonNull(pseudonymizedEvent, "pseudonymizedEvent is null");
        requireNonNull(receivedAt, "receivedAt is null");
        CloudEvent e = pseudonymizedEvent;
        Map<String, Object> data = e.data();
        boolean registered = registry.isRegistered(e.type());

        BigDecimal amount = BigDecimal.ZERO;
        String currency = "";
        BigDecimal amountRub = BigDecimal.ZERO;
        if (registered && data.get("amount") instanceof Map<?, ?> money
                && money.get("value") instanceof String value && money.get("currency") instanceof String code) {
            try {
                amount = new BigDecimal(value);
            } catch (NumberFormatException ex) {
                return Mapped.rejected(RejectionCode.INVALID_DATA, "/data/amount/value must be a decimal number",
                        "/data/amount/value");
            }
            currency = code;
            Optional<BigDecimal> rub = rates.toRub(amount, code);
            if (rub.isEmpty()) {
                return Mapped.rejected(RejectionCode.UNSUPPORTED_CURRENCY, "no conversion rate to RUB is configured "
                        + "for the currency " + code + " (known: " + String.join(", ", rates.currencies()) + ")",
                        "/data/amount/currency");
            }
            amountRub = rub.get();
            // the warehouse keeps money as Decimal(18, 2): an amount beyond it is refused here, with the event named,
            // rather than failing the whole request's insert (or blocking a Kafka partition) in the store
            if (amount.abs().compareTo(MAX_MONEY) >= 0 || amountRub.abs().compareTo(MAX_MONEY) >= 0) {
                return Mapped.rejected(RejectionCode.INVALID_DATA, "/data/amount/value is out of range: at most 16 digits "
                        + "before the decimal point (in the currency and in RUB)", "/data/amount/value");
            }
        }
        if (data.get("durationSeconds") instanceof Long seconds && seconds < 0) {
            return Mapped.rejected(RejectionCode.INVALID_DATA, "/data/durationSeconds must not be negative",
                    "/data/durationSeconds");
        }

        return Mapped.row(new FactRow(
                e.source(),
                e.id(),
                e.type(),
                registered,
                EventTypes.isActivity(e.type()),
                e.time(),
                receivedAt,
                text(data, "userId"),
                text(data, "anonymousId"),
                e.subject() == null ? "" : e.subject(),
                text(data, "gameId"),
                text(data, "developerId"),
                text(data, "platform"),
                text(data, "country"),
                text(data, "genre"),
                text(data, "itemType"),
                text(data, "campaignId"),
                text(data, "sessionId"),
                text(data, "transactionId"),
                amount,
                currency,
                amountRub,
                wholeNumber(data, "durationSeconds"),
                text(data, "experimentKey"),
                text(data, "variant"),
                Json.write(data)));
    }

    /** A string field as is; a number or boolean as its JSON text (unknown types may send them); else empty. */
    private static String text(Map<String, Object> data, String key) {
        Object v = data.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return Json.write(v);
        }
        return "";
    }

    private static long wholeNumber(Map<String, Object> data, String key) {
        Object v = data.get(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof BigInteger || v instanceof BigDecimal) {
            try {
                return new BigDecimal(v.toString()).longValueExact();
            } catch (ArithmeticException ex) {
                return 0;
            }
        }
        return 0;
    }
}
