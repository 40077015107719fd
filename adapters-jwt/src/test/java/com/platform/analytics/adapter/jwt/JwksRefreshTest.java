package com.platform.analytics.adapter.jwt;

import static com.platform.analytics.adapter.jwt.JwtTokenVerifierTest.refusal;
import static com.platform.analytics.adapter.jwt.TestTokens.AUDIENCE;
import static com.platform.analytics.adapter.jwt.TestTokens.ISSUER;
import static com.platform.analytics.adapter.jwt.TestTokens.sign;
import static com.platform.analytics.adapter.jwt.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How often the JWKS server is asked: cache lifetime, key rotation, made-up key ids, a server that is down. */
class JwksRefreshTest {
    private static RSAKey current;
    private static RSAKey rotated;
    private static ECKey stranger;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private JwksServer jwks;
    private JwtTokenVerifier verifier;

    @BeforeAll
    static void keys() {
        current = TestTokens.rsaKey("2026-02");
        rotated = TestTokens.rsaKey("2026-03");
        stranger = TestTokens.ecKey("made-up");
    }

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksServer();
        jwks.publish(current);
        verifier = new JwtTokenVerifier(JwtSettings.builder().issuer(ISSUER).audiences(AUDIENCE).jwksUrl(jwks.uri())
                .build(), clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private String token(com.nimbusds.jose.jwk.JWK key) {
        return sign(key, validClaims(clock).build());
    }

    @Test
    void keysAreFetchedOnceAndAgainWhenTheCacheLifetimeEnds() {
        verifier.verify(token(current));
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        verifier.verify(token(current));
        assertThat(jwks.fetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        verifier.verify(token(current));
        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void aRotatedKeyIsPickedUpWithExactlyOneRefetch() {
        verifier.verify(token(current));
        jwks.publish(current, rotated);
        clock.advance(Duration.ofSeconds(30));

        assertThat(verifier.verify(token(rotated)).subject()).isEqualTo("user-1");
        assertThat(jwks.fetches()).isEqualTo(2);
        verifier.verify(token(rotated));
        verifier.verify(token(current));
        assertThat(jwks.fetches()).as("both keys now cached").isEqualTo(2);
    }

    @Test
    void aKeyRotatedWithinTheRefetchIntervalIsAcceptedOnceTheIntervalHasPassed() {
        verifier.verify(token(current));
        jwks.publish(rotated);
        clock.advance(Duration.ofSeconds(29));

        assertThat(refusal(verifier, token(rotated)).detail())
                .isEqualTo("the token's key id (kid) names no signing key of the identity provider");
        assertThat(jwks.fetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(verifier.verify(token(rotated)).subject()).isEqualTo("user-1");
        assertThat(jwks.fetches()).isEqualTo(2);
    }

    @Test
    void madeUpKeyIdsCannotHammerTheJwksServer() {
        verifier.verify(token(current));
        clock.advance(Duration.ofSeconds(31));

        assertThat(refusal(verifier, token(stranger)).detail())
                .isEqualTo("the token's key id (kid) names no signing key of the identity provider");
        assertThat(jwks.fetches()).as("one refetch for the unknown kid").isEqualTo(2);
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(500));
            refusal(verifier, token(stranger));
        }
        assertThat(jwks.fetches()).as("25 s of bogus kids: no more fetches").isEqualTo(2);

        clock.advance(Duration.ofSeconds(5));
        refusal(verifier, token(stranger));
        assertThat(jwks.fetches()).as("the next refetch, 30 s after the last").isEqualTo(3);
        assertThat(verifier.verify(token(current)).subject()).isEqualTo("user-1");
    }

    @Test
    void noCachedKeysAndTheServerDownRefusesWithSigningKeysUnavailable() {
        jwks.stop();

        String warnings = stderrOf(() -> assertThat(refusal(verifier, token(current)).detail())
                .isEqualTo("signing keys unavailable"));

        assertThat(warnings).contains("WARN").contains("cannot fetch the signing keys from the JWKS at " + jwks.uri());
        assertThat(warnings).as("no part of the token is logged").doesNotContain(token(current).split("\\.")[1]);
    }

    @Test
    void anErrorAnswerIsUnavailableToo_andRetriedOnlyAfterTheInterval() {
        jwks.answer(503, "{\"error\":\"maintenance\"}");

        assertThat(refusal(verifier, token(current)).detail()).isEqualTo("signing keys unavailable");
        assertThat(refusal(verifier, token(current)).detail()).isEqualTo("signing keys unavailable");
        assertThat(jwks.fetches()).as("a failing server is not asked on every request").isEqualTo(1);

        jwks.answer(200, "this is not a JWK set");
        clock.advance(Duration.ofSeconds(30));
        assertThat(refusal(verifier, token(current)).detail()).isEqualTo("signing keys unavailable");
        assertThat(jwks.fetches()).isEqualTo(2);

        jwks.publish(current);
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(token(current)).subject()).isEqualTo("user-1");
        assertThat(jwks.fetches()).isEqualTo(3);
    }

    @Test
    void cachedKeysStayInUseWhileTheServerIsDown() {
        verifier.verify(token(current));
        jwks.answer(500, "oops");
        clock.advance(Duration.ofMinutes(11));

        String warnings = stderrOf(() -> assertThat(verifier.verify(token(current)).subject()).isEqualTo("user-1"));
        assertThat(jwks.fetches()).as("the expired cache made it ask").isEqualTo(2);
        assertThat(warnings).contains("WARN").contains("the keys fetched before stay in use");

        jwks.stop();
        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier.verify(token(current)).subject()).isEqualTo("user-1");
        assertThat(refusal(verifier, token(rotated)).detail()).contains("names no signing key");
    }

    @Test
    void cachedKeysAreUsedAtMostADayAfterTheirFetchWhileTheServerStaysDown() {
        verifier.verify(token(current));
        jwks.stop();

        clock.advance(JwksCache.MAX_STALENESS.minusMinutes(1));
        assertThat(verifier.verify(token(current)).subject()).as("stale, still within a day").isEqualTo("user-1");
        clock.advance(Duration.ofMinutes(1));
        String warnings = stderrOf(() -> assertThat(refusal(verifier, token(current)).detail())
                .isEqualTo("signing keys unavailable"));
        assertThat(warnings).contains("too old to trust");
    }

    /** What slf4j-simple (which writes to System.err as it is at each call) printed while running {@code action}. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
