package com.platform.analytics.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {
    private static JwtSettings.Builder valid() {
        return JwtSettings.builder().issuer("https://id.example.test/").audiences("analytics-api")
                .jwksUrl(URI.create("https://id.example.test/.well-known/jwks.json"));
    }

    @Test
    void defaults() {
        JwtSettings s = valid().build();

        assertThat(s.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.jwksCacheLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.rolesClaim()).isEqualTo("roles");
        assertThat(s.permissionsClaim()).isEqualTo("permissions");
        assertThat(s.developerIdClaim()).isEqualTo("developer_id");
        assertThat(s.publicKeyFile()).isEmpty();
        assertThat(s.publicKeyPem()).isEmpty();
    }

    @Test
    void everyKeyIsSettable() {
        JwtSettings s = JwtSettings.builder().issuer("iss").audiences(Set.of("a", "b"))
                .publicKeyFile(Path.of("/etc/analytics/idp.pem")).algorithms(Set.of("ES256"))
                .clockSkew(Duration.ofMinutes(5)).jwksCacheLifetime(Duration.ofSeconds(30)).rolesClaim("groups")
                .permissionsClaim("scope").developerIdClaim("dev").build();

        assertThat(s).isEqualTo(new JwtSettings("iss", Set.of("a", "b"), Optional.empty(),
                Optional.of(Path.of("/etc/analytics/idp.pem")), Optional.empty(), Set.of("ES256"), Duration.ofMinutes(5),
                Duration.ofSeconds(30), "groups", "scope", "dev"));
    }

    @Test
    void httpIsAllowedForLoopbackHostsOnly() {
        for (String url : new String[] {"http://localhost:8080/jwks", "http://127.0.0.1:1/jwks", "http://127.9.9.9/j",
                "http://[::1]:9000/jwks", "https://idp.example.test/jwks"}) {
            assertThat(valid().jwksUrl(URI.create(url)).build().jwksUrl()).contains(URI.create(url));
        }
        for (String url : new String[] {"http://idp.example.test/jwks", "http://10.0.0.5/jwks",
                "http://localhost.example.test/jwks", "http://[::2]/jwks", "http://0.0.0.0/jwks"}) {
            assertThatThrownBy(() -> valid().jwksUrl(URI.create(url)).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("uses plain http, which is allowed only for a loopback host")
                    .hasMessageContaining("use https");
        }
    }

    @Test
    void aNonLoopbackHttpJwksUrlIsRefusedWhenBuildingTheVerifier() {
        assertThatThrownBy(() -> new JwtTokenVerifier(valid().jwksUrl(URI.create("http://idp.example.test/jwks")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed only for a loopback host");
    }

    @Test
    void refusesOtherSchemesAndUrlsWithoutHost() {
        assertRefused(valid().jwksUrl(URI.create("ftp://idp.example.test/jwks")), "must use https");
        assertRefused(valid().jwksUrl(URI.create("file:///etc/jwks.json")), "names no host");
        assertRefused(valid().jwksUrl(URI.create("https://svc:s3cret@idp.example.test/jwks")), "must not carry credentials");
    }

    @Test
    void needsIssuerAndAudiences() {
        assertRefused(JwtSettings.builder().audiences("a").jwksUrl(URI.create("https://x/j")), "issuer is required");
        assertRefused(valid().issuer(" "), "issuer is required");
        assertRefused(valid().audiences(Set.of()), "at least one audience");
        assertRefused(valid().audiences("a", " "), "none blank");
    }

    @Test
    void needsExactlyOneKeySource() {
        assertRefused(JwtSettings.builder().issuer("i").audiences("a"), "exactly one source of signing keys");
        assertRefused(valid().publicKeyPem("-----BEGIN PUBLIC KEY-----"), "got 2");
        assertRefused(JwtSettings.builder().issuer("i").audiences("a").publicKeyPem(" "), "PEM is blank");
    }

    @Test
    void acceptsOnlyAsymmetricAlgorithms() {
        assertRefused(valid().algorithms(Set.of("HS256")), "non-empty subset of RS256, ES256");
        assertRefused(valid().algorithms(Set.of("RS256", "none")), "subset of RS256, ES256");
        assertRefused(valid().algorithms(Set.of()), "non-empty");
        assertThat(valid().algorithms(Set.of("RS256")).build().algorithms()).containsExactly("RS256");
    }

    @Test
    void boundsSkewAndCacheLifetime() {
        assertThat(valid().clockSkew(Duration.ZERO).build().clockSkew()).isZero();
        assertRefused(valid().clockSkew(Duration.ofMinutes(5).plusSeconds(1)), "between 0 and 5 minutes");
        assertRefused(valid().clockSkew(Duration.ofSeconds(-1)), "between 0 and 5 minutes");
        assertRefused(valid().jwksCacheLifetime(Duration.ofSeconds(29)), "between 30 seconds and 24 hours");
        assertRefused(valid().jwksCacheLifetime(Duration.ofHours(25)), "between 30 seconds and 24 hours");
    }

    @Test
    void claimNamesAreNotBlank() {
        assertRefused(valid().rolesClaim(""), "roles claim name is blank");
        assertRefused(valid().permissionsClaim(" "), "permissions claim name is blank");
        assertRefused(valid().developerIdClaim(""), "developer id claim name is blank");
    }

    private static void assertRefused(JwtSettings.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
