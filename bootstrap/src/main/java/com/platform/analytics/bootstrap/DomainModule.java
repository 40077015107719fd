package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.money.CurrencyRates;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import java.time.Clock;
import java.util.Map;

/** The domain's configured pieces: the event contract, validation, pseudonymization, currency rates. */
final class DomainModule extends AbstractModule {
    private final AnalyticsConfig config;
    private final Map<String, String> env;

    DomainModule(AnalyticsConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    @Override
    protected void configure() {
        bind(AnalyticsConfig.class).toInstance(config);
        bind(Clock.class).toInstance(Clock.systemUTC());
    }

    @Provides
    @Singleton
    EventTypeRegistry eventTypes() {
        return EventTypeRegistry.platformContract();
    }

    @Provides
    @Singleton
    EventValidator validator(EventTypeRegistry types) {
        return new EventValidator(types);
    }

    @Provides
    @Singleton
    EventBatchDecoder decoder() {
        return new EventBatchDecoder(config.maxEvents());
    }

    @Provides
    @Singleton
    Pseudonymizer pseudonymizer() {
        return new Pseudonymizer(PseudonymizationKeys.load(config, env));
    }

    @Provides
    @Singleton
    CurrencyRates currencyRates() {
        return new CurrencyRates(config.ratesRub());
    }

    @Provides
    @Singleton
    FactRowMapper factRowMapper(EventTypeRegistry types, CurrencyRates rates) {
        return new FactRowMapper(types, rates);
    }
}
