package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.in.AuthenticationUseCase;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Knows three bearer tokens, one per kind of caller; refuses anything else as the real use case does. */
final class FakeAuthentication implements AuthenticationUseCase {
    static final String SERVICE_TOKEN = "service-token";
    static final String MARKETING_TOKEN = "marketing-token";
    static final String DEVELOPER_TOKEN = "developer-token";

    private static final Map<String, Principal> CALLERS = Map.of(
            SERVICE_TOKEN, new Principal("svc-shop", Set.of(Role.SERVICE), Set.of(), Optional.empty()),
            MARKETING_TOKEN, new Principal("mm-anna", Set.of(Role.MARKETING_MANAGER), Set.of(), Optional.empty()),
            DEVELOPER_TOKEN, new Principal("dev-account", Set.of(Role.DEVELOPER), Set.of(), Optional.of("dev-1")));

    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Principal authenticate(Optional<String> authorization) {
        calls.incrementAndGet();
        String value = authorization.orElseThrow(() -> new AnalyticsException(ErrorCode.UNAUTHENTICATED,
                "this needs a bearer token (Authorization: Bearer <JWT>)"));
        if (!value.startsWith("Bearer ")) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "the Authorization header is not of the Bearer scheme");
        }
        Principal caller = CALLERS.get(value.substring("Bearer ".length()));
        if (caller == null) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "the token's signature does not verify");
        }
        return caller;
    }
}
