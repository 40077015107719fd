package com.platform.analytics.port.in;

import com.platform.analytics.domain.access.Principal;
import java.util.Optional;

/** Who is calling: every entry point (REST, gRPC) asks this first, with the request's credentials. */
public interface AuthenticationUseCase {
    /**
     * The caller of a request.
     *
     * @param authorization the request's {@code Authorization} value ({@code Bearer <token>}), if any
     * @throws com.platform.analytics.domain.error.AnalyticsException UNAUTHENTICATED when credentials are missing or
     *     refused
     */
    Principal authenticate(Optional<String> authorization);
}
