package com.platform.analytics.adapter.jwt;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWKSet;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys published at a JWKS URL, fetched with the JDK's HTTP client (bounded timeouts and body size, no
 * redirects) and kept for the cache lifetime. The JWKS server is asked at most once per {@link #REFETCH_INTERVAL}:
 * tokens with made-up key ids cannot make this service hammer the identity provider, and a server that is down is
 * not retried on every request. While it is down, the last keys fetched stay in use, for {@link #MAX_STALENESS} after
 * they were fetched at most: a provider that stays unreachable longer may have revoked one of them, so tokens are then
 * refused ("signing keys unavailable") until it answers again.
 */
final class JwksCache {
    /** The least time between two fetches, whatever asks for them (unknown kid, expired cache, failed fetch). */
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long after their fetch keys are still used while the JWKS cannot be fetched again. */
    static final Duration MAX_STALENESS = Duration.ofHours(24);
    /** A JWKS holds a few keys; anything far larger is not one. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    private final URI url;
    private final Duration lifetime;
    private final Clock clock;
    private final HttpClient http;
    private volatile Snapshot snapshot;
    private Instant lastAttempt; // guarded by this

    JwksCache(URI url, Duration lifetime, Clock clock) {
        this.url = requireNonNull(url, "url is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
        this.clock = requireNonNull(clock, "clock is null");
        // never follow redirects: a redirect could lead from https to somewhere the keys are not protected
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The keys to verify with: the cached ones while fresh, else fetched again; the stale ones when the fetch fails,
     * up to {@link #MAX_STALENESS} after they were fetched.
     *
     * @throws AnalyticsException UNAUTHENTICATED "signing keys unavailable" when no keys were fetched, or none recently
     */
    JWKSet current() {
        Snapshot s = snapshot;
        if (s != null && clock.instant().isBefore(s.fetchedAt().plus(lifetime))) {
            return s.keys();
        }
        synchronized (this) {
            Instant now = clock.instant();
            s = snapshot;
            if (s != null && now.isBefore(s.fetchedAt().plus(lifetime))) {
                return s.keys();
            }
            if (mayFetch(now)) {
                fetch(now);
            }
            s = snapshot;
            if (s == null || !now.isBefore(s.fetchedAt().plus(MAX_STALENESS))) {
                throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "signing keys unavailable");
            }
            return s.keys();
        }
    }

    /**
     * Fetches again for a key id the cached keys do not have (the provider may have rotated its keys), unless the
     * last fetch was less than {@link #REFETCH_INTERVAL} ago.
     *
     * @return the new keys, or empty when rate-limited or the fetch failed
     */
    synchronized Optional<JWKSet> refetchForUnknownKeyId() {
        Instant now = clock.instant();
        if (!mayFetch(now) || !fetch(now)) {
            return Optional.empty();
        }
        return Optional.of(snapshot.keys());
    }

    private boolean mayFetch(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(REFETCH_INTERVAL));
    }

    private boolean fetch(Instant now) {
        lastAttempt = now;
        try {
            JWKSet keys = download();
            snapshot = new Snapshot(keys, now);
            LOG.info("fetched {} signing key(s) from the JWKS at {}", keys.size(), url);
            return true;
        } catch (JwksUnavailable e) {
            LOG.warn("cannot fetch the signing keys from the JWKS at {}: {}; {}", url, e.getMessage(), snapshot == null
                    ? "tokens are refused until it answers"
                    : now.isBefore(snapshot.fetchedAt().plus(MAX_STALENESS))
                            ? "the keys fetched before stay in use until " + snapshot.fetchedAt().plus(MAX_STALENESS)
                            : "the keys fetched at " + snapshot.fetchedAt() + " are too old to trust; tokens are refused until it answers");
            return false;
        }
    }

    private JWKSet download() throws JwksUnavailable {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request,
                info -> new BoundedBody(MAX_BODY_BYTES));
        HttpResponse<byte[]> response;
        try {
            // the request timeout ends with the headers; this bounds the body as well
            response = pending.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new JwksUnavailable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new JwksUnavailable("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new JwksUnavailable(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        }
        if (response.statusCode() != 200) {
            throw new JwksUnavailable("it answered HTTP " + response.statusCode());
        }
        try {
            // only public keys are ever used, even if the document carries more
            return JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8)).toPublicJWKSet();
        } catch (ParseException e) {
            throw new JwksUnavailable("its answer is not a JWK set: " + e.getMessage());
        }
    }

    /** A fetch that did not give keys; stays inside this class. */
    private static final class JwksUnavailable extends Exception {
        JwksUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** Collects a response body, failing (and dropping the connection) past {@code limit} bytes. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IllegalStateException("the body exceeds " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
