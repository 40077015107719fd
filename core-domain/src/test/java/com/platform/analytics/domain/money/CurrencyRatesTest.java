package com.platform.analytics.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurrencyRatesTest {
    private final CurrencyRates rates = new CurrencyRates(Map.of("USD", new BigDecimal("92.5"), "KZT", new BigDecimal("0.185")));

    @Test
    void rubIsAlwaysOneAndKeptToKopecks() {
        assertThat(rates.toRub(new BigDecimal("1499"), "RUB")).contains(new BigDecimal("1499.00"));
        assertThat(CurrencyRates.rubOnly().toRub(new BigDecimal("-5.5"), "RUB")).contains(new BigDecimal("-5.50"));
        assertThat(rates.currencies()).containsExactly("KZT", "RUB", "USD");
    }

    @Test
    void convertsWithTheRateRoundingHalfEven() {
        assertThat(rates.toRub(new BigDecimal("9.99"), "USD")).contains(new BigDecimal("924.08")); // 924.075
        assertThat(rates.toRub(new BigDecimal("9.97"), "USD")).contains(new BigDecimal("922.22")); // 922.225
        assertThat(rates.toRub(new BigDecimal("1"), "KZT")).contains(new BigDecimal("0.18"));     // 0.185
        assertThat(rates.toRub(new BigDecimal("3"), "KZT")).contains(new BigDecimal("0.56"));     // 0.555
    }

    @Test
    void aCurrencyWithoutRateConvertsToNothing() {
        assertThat(rates.toRub(BigDecimal.ONE, "EUR")).isEmpty();
        assertThat(rates.toRub(BigDecimal.ONE, null)).isEmpty();
        assertThat(rates.supports("EUR")).isFalse();
        assertThat(rates.supports("USD")).isTrue();
    }

    @Test
    void refusesBadTables() {
        assertThatThrownBy(() -> new CurrencyRates(Map.of("usd", BigDecimal.ONE))).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> new CurrencyRates(Map.of("USD", BigDecimal.ZERO))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new CurrencyRates(Map.of("RUB", BigDecimal.TEN))).hasMessageContaining("RUB is 1");
        assertThat(new CurrencyRates(Map.of("RUB", new BigDecimal("1.00"))).currencies()).containsExactly("RUB");
    }
}
