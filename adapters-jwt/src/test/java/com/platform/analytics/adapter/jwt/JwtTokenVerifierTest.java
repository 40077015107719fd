package com.platform.analytics.adapter.jwt;

import static com.platform.analytics.adapter.jwt.TestTokens.AUDIENCE;
import static com.platform.analytics.adapter.jwt.TestTokens.ISSUER;
import static com.platform.analytics.adapter.jwt.TestTokens.raw;
import static com.platform.analytics.adapter.jwt.TestTokens.sign;
import static com.platform.analytics.adapter.jwt.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a token is accepted or refused, with the keys published by a real JWKS server on loopback. */
class JwtTokenVerifierTest {
    private static RSAKey rsa;
    private static ECKey ec;
    /** Same kid as {@link #rsa}, another key pair: its signatures must not verify. */
    private static RSAKey impostor;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private JwksServer jwks;
    private JwtTokenVerifier verifier;

    @BeforeAll
    static void keys() {
        rsa = TestTokens.rsaKey("rsa-1");
        ec = TestTokens.ecKey("ec-1");
        impostor = TestTokens.rsaKey("rsa-1");
    }

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksServer();
        jwks.publish(rsa, ec);
        verifier = new JwtTokenVerifier(settings().build(), clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private JwtSettings.Builder settings() {
        return JwtSettings.builder().issuer(ISSUER).audiences(AUDIENCE, "reports-api").jwksUrl(jwks.uri());
    }

    @Test
    void acceptsRs256AndEs256FromTheJwks() {
        Principal byRsa = verifier.verify(sign(rsa, validClaims(clock).subject("svc-ingest")
                .claim("roles", List.of("service")).build()));
        Principal byEc = verifier.verify(sign(ec, validClaims(clock).subject("admin-7")
                .claim("roles", List.of("platform_admin")).build()));

        assertThat(byRsa).isEqualTo(new Principal("svc-ingest", Set.of(Role.SERVICE), Set.of(), Optional.empty()));
        assertThat(byEc).isEqualTo(new Principal("admin-7", Set.of(Role.PLATFORM_ADMIN), Set.of(), Optional.empty()));
        assertThat(jwks.fetches()).as("one fetch serves both keys").isEqualTo(1);
    }

    @Test
    void acceptsATokenWithoutKidByTryingTheKeysOfItsAlgorithm() {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), ec,
                validClaims(clock).build());

        assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
    }

    @Test
    void anyOneOfTheConfiguredAudiencesIsEnough() {
        String token = sign(rsa, validClaims(clock).audience(List.of("someone-else", "reports-api")).build());

        assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
    }

    @Test
    void mapsRolesPermissionsAndDeveloperIdFromArrays() {
        String token = sign(rsa, validClaims(clock)
                .claim("roles", List.of("developer", "no_such_role", "marketing_manager"))
                .claim("permissions", List.of("segments:export_real_ids", "no:such", "events:read"))
                .claim("developer_id", "dev-42").build());

        Principal p = verifier.verify(token);

        assertThat(p.roles()).containsExactlyInAnyOrder(Role.DEVELOPER, Role.MARKETING_MANAGER);
        assertThat(p.permissions()).containsExactlyInAnyOrder(Permission.EXPORT_REAL_USER_IDS,
                Permission.READ_RAW_EVENTS);
        assertThat(p.developerId()).contains("dev-42");
    }

    @Test
    void mapsSpaceSeparatedRolesAndPermissions() {
        String token = sign(ec, validClaims(clock)
                .claim("roles", "  service   marketing_manager unknown ")
                .claim("permissions", "reports:write  alerts:write").build());

        Principal p = verifier.verify(token);

        assertThat(p.roles()).containsExactlyInAnyOrder(Role.SERVICE, Role.MARKETING_MANAGER);
        assertThat(p.permissions()).containsExactlyInAnyOrder(Permission.MANAGE_REPORTS, Permission.MANAGE_ALERTS);
        assertThat(p.developerId()).isEmpty();
    }

    @Test
    void readsConfiguredClaimNames() {
        JwtTokenVerifier custom = new JwtTokenVerifier(settings().rolesClaim("groups")
                .permissionsClaim("scope").developerIdClaim("https://example.test/dev").build(), clock);
        String token = sign(rsa, validClaims(clock)
                .claim("groups", List.of("developer"))
                .claim("scope", "predictions:run")
                .claim("roles", List.of("platform_admin"))
                .claim("https://example.test/dev", "dev-9").build());

        Principal p = custom.verify(token);

        assertThat(p.roles()).as("the default roles claim is not read").containsExactly(Role.DEVELOPER);
        assertThat(p.permissions()).containsExactly(Permission.PREDICT);
        assertThat(p.developerId()).contains("dev-9");
    }

    @Test
    void aTokenWithoutKnownRolesOrPermissionsIsStillValid() {
        Principal p = verifier.verify(sign(rsa, validClaims(clock).claim("roles", List.of("viewer")).build()));

        assertThat(p.roles()).isEmpty();
        assertThat(p.effectivePermissions()).isEmpty();
    }

    @Test
    void refusesADeveloperWithoutDeveloperId() {
        String missing = sign(rsa, validClaims(clock).claim("roles", List.of("developer")).build());
        String blank = sign(rsa, validClaims(clock).claim("roles", "developer").claim("developer_id", "  ").build());

        assertThat(refusal(missing).detail()).contains("developer role").contains("developer_id");
        assertThat(refusal(blank).detail()).contains("developer_id");
    }

    @Test
    void refusesMalformedRoleAndDeveloperClaims() {
        assertThat(refusal(sign(rsa, validClaims(clock).claim("roles", 7).build())).detail())
                .contains("roles claim is neither a JSON array of strings nor a space-separated string");
        assertThat(refusal(sign(rsa, validClaims(clock).claim("permissions", List.of("events:read", 3)).build()))
                .detail()).contains("permissions claim");
        assertThat(refusal(sign(rsa, validClaims(clock).claim("developer_id", 42).build())).detail())
                .contains("developer_id claim is not a string");
    }

    @Test
    void refusesAlgNone() {
        String payload = validClaims(clock).claim("roles", List.of("platform_admin")).build().toString();
        String unsigned = raw("{\"alg\":\"none\",\"typ\":\"JWT\"}", payload, "");
        String unsignedWithSignature = raw("{\"alg\":\"none\"}", payload, "c2lnbmF0dXJl");

        assertThat(refusal(unsigned).detail()).contains("alg: none");
        assertThat(refusal(unsignedWithSignature).detail()).contains("alg: none");
    }

    @Test
    void refusesHs256SignedWithThePublicKeyAsSecret() throws Exception {
        JWTClaimsSet claims = validClaims(clock).claim("roles", List.of("platform_admin")).build();
        byte[] pemBytes = TestTokens.pem(rsa.toPublicKey()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] derBytes = rsa.toPublicKey().getEncoded();

        assertThat(refusal(TestTokens.signHs256(pemBytes, "rsa-1", claims)).detail())
                .contains("shared secret (HS256)").contains("not accepted");
        assertThat(refusal(TestTokens.signHs256(derBytes, "rsa-1", claims)).detail()).contains("HS256");
        assertThat(refusal(TestTokens.signHs256(new byte[64], null, claims)).detail()).contains("HS256");
    }

    @Test
    void refusesAlgorithmsNotAccepted() {
        JwtTokenVerifier rsOnly = new JwtTokenVerifier(settings().algorithms(Set.of("RS256")).build(), clock);
        String es256 = sign(ec, validClaims(clock).build());
        String rs384 = sign(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("rsa-1").build(), rsa,
                validClaims(clock).build());
        String ps256 = sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), rsa,
                validClaims(clock).build());

        assertThat(refusal(rsOnly, es256).detail()).isEqualTo("the signing algorithm ES256 is not accepted (accepted: RS256)");
        assertThat(refusal(rs384).detail()).contains("RS384 is not accepted");
        assertThat(refusal(ps256).detail()).contains("PS256 is not accepted");
        String junk = raw("{\"alg\":\"" + "x".repeat(40) + "\"}", "{}", "c2ln");
        assertThat(refusal(junk).detail()).isEqualTo("the token's signing algorithm is not accepted (accepted: ES256, RS256)");
    }

    @Test
    void refusesAKeyTypeThatDoesNotMatchTheAlgorithm() {
        // RS256 in the header, pointing at the EC key: an RSA signature must not be checked with it, nor pass
        String rsaSignedNamingEcKey = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ec-1").build(), rsa,
                validClaims(clock).build());
        String ecSignedNamingRsaKey = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build(), ec,
                validClaims(clock).build());

        assertThat(refusal(rsaSignedNamingEcKey).detail())
                .isEqualTo("the token's algorithm RS256 needs an RSA key of at least 2048 bits, but its signing key is"
                        + " an EC key on curve P-256");
        assertThat(refusal(ecSignedNamingRsaKey).detail()).contains("ES256 needs an EC P-256 key")
                .contains("an RSA key of 2048 bits");
    }

    @Test
    void refusesABadSignature() {
        String forged = sign(impostor, validClaims(clock).claim("roles", "platform_admin").build());
        String genuine = sign(rsa, validClaims(clock).build());
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode(validClaims(clock).subject("admin").build().toString())
                + "." + parts[2];
        String truncatedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20);
        String ecWrongLength = sign(ec, validClaims(clock).build()).split("\\.")[0] + "." + parts[1] + ".AAAA";

        for (String token : List.of(forged, tampered, truncatedSignature, ecWrongLength)) {
            assertThat(refusal(token).detail())
                    .isEqualTo("the token's signature does not verify with the identity provider's key");
        }
    }

    @Test
    void refusesMalformedTokens() {
        assertThat(refusal("").detail()).isEqualTo("the bearer token is empty");
        assertThat(refusal("not-a-jwt").detail()).contains("malformed");
        assertThat(refusal("%%%.%%%.%%%").detail()).contains("malformed");
        assertThat(refusal(Base64URL.encode("not json") + ".e30.c2ln").detail()).contains("malformed");
        assertThat(refusal(Base64URL.encode("{\"alg\":\"RS256\"}") + ".only-two-parts").detail()).contains("malformed");
        String payloadNotJson = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}") + "."
                + Base64URL.encode("[1,2,3]") + ".c2ln";
        // the payload is read only after the signature verified, so this one fails there
        assertThat(refusal(payloadNotJson).detail()).contains("signature does not verify");
    }

    @Test
    void refusesMalformedRegisteredClaimsAfterAValidSignature() {
        String token = sign(rsa, new JWTClaimsSet.Builder().claim("exp", "tomorrow").issuer(ISSUER).build());

        assertThat(refusal(token).detail()).contains("claims are malformed");
    }

    @Test
    void refusesEncryptedTokens() {
        String jwe = raw("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}", "x", "y") + ".z.w";

        assertThat(refusal(jwe).detail()).contains("encrypted tokens (JWE) are not accepted");
    }

    @Test
    void refusesOversizedTokensBeforeParsing() {
        String big = sign(rsa, validClaims(clock).claim("padding", "p".repeat(JwtTokenVerifier.MAX_TOKEN_CHARS)).build());

        assertThat(refusal(big).detail()).isEqualTo("the token is longer than 16384 characters");
        assertThat(jwks.fetches()).as("not even the keys were fetched").isZero();
    }

    @Test
    void refusesCriticalHeaderParameters() {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .criticalParams(Set.of("exp-policy")).customParam("exp-policy", "lax").build(), rsa,
                validClaims(clock).build());

        assertThat(refusal(token).detail()).contains("critical (crit)");
    }

    @Test
    void expiryHonoursTheSkewToTheSecond() {
        // default skew 60 s: valid while now < exp + 60 s
        String lastValidSecond = sign(rsa, validClaims(clock)
                .expirationTime(Date.from(clock.instant().minusSeconds(59))).build());
        String justExpired = sign(rsa, validClaims(clock)
                .expirationTime(Date.from(clock.instant().minusSeconds(60))).build());

        assertThat(verifier.verify(lastValidSecond).subject()).isEqualTo("user-1");
        assertThat(refusal(justExpired).detail()).isEqualTo("the token expired at 2026-03-01T11:59:00Z (exp claim)");
    }

    @Test
    void notBeforeHonoursTheSkewToTheSecond() {
        String validWithinSkew = sign(rsa, validClaims(clock).notBeforeTime(Date.from(clock.instant().plusSeconds(60)))
                .build());
        String tooEarly = sign(rsa, validClaims(clock).notBeforeTime(Date.from(clock.instant().plusSeconds(61)))
                .build());

        assertThat(verifier.verify(validWithinSkew).subject()).isEqualTo("user-1");
        assertThat(refusal(tooEarly).detail())
                .isEqualTo("the token is not valid before 2026-03-01T12:01:01Z (nbf claim)");
    }

    @Test
    void aZeroSkewIsExact() {
        JwtTokenVerifier strict = new JwtTokenVerifier(settings().clockSkew(Duration.ZERO).build(), clock);
        String expiresNow = sign(rsa, validClaims(clock).expirationTime(Date.from(clock.instant())).build());
        String expiresNextSecond = sign(rsa, validClaims(clock)
                .expirationTime(Date.from(clock.instant().plusSeconds(1))).build());

        assertThat(refusal(strict, expiresNow).detail()).contains("expired");
        assertThat(strict.verify(expiresNextSecond).subject()).isEqualTo("user-1");
    }

    @Test
    void refusesATokenWithoutExpiry() {
        String token = sign(rsa, new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("u").build());

        assertThat(refusal(token).detail()).isEqualTo("the token has no expiry (exp claim); tokens must expire");
    }

    @Test
    void refusesAWrongOrMissingIssuer() {
        assertThat(refusal(sign(rsa, validClaims(clock).issuer("https://evil.example/").build())).detail())
                .isEqualTo("the token was issued by an issuer (iss claim) this service does not trust");
        assertThat(refusal(sign(rsa, validClaims(clock).issuer(ISSUER + "x").build())).detail()).contains("iss claim");
        assertThat(refusal(sign(rsa, validClaims(clock).issuer(null).build())).detail())
                .isEqualTo("the token names no issuer (iss claim)");
    }

    @Test
    void refusesAWrongOrMissingAudience() {
        assertThat(refusal(sign(rsa, validClaims(clock).audience("billing-api").build())).detail())
                .isEqualTo("the token is meant for another audience (aud claim), not this service");
        assertThat(refusal(sign(rsa, validClaims(clock).audience((String) null).build())).detail())
                .isEqualTo("the token names no audience (aud claim)");
    }

    @Test
    void refusesATokenWithoutSubject() {
        assertThat(refusal(sign(rsa, validClaims(clock).subject(null).build())).detail())
                .isEqualTo("the token names no subject (sub claim)");
    }

    private AnalyticsException refusal(String token) {
        return refusal(verifier, token);
    }

    /** Refused as UNAUTHENTICATED, and the detail repeats no part of the token. */
    static AnalyticsException refusal(JwtTokenVerifier verifier, String token) {
        Throwable thrown = catchThrowable(() -> verifier.verify(token));
        assertThat(thrown).isInstanceOf(AnalyticsException.class);
        AnalyticsException e = (AnalyticsException) thrown;
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(e.detail()).doesNotContain(part);
            }
        }
        return e;
    }
}
