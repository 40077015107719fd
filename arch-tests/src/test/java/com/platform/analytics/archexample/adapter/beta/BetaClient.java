package com.platform.analytics.archexample.adapter.beta;

/** An innocent adapter class; the violation is alpha's. */
public final class BetaClient {
    public String fetch() {
        return "beta";
    }
}
