package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.in.AuthenticationUseCase;
import com.platform.analytics.port.out.TokenVerifier;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a request's {@code Authorization: Bearer <token>} and has the token verified; or, with authentication off
 * (allowed only on a loopback address, which bootstrap enforces), answers the loopback operator for every request.
 */
public final class AuthenticationService implements AuthenticationUseCase {
    private static final String BEARER = "bearer ";

    private final Optional<TokenVerifier> verifier;

    private AuthenticationService(Optional<TokenVerifier> verifier) {
        this.verifier = verifier;
    }

    /** Tokens required, verified by {@code verifier}. */
    public static AuthenticationService verifying(TokenVerifier verifier) {
        return new AuthenticationService(Optional.of(requireNonNull(verifier, "verifier is null")));
    }

    /** Authentication off: every caller is {@link Principal#LOOPBACK_OPERATOR}. */
    public static AuthenticationService off() {
        return new AuthenticationService(Optional.empty());
    }

    public boolean required() {
        return verifier.isPresent();
    }

    @Override
    public Principal authenticate(Optional<String> authorization) {
        requireNonNull(authorization, "authorization is null");
        if (verifier.isEmpty()) {
            return Principal.LOOPBACK_OPERATOR;
        }
        String value = authorization.map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "this needs a bearer token (Authorization: Bearer <JWT>)");
        }
        if (value.length() <= BEARER.length() || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "the Authorization header is not of the Bearer scheme");
        }
        return verifier.get().verify(value.substring(BEARER.length()).strip());
    }
}
