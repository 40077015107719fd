package com.platform.analytics.domain.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Conversion to RUB, the currency of every KPI, with a fixed rate table from configuration. RUB itself is
 * always known, at 1. A currency with no rate converts to nothing: its events are refused, not guessed.
 */
public final class CurrencyRates {
    public static final String RUB = "RUB";
    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    private final Map<String, BigDecimal> rubPerUnit;

    /**
     * @param rubPerUnit RUB for one unit of each currency (ISO 4217 codes, positive rates); RUB may be given
     *     only as 1
     */
    public CurrencyRates(Map<String, BigDecimal> rubPerUnit) {
        requireNonNull(rubPerUnit, "rubPerUnit is null");
        Map<String, BigDecimal> rates = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> e : rubPerUnit.entrySet()) {
            String code = requireNonNull(e.getKey(), "currency code is null");
            BigDecimal rate = requireNonNull(e.getValue(), "rate of " + code + " is null");
            if (!ISO_4217.matcher(code).matches()) {
                throw new IllegalArgumentException("currency code must be three upper-case letters (ISO 4217): " + code);
            }
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("the rate of " + code + " must be positive, was " + rate.toPlainString());
            }
            if (code.equals(RUB) && rate.compareTo(BigDecimal.ONE) != 0) {
                throw new IllegalArgumentException("the rate of RUB is 1 by definition, was " + rate.toPlainString());
            }
            rates.put(code, rate);
        }
        rates.put(RUB, BigDecimal.ONE);
        this.rubPerUnit = Collections.unmodifiableMap(rates);
    }

    /** Only RUB. */
    public static CurrencyRates rubOnly() {
        return new CurrencyRates(Map.of());
    }

    /** The amount in RUB, rounded half-even to kopecks; empty when the currency has no rate. */
    public Optional<BigDecimal> toRub(BigDecimal amount, String currency) {
        requireNonNull(amount, "amount is null");
        BigDecimal rate = currency == null ? null : rubPerUnit.get(currency);
        if (rate == null) {
            return Optional.empty();
        }
        return Optional.of(amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
    }

    public boolean supports(String currency) {
        return currency != null && rubPerUnit.containsKey(currency);
    }

    /** The known currencies, RUB included, sorted. */
    public Set<String> currencies() {
        return rubPerUnit.keySet();
    }

    public Map<String, BigDecimal> rubPerUnit() {
        return rubPerUnit;
    }
}
