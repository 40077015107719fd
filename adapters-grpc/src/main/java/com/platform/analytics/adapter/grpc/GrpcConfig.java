package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the gRPC server listens and how much one call may carry.
 *
 * @param host the address to bind ({@code 127.0.0.1} for loopback only, {@code 0.0.0.0} for every interface)
 * @param port the port; 0 picks a free one ({@link GrpcServer#port()} tells which)
 * @param maxInboundMessageBytes the largest message a client may send; larger ones fail with RESOURCE_EXHAUSTED
 * @param callThreads threads that run calls (use cases block on databases, so calls get their own pool)
 * @param ingestBatchSize events of an ingestion stream handed to the ingest use case at once; at most the
 *     ingest use case's event limit per request
 * @param maxEventsPerCall events one ingestion call may carry (the per-event results are held until the end)
 * @param shutdownGrace how long {@link GrpcServer#stop()} lets calls in progress finish before cancelling them
 * @param tlsCertFile with {@code tlsKeyFile}: serve TLS only, with this certificate chain (PEM, the server's
 *     certificate first); both null: plaintext
 * @param tlsKeyFile the certificate's private key (PEM, unencrypted PKCS#8)
 */
public record GrpcConfig(String host, int port, int maxInboundMessageBytes, int callThreads, int ingestBatchSize,
        int maxEventsPerCall, Duration shutdownGrace, Path tlsCertFile, Path tlsKeyFile) {
    public static final int DEFAULT_PORT = 9090;
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_CALL_THREADS = 16;
    public static final int DEFAULT_INGEST_BATCH_SIZE = 500;
    public static final int DEFAULT_MAX_EVENTS_PER_CALL = 100_000;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public GrpcConfig {
        requireNonNull(host, "host is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxInboundMessageBytes < 1) {
            throw new IllegalArgumentException("maxInboundMessageBytes must be positive, got " + maxInboundMessageBytes);
        }
        if (callThreads < 1) {
            throw new IllegalArgumentException("callThreads must be positive, got " + callThreads);
        }
        if (ingestBatchSize < 1) {
            throw new IllegalArgumentException("ingestBatchSize must be positive, got " + ingestBatchSize);
        }
        if (maxEventsPerCall < 1) {
            throw new IllegalArgumentException("maxEventsPerCall must be positive, got " + maxEventsPerCall);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace is negative: " + shutdownGrace);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain file and its private key file");
        }
    }

    /** The defaults on {@code host} and {@code port}. */
    public static GrpcConfig on(String host, int port) {
        return new GrpcConfig(host, port, DEFAULT_MAX_INBOUND_MESSAGE_BYTES, DEFAULT_CALL_THREADS,
                DEFAULT_INGEST_BATCH_SIZE, DEFAULT_MAX_EVENTS_PER_CALL, DEFAULT_SHUTDOWN_GRACE, null, null);
    }

    public GrpcConfig withMaxInboundMessageBytes(int bytes) {
        return new GrpcConfig(host, port, bytes, callThreads, ingestBatchSize, maxEventsPerCall, shutdownGrace, tlsCertFile, tlsKeyFile);
    }

    public GrpcConfig withCallThreads(int threads) {
        return new GrpcConfig(host, port, maxInboundMessageBytes, threads, ingestBatchSize, maxEventsPerCall, shutdownGrace, tlsCertFile, tlsKeyFile);
    }

    public GrpcConfig withIngestBatchSize(int size) {
        return new GrpcConfig(host, port, maxInboundMessageBytes, callThreads, size, maxEventsPerCall, shutdownGrace, tlsCertFile, tlsKeyFile);
    }

    public GrpcConfig withMaxEventsPerCall(int events) {
        return new GrpcConfig(host, port, maxInboundMessageBytes, callThreads, ingestBatchSize, events, shutdownGrace, tlsCertFile, tlsKeyFile);
    }

    public GrpcConfig withShutdownGrace(Duration grace) {
        return new GrpcConfig(host, port, maxInboundMessageBytes, callThreads, ingestBatchSize, maxEventsPerCall, grace, tlsCertFile, tlsKeyFile);
    }

    /** The same, serving TLS only with this certificate chain and PKCS#8 private key (PEM files). */
    public GrpcConfig withTls(Path certFile, Path keyFile) {
        return new GrpcConfig(host, port, maxInboundMessageBytes, callThreads, ingestBatchSize, maxEventsPerCall, shutdownGrace,
                requireNonNull(certFile, "certFile is null"), requireNonNull(keyFile, "keyFile is null"));
    }

    /** Whether calls are served over TLS. */
    public boolean tls() {
        return tlsCertFile != null;
    }
}
