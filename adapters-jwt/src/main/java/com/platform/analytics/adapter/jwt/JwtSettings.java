package com.platform.analytics.adapter.jwt;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How bearer tokens are verified. Exactly one key source: a JWKS URL (the identity provider's published keys), a
 * public key file, or the public key's PEM text.
 *
 * @param issuer the only accepted {@code iss}
 * @param audiences accepted {@code aud} values; a token's audience must contain at least one
 * @param jwksUrl where the signing keys are published; https, or http for a loopback host only
 * @param publicKeyFile a PEM file with the one signing key (RSA or EC P-256 public key, or a certificate)
 * @param publicKeyPem the same PEM as text (for a key passed in through the environment)
 * @param algorithms accepted signing algorithms: a non-empty subset of {@link #SUPPORTED_ALGORITHMS}
 * @param clockSkew tolerance for {@code exp} and {@code nbf} against this server's clock; at most 5 minutes
 * @param jwksCacheLifetime how long fetched keys are used before the JWKS is fetched again
 * @param rolesClaim the claim naming roles (JSON array of strings or a space-separated string)
 * @param permissionsClaim the claim naming single permissions (same shapes)
 * @param developerIdClaim the claim carrying the developer id a developer token speaks for
 */
public record JwtSettings(
        String issuer,
        Set<String> audiences,
        Optional<URI> jwksUrl,
        Optional<Path> publicKeyFile,
        Optional<String> publicKeyPem,
        Set<String> algorithms,
        Duration clockSkew,
        Duration jwksCacheLifetime,
        String rolesClaim,
        String permissionsClaim,
        String developerIdClaim) {

    /**
     * Asymmetric algorithms only: with an HMAC algorithm the verifying key is also the signing key, and accepting
     * one is what makes the HS/RS confusion attack possible.
     */
    public static final Set<String> SUPPORTED_ALGORITHMS = Set.of("RS256", "ES256");
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_JWKS_CACHE_LIFETIME = Duration.ofMinutes(10);
    /** Not shorter than the unknown-kid refetch interval, so the cache never asks the JWKS server more often. */
    public static final Duration MIN_JWKS_CACHE_LIFETIME = Duration.ofSeconds(30);
    public static final Duration MAX_JWKS_CACHE_LIFETIME = Duration.ofHours(24);
    public static final String DEFAULT_ROLES_CLAIM = "roles";
    public static final String DEFAULT_PERMISSIONS_CLAIM = "permissions";
    public static final String DEFAULT_DEVELOPER_ID_CLAIM = "developer_id";

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public JwtSettings {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(audiences, "audiences is null");
        requireNonNull(jwksUrl, "jwksUrl is null");
        requireNonNull(publicKeyFile, "publicKeyFile is null");
        requireNonNull(publicKeyPem, "publicKeyPem is null");
        requireNonNull(algorithms, "algorithms is null");
        requireNonNull(clockSkew, "clockSkew is null");
        requireNonNull(jwksCacheLifetime, "jwksCacheLifetime is null");
        requireNonNull(rolesClaim, "rolesClaim is null");
        requireNonNull(permissionsClaim, "permissionsClaim is null");
        requireNonNull(developerIdClaim, "developerIdClaim is null");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("the JWT issuer is required: the iss value tokens must carry");
        }
        if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("the JWT audiences must name at least one audience, none blank; got "
                    + audiences);
        }
        audiences = Set.copyOf(audiences);
        int sources = (jwksUrl.isPresent() ? 1 : 0) + (publicKeyFile.isPresent() ? 1 : 0)
                + (publicKeyPem.isPresent() ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("configure exactly one source of signing keys: a JWKS URL, a public key"
                    + " file or a public key PEM; got " + (sources == 0 ? "none" : sources));
        }
        jwksUrl.ifPresent(JwtSettings::checkJwksUrl);
        if (publicKeyPem.isPresent() && publicKeyPem.get().isBlank()) {
            throw new IllegalArgumentException("the public key PEM is blank");
        }
        if (algorithms.isEmpty() || !SUPPORTED_ALGORITHMS.containsAll(algorithms)) {
            throw new IllegalArgumentException("the accepted JWT algorithms must be a non-empty subset of RS256, ES256;"
                    + " got " + algorithms);
        }
        algorithms = Set.copyOf(algorithms);
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("the JWT clock skew must be between 0 and 5 minutes; got " + clockSkew);
        }
        if (jwksCacheLifetime.compareTo(MIN_JWKS_CACHE_LIFETIME) < 0
                || jwksCacheLifetime.compareTo(MAX_JWKS_CACHE_LIFETIME) > 0) {
            throw new IllegalArgumentException("the JWKS cache lifetime must be between 30 seconds and 24 hours; got "
                    + jwksCacheLifetime);
        }
        checkClaimName("roles", rolesClaim);
        checkClaimName("permissions", permissionsClaim);
        checkClaimName("developer id", developerIdClaim);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void checkClaimName(String what, String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " claim name is blank");
        }
    }

    private static void checkJwksUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new IllegalArgumentException("the JWKS URL " + url + " names no host");
        }
        if (url.getRawUserInfo() != null) {
            // it would end up in logs; a JWKS is public and needs no credentials
            throw new IllegalArgumentException("the JWKS URL must not carry credentials (user:password@)");
        }
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("the JWKS URL " + url + " must use https (or http for a loopback host)");
        }
        if (!isLoopback(url.getHost())) {
            throw new IllegalArgumentException("the JWKS URL " + url + " uses plain http, which is allowed only for a"
                    + " loopback host (localhost, 127.0.0.1, ::1): keys fetched in the clear could be swapped on the"
                    + " way; use https");
        }
    }

    /** Decided from the name alone, without DNS: a name that resolves to loopback today may not tomorrow. */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(h).matches() && !h.contains(":")) {
            return false;
        }
        try {
            // a literal address: getByName parses it without any lookup
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Settings with the documented defaults; issuer, audiences and one key source are required. */
    public static final class Builder {
        private String issuer;
        private Set<String> audiences = Set.of();
        private Optional<URI> jwksUrl = Optional.empty();
        private Optional<Path> publicKeyFile = Optional.empty();
        private Optional<String> publicKeyPem = Optional.empty();
        private Set<String> algorithms = SUPPORTED_ALGORITHMS;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration jwksCacheLifetime = DEFAULT_JWKS_CACHE_LIFETIME;
        private String rolesClaim = DEFAULT_ROLES_CLAIM;
        private String permissionsClaim = DEFAULT_PERMISSIONS_CLAIM;
        private String developerIdClaim = DEFAULT_DEVELOPER_ID_CLAIM;

        private Builder() {
        }

        public Builder issuer(String issuer) {
            this.issuer = requireNonNull(issuer, "issuer is null");
            return this;
        }

        public Builder audiences(Set<String> audiences) {
            this.audiences = new LinkedHashSet<>(requireNonNull(audiences, "audiences is null"));
            return this;
        }

        public Builder audiences(String... audiences) {
            return audiences(new LinkedHashSet<>(List.of(audiences)));
        }

        public Builder jwksUrl(URI jwksUrl) {
            this.jwksUrl = Optional.of(requireNonNull(jwksUrl, "jwksUrl is null"));
            return this;
        }

        public Builder publicKeyFile(Path publicKeyFile) {
            this.publicKeyFile = Optional.of(requireNonNull(publicKeyFile, "publicKeyFile is null"));
            return this;
        }

        public Builder publicKeyPem(String publicKeyPem) {
            this.publicKeyPem = Optional.of(requireNonNull(publicKeyPem, "publicKeyPem is null"));
            return this;
        }

        public Builder algorithms(Set<String> algorithms) {
            this.algorithms = new LinkedHashSet<>(requireNonNull(algorithms, "algorithms is null"));
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = requireNonNull(clockSkew, "clockSkew is null");
            return this;
        }

        public Builder jwksCacheLifetime(Duration jwksCacheLifetime) {
            this.jwksCacheLifetime = requireNonNull(jwksCacheLifetime, "jwksCacheLifetime is null");
            return this;
        }

        public Builder rolesClaim(String rolesClaim) {
            this.rolesClaim = requireNonNull(rolesClaim, "rolesClaim is null");
            return this;
        }

        public Builder permissionsClaim(String permissionsClaim) {
            this.permissionsClaim = requireNonNull(permissionsClaim, "permissionsClaim is null");
            return this;
        }

        public Builder developerIdClaim(String developerIdClaim) {
            this.developerIdClaim = requireNonNull(developerIdClaim, "developerIdClaim is null");
            return this;
        }

        public JwtSettings build() {
            return new JwtSettings(issuer == null ? "" : issuer, audiences, jwksUrl, publicKeyFile, publicKeyPem,
                    algorithms, clockSkew, jwksCacheLifetime, rolesClaim, permissionsClaim, developerIdClaim);
        }
    }
}
