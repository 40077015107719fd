package com.platform.analytics.archexample.adapter.alpha;

import com.platform.analytics.archexample.adapter.beta.BetaClient;

/** Planted violation: an adapter that calls another adapter. */
public final class AlphaStore {
    private final BetaClient client = new BetaClient();

    public String read() {
        return client.fetch();
    }
}
