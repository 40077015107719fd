package com.platform.analytics.archexample.domain;

import com.google.inject.Key;

/** Planted violation: a domain class that depends on Guice. */
public final class PricingPolicy {
    public Key<PricingPolicy> bindingKey() {
        return Key.get(PricingPolicy.class);
    }
}
