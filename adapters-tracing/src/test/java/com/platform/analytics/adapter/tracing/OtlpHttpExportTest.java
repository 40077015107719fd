package com.platform.analytics.adapter.tracing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.port.out.Tracing;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The spans leave the service over OTLP/HTTP (protobuf) to a collector: here a JDK HTTP server on loopback. */
class OtlpHttpExportTest {
    private record Received(String method, String path, String contentType, byte[] body) {
    }

    @Test
    void postsTheBatchToV1TracesWhenClosed() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        collector.start();
        try {
            String traceparent;
            TracingConfig config = TracingConfig.forEndpoint("http://127.0.0.1:" + collector.getAddress().getPort())
                    .withServiceName("analytics-export-test");
            try (OtelTracing tracing = new OtelTracing(config)) {
                Tracing port = tracing;
                try (Tracing.Span span = port.start("ingest batch", Optional.empty(), Map.of("events", "42"))) {
                    traceparent = span.traceparent().orElseThrow();
                }
                // the batch processor waits for more; closing flushes what it holds
            }
            Received request = received.poll(10, TimeUnit.SECONDS);
            assertThat(request).as("an OTLP request").isNotNull();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/traces");
            assertThat(request.contentType()).isEqualTo("application/x-protobuf");
            // protobuf keeps strings as UTF-8 and ids as raw bytes: what the span carries is in the body
            String body = new String(request.body(), UTF_8);
            assertThat(body).contains("ingest batch", "analytics-export-test", "events", "42");
            byte[] traceId = HexFormat.of().parseHex(traceparent.substring(3, 35));
            assertThat(indexOf(request.body(), traceId)).isNotNegative();
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            collector.stop(0);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
