package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;

/** What each method asks before it works: the caller of the call may do this, by the domain's access policy. */
final class CallerAccess {
    private final AccessPolicy policy;

    CallerAccess(AccessPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    /**
     * The data the caller may read, when it holds the permission: for a method whose use case restricts its query to
     * that scope (metric values).
     *
     * @throws AnalyticsException ACCESS_DENIED_TO_RESOURCE without the permission
     */
    DataScope requireScoped(Permission permission) {
        Principal caller = caller();
        policy.require(caller, permission);
        return policy.scopeOf(caller);
    }

    private static Principal caller() {
        Principal caller = CallerAuthentication.CALLER.get();
        if (caller == null) {
            // a service registered without the authentication interceptor: refuse rather than serve anonymously
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "the call carries no authenticated caller");
        }
        return caller;
    }

    /**
     * The caller, when it holds the permission and may read every game (segments, ingestion: their use cases know no
     * developer scope).
     *
     * @throws AnalyticsException ACCESS_DENIED_TO_RESOURCE otherwise
     */
    Principal require(Permission permission) {
        Principal caller = caller();
        policy.require(caller, permission);
        if (!policy.scopeOf(caller).unrestricted()) {
            // the use cases behind these methods know no developer scope, so a developer-scoped caller would read
            // every game's data: refused (gRPC serves internal callers, whose scope is every game)
            throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE,
                    "the gRPC API serves callers whose access spans every game; this token is scoped to one developer");
        }
        return caller;
    }
}
