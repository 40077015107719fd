package com.platform.analytics.port.out;

import com.platform.analytics.domain.access.Principal;

/** Verifies a bearer token (signature, issuer, audience, time) and reads the caller from its claims. */
public interface TokenVerifier {
    /**
     * The caller the token describes.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException UNAUTHENTICATED, naming why the token is refused
     */
    Principal verify(String token);
}
