package com.platform.analytics.adapter.http;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple for the tests, but with an MDC that keeps what is put in it (slf4j-simple's own drops it), so a
 * test can see the request id where a use case runs. Chosen by surefire's {@code slf4j.provider} property.
 */
public final class MdcKeepingLogProvider extends SimpleServiceProvider {
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}
