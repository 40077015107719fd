package com.platform.analytics.adapter.jwt;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.TokenVerifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Verifies JWT bearer tokens: RS256 or ES256 signatures against the keys of a JWKS URL or one configured public key,
 * then issuer, audience, expiry and not-before (with the configured clock skew), then reads the caller's roles,
 * permissions and developer id. Every refusal is UNAUTHENTICATED with a detail that says why in plain words and
 * never repeats the token. Nimbus types stay inside this package.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    /** Real tokens are a few KiB at most; parsing is not started for anything larger. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** Without a kid, at most this many JWKS keys are tried, so a large JWKS cannot multiply the work per token. */
    private static final int MAX_KEYS_TRIED = 5;
    /** Attacker-chosen header values are named in a detail only when they look like an algorithm name. */
    private static final Pattern PRINTABLE_ALGORITHM = Pattern.compile("[A-Za-z0-9+_-]{1,16}");

    private final JwtSettings settings;
    private final Clock clock;
    private final Set<JWSAlgorithm> accepted;
    private final Optional<JWK> configuredKey;
    private final Optional<JwksCache> jwks;

    @Inject
    public JwtTokenVerifier(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock that decides expiry and the JWKS refetch intervals (tests move it). */
    JwtTokenVerifier(JwtSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (String name : settings.algorithms()) {
            algorithms.add(JWSAlgorithm.parse(name));
        }
        this.accepted = Set.copyOf(algorithms);
        this.configuredKey = configuredKey(settings);
        configuredKey.ifPresent(this::checkConfiguredKeyUsable);
        this.jwks = settings.jwksUrl().map(url -> new JwksCache(url, settings.jwksCacheLifetime(), clock));
    }

    @Override
    public Principal verify(String token) {
        requireNonNull(token, "token is null");
        if (token.isBlank()) {
            throw refused("the bearer token is empty");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refused("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        SignedJWT jwt = parseSigned(token);
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        checkAlgorithm(algorithm);
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw refused("the token marks header parameters as critical (crit), which this service does not support");
        }
        verifySignature(jwt, algorithm);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("the token's claims are malformed (not a JSON object with valid registered claims)");
        }
        checkTime(claims);
        checkIssuerAndAudience(claims);
        return principal(claims);
    }

    private static SignedJWT parseSigned(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw refused("the token is malformed: not a JWT in compact form (header.payload.signature)");
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(token.substring(0, dot)));
        } catch (ParseException | RuntimeException e) {
            throw refused("the token is malformed: its header is not base64url-encoded JSON naming an algorithm");
        }
        if (header instanceof PlainHeader) {
            throw refused("unsigned tokens (alg: none) are not accepted");
        }
        if (header instanceof JWEHeader) {
            throw refused("encrypted tokens (JWE) are not accepted; send a signed JWT");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw refused("the token is malformed: not a signed JWT in compact form (header.payload.signature)");
        }
    }

    private void checkAlgorithm(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            // also the HS/RS confusion attack: an HMAC over the token keyed with the public key's bytes
            throw refused("tokens signed with a shared secret (" + algorithm.getName() + ") are not accepted; only "
                    + acceptedNames() + " signatures made with the identity provider's private key are");
        }
        if (!accepted.contains(algorithm)) {
            String name = PRINTABLE_ALGORITHM.matcher(algorithm.getName()).matches()
                    ? "the signing algorithm " + algorithm.getName() : "the token's signing algorithm";
            throw refused(name + " is not accepted (accepted: " + acceptedNames() + ")");
        }
    }

    private void verifySignature(SignedJWT jwt, JWSAlgorithm algorithm) {
        List<JWK> candidates = candidateKeys(jwt.getHeader());
        List<JWK> usable = new ArrayList<>();
        for (JWK key : candidates) {
            if (fits(key, algorithm)) {
                usable.add(key);
            }
        }
        if (usable.isEmpty()) {
            String needed = neededKeyType(algorithm);
            if (candidates.size() == 1) {
                JWK key = candidates.get(0);
                throw refused("the token's algorithm " + algorithm.getName() + " needs " + needed + ", but its signing"
                        + " key is " + describe(key));
            }
            throw refused("no signing key fits the token's algorithm " + algorithm.getName() + " (it needs " + needed
                    + ")");
        }
        for (JWK key : usable.subList(0, Math.min(usable.size(), MAX_KEYS_TRIED))) {
            try {
                if (jwt.verify(verifierFor(key))) {
                    return;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key nimbus cannot use, or a signature of the wrong shape: the same as a wrong signature
            }
        }
        throw refused("the token's signature does not verify with the identity provider's key");
    }

    /** The keys the token may be signed with: by its kid among the JWKS keys (refetched once if unknown). */
    private List<JWK> candidateKeys(JWSHeader header) {
        if (configuredKey.isPresent()) {
            // one configured key: the kid a token names does not select anything
            return List.of(configuredKey.get());
        }
        JwksCache cache = jwks.orElseThrow();
        JWKSet keys = cache.current();
        String kid = header.getKeyID();
        if (kid == null) {
            return keys.getKeys();
        }
        List<JWK> byId = withKeyId(keys, kid);
        if (!byId.isEmpty()) {
            return byId;
        }
        byId = cache.refetchForUnknownKeyId().map(fresh -> withKeyId(fresh, kid)).orElse(List.of());
        if (byId.isEmpty()) {
            throw refused("the token's key id (kid) names no signing key of the identity provider");
        }
        return byId;
    }

    private static List<JWK> withKeyId(JWKSet keys, String kid) {
        List<JWK> found = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            if (kid.equals(key.getKeyID())) {
                found.add(key);
            }
        }
        return found;
    }

    /** Only a key of the algorithm's own type and curve, meant for signatures and not pinned to another algorithm. */
    private static boolean fits(JWK key, JWSAlgorithm algorithm) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.getName())) {
            return false;
        }
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return key instanceof RSAKey rsa && rsa.size() >= PemPublicKeys.MIN_RSA_BITS;
        }
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }
        return false;
    }

    private static JWSVerifier verifierFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        throw new JOSEException("unsupported key type");
    }

    private static String neededKeyType(JWSAlgorithm algorithm) {
        return JWSAlgorithm.ES256.equals(algorithm) ? "an EC P-256 key" : "an RSA key of at least 2048 bits";
    }

    private static String describe(JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return "not meant for signatures (use: " + key.getKeyUse().identifier() + ")";
        }
        if (key.getAlgorithm() != null) {
            return "pinned to another algorithm";
        }
        if (KeyType.RSA.equals(key.getKeyType())) {
            return "an RSA key of " + key.size() + " bits";
        }
        if (key instanceof ECKey ec) {
            return "an EC key on curve " + ec.getCurve();
        }
        return "a key of type " + key.getKeyType();
    }

    private void checkTime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw refused("the token has no expiry (exp claim); tokens must expire");
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        if (!now.isBefore(expiry.plus(settings.clockSkew()))) {
            throw refused("the token expired at " + expiry + " (exp claim)");
        }
        if (claims.getNotBeforeTime() != null) {
            Instant notBefore = claims.getNotBeforeTime().toInstant();
            if (now.isBefore(notBefore.minus(settings.clockSkew()))) {
                throw refused("the token is not valid before " + notBefore + " (nbf claim)");
            }
        }
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) {
        if (claims.getIssuer() == null) {
            throw refused("the token names no issuer (iss claim)");
        }
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw refused("the token was issued by an issuer (iss claim) this service does not trust");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.isEmpty()) {
            throw refused("the token names no audience (aud claim)");
        }
        if (Collections.disjoint(audience, settings.audiences())) {
            throw refused("the token is meant for another audience (aud claim), not this service");
        }
    }

    private Principal principal(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw refused("the token names no subject (sub claim)");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names(claims, settings.rolesClaim())) {
            Role.fromClaim(name).ifPresent(roles::add);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : names(claims, settings.permissionsClaim())) {
            Permission.fromClaim(name).ifPresent(permissions::add);
        }
        Object developer = claims.getClaim(settings.developerIdClaim());
        if (developer != null && !(developer instanceof String)) {
            throw refused("the " + settings.developerIdClaim() + " claim is not a string");
        }
        Optional<String> developerId = Optional.ofNullable((String) developer).map(String::strip)
                .filter(id -> !id.isEmpty());
        if (roles.contains(Role.DEVELOPER) && developerId.isEmpty()) {
            throw refused("the token names the " + Role.DEVELOPER.claim() + " role but has no "
                    + settings.developerIdClaim() + " claim naming the developer it speaks for");
        }
        return new Principal(subject, roles, permissions, developerId);
    }

    /** A claim of names: a JSON array of strings, or one string of names separated by spaces (OAuth scope style). */
    private static List<String> names(JWTClaimsSet claims, String claim) {
        Object value = claims.getClaim(claim);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s.strip().split("\\s+"));
        }
        if (value instanceof List<?> list) {
            List<String> names = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw refused("the " + claim + " claim is neither a JSON array of strings nor a space-separated"
                            + " string");
                }
                names.add(s);
            }
            return names;
        }
        throw refused("the " + claim + " claim is neither a JSON array of strings nor a space-separated string");
    }

    private String acceptedNames() {
        return String.join(", ", new TreeSet<>(accepted.stream().map(JWSAlgorithm::getName).toList()));
    }

    private static Optional<JWK> configuredKey(JwtSettings settings) {
        if (settings.publicKeyPem().isPresent()) {
            return Optional.of(PemPublicKeys.parse(settings.publicKeyPem().get(), "the configured public key PEM"));
        }
        return settings.publicKeyFile().map(file -> {
            String pem;
            try {
                // PEM is ASCII; Latin-1 reads any byte, so stray comment characters cannot fail the read
                pem = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the public key file " + file + ": " + e.getMessage(), e);
            }
            return PemPublicKeys.parse(pem, "the public key file " + file);
        });
    }

    /** A configured key no accepted algorithm can use would refuse every token: say so at start-up instead. */
    private void checkConfiguredKeyUsable(JWK key) {
        if (accepted.stream().noneMatch(algorithm -> fits(key, algorithm))) {
            throw new IllegalArgumentException("the configured public key is " + describe(key) + ", which none of the"
                    + " accepted algorithms (" + acceptedNames() + ") uses");
        }
    }

    private static AnalyticsException refused(String detail) {
        return new AnalyticsException(ErrorCode.UNAUTHENTICATED, detail);
    }
}
