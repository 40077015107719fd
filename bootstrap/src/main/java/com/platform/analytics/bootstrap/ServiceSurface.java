package com.platform.analytics.bootstrap;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the service shows the outside world besides the REST API: who may call (authentication), the gRPC server,
 * the management port (metrics, probes) and trace export.
 *
 * @param auth how callers are authenticated
 * @param grpc the gRPC server; null when {@code grpc.enabled} is false
 * @param management where {@code /metrics} and the probes listen
 * @param tracing trace export; null when {@code tracing.otlp_endpoint} is empty (the default: off)
 * @param vault the pseudonym vault for re-identification; null when {@code vault.enabled} is false (the default)
 */
record ServiceSurface(Auth auth, Endpoint grpc, Endpoint management, Tracing tracing, Vault vault, Tls tls) {
    ServiceSurface {
        requireNonNull(auth, "auth is null");
        requireNonNull(management, "management is null");
    }

    /** A host and port to listen on; port 0 picks a free one. */
    record Endpoint(String host, int port) {
        Endpoint {
            requireNonNull(host, "host is null");
        }
    }

    /**
     * {@code auth.*}. Mode {@code none} answers every request as the loopback operator, so it is allowed only while
     * every listener binds a loopback address.
     */
    record Auth(boolean jwt, String issuer, List<String> audiences, URI jwksUrl, Path publicKeyFile, List<String> algorithms,
            int clockSkewSeconds, int jwksCacheSeconds, String rolesClaim, String permissionsClaim, String developerIdClaim) {
        static final Auth NONE = new Auth(false, "", List.of(), null, null, List.of(), 60, 600, "roles", "permissions",
                "developer_id");

        Auth {
            audiences = List.copyOf(audiences);
            algorithms = List.copyOf(algorithms);
        }
    }

    /** {@code tracing.*}: OTLP over HTTP. */
    record Tracing(String otlpEndpoint, String serviceName, double sampleRatio) {
        Tracing {
            requireNonNull(otlpEndpoint, "otlpEndpoint is null");
            requireNonNull(serviceName, "serviceName is null");
        }
    }

    /**
     * {@code vault.*}: pseudonym to real id, encrypted (AES-256-GCM) in the metadata store, for audited exports of a
     * segment's real ids. The 32-byte key (base64) comes from {@code ANALYTICS_VAULT_KEY} or {@code vault.key_file}.
     */
    record Vault(String keyId, Path keyFile) {
        Vault {
            requireNonNull(keyId, "keyId is null");
        }
    }

    /**
     * {@code tls.*}: the REST API and gRPC served over TLS only, with this certificate chain (PEM, the server's
     * certificate first) and its unencrypted PKCS#8 private key (PEM, {@code BEGIN PRIVATE KEY}). Null: plain text,
     * for loopback or behind a TLS-terminating proxy. The management listener (probes, metrics) stays plain.
     */
    record Tls(Path certFile, Path keyFile) {
        Tls {
            requireNonNull(certFile, "certFile is null");
            requireNonNull(keyFile, "keyFile is null");
        }
    }

    /** Whether {@code host} names this machine's loopback interface only (a literal or a name resolving to it). */
    static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name other than localhost: it may resolve anywhere tomorrow
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
