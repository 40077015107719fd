package com.platform.analytics.domain.fact;

import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.SharedFiles;
import com.platform.analytics.domain.event.CloudEvent;
import com.platform.analytics.domain.event.EventInput;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventTypes;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.event.Rejection;
import com.platform.analytics.domain.event.RejectionCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.money.CurrencyRates;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactRowMapperTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-16T08:00:00.250Z");
    private static final String GAME = "a7d0e5f2-3b1c-4d9e-8f7a-6b5c4d3e2f10";
    private static final String DEVELOPER = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";

    private final EventTypeRegistry registry = EventTypeRegistry.platformContract();
    private final EventValidator validator = new EventValidator(registry);
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(
            new PseudonymizationKey("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private final FactRowMapper mapper = new FactRowMapper(registry,
            new CurrencyRates(Map.of("USD", new BigDecimal("90"))));
    private final String user = pseudonymizer.pseudonym("3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60");

    private CloudEvent example(String type) {
        Map<String, Object> event = Json.parseObject(SharedFiles.examples().get(type));
        return pseudonymizer.pseudonymize(validator.validate(EventInput.parsed(0, event)).event());
    }

    private FactRow row(CloudEvent event) {
        Mapped mapped = mapper.map(event, RECEIVED);
        assertThat(mapped.isRow()).as("%s", mapped).isTrue();
        return mapped.row();
    }

    @Test
    void purchaseFillsMoneyAndDimensions() {
        CloudEvent event = example(EventTypes.TRANSACTION_COMPLETED);
        FactRow row = row(event);
        assertThat(row.source()).isEqualTo("/payment-service");
        assertThat(row.eventId()).isEqualTo("ab02dc06-93f1-5f86-8ac8-5fa94caf00cc");
        assertThat(row.type()).isEqualTo(EventTypes.TRANSACTION_COMPLETED);
        assertThat(row.registeredType()).isTrue();
        assertThat(row.activity()).isTrue();
        assertThat(row.time()).isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
        assertThat(row.receivedAt()).isEqualTo(RECEIVED);
        assertThat(row.userId()).isEqualTo(user);
        assertThat(row.subject()).isEqualTo(user);
        assertThat(row.anonymousId()).isEmpty();
        assertThat(row.gameId()).isEqualTo(GAME);
        assertThat(row.developerId()).isEqualTo(DEVELOPER);
        assertThat(row.country()).isEqualTo("RU");
        assertThat(row.itemType()).isEqualTo("game");
        assertThat(row.campaignId()).isEqualTo("spring_sale_2026");
        assertThat(row.transactionId()).isEqualTo("9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
        assertThat(row.amount()).isEqualByComparingTo("1499.00");
        assertThat(row.currency()).isEqualTo("RUB");
        assertThat(row.amountRub()).isEqualTo(new BigDecimal("1499.00"));
        assertThat(row.platform()).isEmpty();
        assertThat(row.sessionId()).isEmpty();
        assertThat(row.durationSeconds()).isZero();
        assertThat(row.experimentKey()).isEmpty();
        assertThat(Json.parseObject(row.dataJson())).isEqualTo(event.data());
    }

    @Test
    void sessionEndFillsDuration() {
        FactRow row = row(example(EventTypes.SESSION_ENDED));
        assertThat(row.sessionId()).isEqualTo("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e");
        assertThat(row.durationSeconds()).isEqualTo(3725);
        assertThat(row.platform()).isEqualTo("pc");
        assertThat(row.activity()).isTrue();
        // inGamePurchasesAmount is not the event's amount
        assertThat(row.amount()).isZero();
        assertThat(row.currency()).isEmpty();
        assertThat(row.amountRub()).isZero();
    }

    @Test
    void viewsByAnonymousVisitorsAndExperimentsAndNonActivity() {
        FactRow view = row(example(EventTypes.GAME_VIEWED));
        assertThat(view.anonymousId()).isEqualTo(pseudonymizer.pseudonym("anon-7f3e9c"));
        assertThat(view.genre()).isEqualTo("rpg");
        assertThat(view.amount()).as("a price is not an amount").isZero();

        FactRow exposure = row(example(EventTypes.EXPERIMENT_EXPOSED));
        assertThat(exposure.experimentKey()).isEqualTo("checkout_button_color");
        assertThat(exposure.variant()).isEqualTo("treatment");
        assertThat(exposure.activity()).isFalse();

        FactRow refund = row(example(EventTypes.REFUND_PROCESSED));
        assertThat(refund.activity()).isFalse();
        assertThat(refund.amountRub()).isEqualTo(new BigDecimal("1499.00"));
    }

    @Test
    void convertsOtherCurrencies() {
        CloudEvent event = example(EventTypes.TRANSACTION_COMPLETED);
        Map<String, Object> data = new LinkedHashMap<>(event.data());
        data.put("amount", Map.of("value", "9.99", "currency", "USD"));
        FactRow row = row(event.withData(data, event.subject()));
        assertThat(row.amount()).isEqualTo(new BigDecimal("9.99"));
        assertThat(row.currency()).isEqualTo("USD");
        assertThat(row.amountRub()).isEqualTo(new BigDecimal("899.10"));
    }

    @Test
    void aCurrencyWithoutRateIsRejected() {
        CloudEvent event = example(EventTypes.REFUND_PROCESSED);
        Map<String, Object> data = new LinkedHashMap<>(event.data());
        data.put("amount", Map.of("value", "10.00", "currency", "EUR"));
        Mapped mapped = mapper.map(event.withData(data, event.subject()), RECEIVED);
        assertThat(mapped.isRow()).isFalse();
        assertThat(mapped.code()).isEqualTo(RejectionCode.UNSUPPORTED_CURRENCY);
        assertThat(mapped.pointer()).isEqualTo("/data/amount/currency");
        assertThat(mapped.detail()).contains("EUR");
        assertThat(mapped.rejection(3)).isEqualTo(new Rejection(3, RejectionCode.UNSUPPORTED_CURRENCY, mapped.detail(),
                "/data/amount/currency"));
    }

    @Test
    void anAmountTheWarehouseCannotHoldIsRejectedNotFailed() {
        CloudEvent event = example(EventTypes.TRANSACTION_COMPLETED);
        Map<String, Object> data = new LinkedHashMap<>(event.data());
        data.put("amount", Map.of("value", "9999999999999999.99", "currency", "RUB"));
        assertThat(mapper.map(event.withData(data, event.subject()), RECEIVED).isRow()).as("the largest Decimal(18, 2)").isTrue();
        data.put("amount", Map.of("value", "10000000000000000.00", "currency", "RUB"));
        Mapped tooLarge = mapper.map(event.withData(data, event.subject()), RECEIVED);
        assertThat(tooLarge.isRow()).isFalse();
        assertThat(tooLarge.code()).isEqualTo(RejectionCode.INVALID_DATA);
        assertThat(tooLarge.pointer()).isEqualTo("/data/amount/value");
        // fits in USD, not once converted to RUB
        data.put("amount", Map.of("value", "999999999999999.00", "currency", "USD"));
        assertThat(mapper.map(event.withData(data, event.subject()), RECEIVED).isRow()).isFalse();
    }

    @Test
    void unknownTypesMapWithoutMoney() {
        CloudEvent event = new CloudEvent("1.0", "7", "/new-service", "com.platform.new.v1", "2026-03-15T10:00:00Z",
                Instant.parse("2026-03-15T10:00:00Z"), null, null, null,
                Map.of("amount", Map.of("value", "1", "currency", "EUR"), "gameId", GAME, "durationSeconds", 5L,
                        "platform", 3L), Map.of());
        FactRow row = row(event);
        assertThat(row.registeredType()).isFalse();
        assertThat(row.activity()).isFalse();
        assertThat(row.amount()).isZero();
        assertThat(row.currency()).isEmpty();
        assertThat(row.gameId()).isEqualTo(GAME);
        assertThat(row.durationSeconds()).isEqualTo(5);
        assertThat(row.platform()).isEqualTo("3");
        assertThat(row.subject()).isEmpty();
    }

    @Test
    void everyExampleMaps() {
        SharedFiles.examples().keySet().forEach(type -> assertThat(row(example(type)).type()).isEqualTo(type));
    }
}
