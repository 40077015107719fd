package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the REST API listens and how much it reads.
 *
 * @param host the interface to bind, such as {@code 127.0.0.1}
 * @param port the port; 0 picks a free one ({@link HttpApiServer#start()} returns it)
 * @param maxBodyBytes the largest ingestion body ({@code POST /events}); larger gets 413 {@code PAYLOAD_TOO_LARGE}
 * @param maxJsonBodyBytes the largest body of every other route (definitions, analyses, member uploads); routes may
 *     set a lower limit of their own, never a higher one
 * @param tlsCertFile with {@code tlsKeyFile}: serve HTTPS only, with this certificate chain (PEM, the server's
 *     certificate first); both null: plain HTTP
 * @param tlsKeyFile the certificate's private key (PEM, unencrypted PKCS#8 or PKCS#1)
 */
public record HttpApiConfig(String host, int port, long maxBodyBytes, long maxJsonBodyBytes, Path tlsCertFile, Path tlsKeyFile) {
    /** The default ingestion limit: 10 MiB, as the ingestion endpoint promises. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** The default limit of the other routes: 1 MiB. */
    public static final long DEFAULT_MAX_JSON_BODY_BYTES = 1024L * 1024;

    public HttpApiConfig {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535; got " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive; got " + maxBodyBytes);
        }
        if (maxJsonBodyBytes <= 0) {
            throw new IllegalArgumentException("maxJsonBodyBytes must be positive; got " + maxJsonBodyBytes);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain file and its private key file");
        }
    }

    public HttpApiConfig(String host, int port, long maxBodyBytes, long maxJsonBodyBytes) {
        this(host, port, maxBodyBytes, maxJsonBodyBytes, null, null);
    }

    /** The same, serving HTTPS only with this certificate chain and private key (PEM files). */
    public HttpApiConfig withTls(Path certFile, Path keyFile) {
        return new HttpApiConfig(host, port, maxBodyBytes, maxJsonBodyBytes, requireNonNull(certFile, "certFile is null"),
                requireNonNull(keyFile, "keyFile is null"));
    }

    /** Whether the API is served over TLS. */
    public boolean tls() {
        return tlsCertFile != null;
    }

    public HttpApiConfig(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_MAX_JSON_BODY_BYTES);
    }

    public HttpApiConfig(String host, int port) {
        this(host, port, DEFAULT_MAX_BODY_BYTES);
    }
}
