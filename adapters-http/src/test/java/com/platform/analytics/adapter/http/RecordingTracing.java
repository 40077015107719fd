package com.platform.analytics.adapter.http;

import com.platform.analytics.port.out.Tracing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the spans the server starts, their attributes and whether they were closed. */
final class RecordingTracing implements Tracing {
    static final class RecordedSpan implements Span {
        final String name;
        final Optional<String> parent;
        final Map<String, String> attributes = new ConcurrentHashMap<>();
        volatile boolean closed;

        RecordedSpan(String name, Optional<String> parent, Map<String, String> attributes) {
            this.name = name;
            this.parent = parent;
            this.attributes.putAll(attributes);
        }

        @Override
        public void attribute(String key, String value) {
            attributes.put(key, value);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<RecordedSpan> spans = new CopyOnWriteArrayList<>();

    @Override
    public Span start(String name, Optional<String> parent, Map<String, String> attributes) {
        RecordedSpan span = new RecordedSpan(name, parent, attributes);
        spans.add(span);
        return span;
    }
}
