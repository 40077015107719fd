package com.platform.analytics.adapter.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple for the tests, but with an MDC that keeps what is put in it (slf4j-simple's own drops it), so a
 * test can see the request id where a use case runs. Chosen by surefire's {@code slf4j.provider} property. Its
 * values are per thread and NOT inherited (unlike slf4j's BasicMDCAdapter): a worker thread created while a request
 * was in the MDC must not seem to carry later requests' ids.
 */
public final class MdcKeepingLogProvider extends SimpleServiceProvider {
    private final MDCAdapter mdc = new ThreadMdc();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    private static final class ThreadMdc implements MDCAdapter {
        private final ThreadLocal<Map<String, String>> values = ThreadLocal.withInitial(HashMap::new);
        private final ThreadLocal<Map<String, Deque<String>>> deques = ThreadLocal.withInitial(HashMap::new);

        @Override
        public void put(String key, String val) {
            values.get().put(key, val);
        }

        @Override
        public String get(String key) {
            return values.get().get(key);
        }

        @Override
        public void remove(String key) {
            values.get().remove(key);
        }

        @Override
        public void clear() {
            values.get().clear();
        }

        @Override
        public Map<String, String> getCopyOfContextMap() {
            return new HashMap<>(values.get());
        }

        @Override
        public void setContextMap(Map<String, String> contextMap) {
            values.set(new HashMap<>(contextMap));
        }

        @Override
        public void pushByKey(String key, String value) {
            deques.get().computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
        }

        @Override
        public String popByKey(String key) {
            Deque<String> d = deques.get().get(key);
            return d == null ? null : d.poll();
        }

        @Override
        public Deque<String> getCopyOfDequeByKey(String key) {
            Deque<String> d = deques.get().get(key);
            return d == null ? null : new ArrayDeque<>(d);
        }

        @Override
        public void clearDequeByKey(String key) {
            deques.get().remove(key);
        }
    }
}
