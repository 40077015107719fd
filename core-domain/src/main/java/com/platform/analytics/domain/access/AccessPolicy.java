package com.platform.analytics.domain.access;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.util.Optional;

/**
 * The one place that decides whether a caller may do something and which data it may see (spec 3.1, 9.2).
 * Entry points (REST, gRPC) ask it before calling a use case; denials are {@code ACCESS_DENIED_TO_RESOURCE}.
 */
public final class AccessPolicy {
    public AccessPolicy() {
    }

    /** Throws ACCESS_DENIED_TO_RESOURCE unless the caller holds the permission. */
    public void require(Principal caller, Permission permission) {
        requireNonNull(caller, "caller is null");
        requireNonNull(permission, "permission is null");
        if (!caller.has(permission)) {
            throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE,
                    "this needs the permission " + permission.claim() + ", which the caller's token does not grant");
        }
    }

    /**
     * The data the caller's queries may read. A developer sees their own games only, even when the token also names
     * a wider role: the narrower scope wins unless the caller is a platform admin.
     */
    public DataScope scopeOf(Principal caller) {
        requireNonNull(caller, "caller is null");
        if (caller.roles().contains(Role.PLATFORM_ADMIN) || caller.developerId().isEmpty()) {
            return DataScope.ALL_GAMES;
        }
        return DataScope.developer(caller.developerId().get());
    }

    /**
     * Throws ACCESS_DENIED_TO_RESOURCE when the scope may not read the game. {@code ownerOfGame} is the developer
     * the warehouse knows for the game; an unknown game is denied to a developer too, so the answer never tells
     * whether another developer's game exists.
     */
    public void requireGame(DataScope scope, String gameId, Optional<String> ownerOfGame) {
        requireNonNull(scope, "scope is null");
        requireNonNull(gameId, "gameId is null");
        requireNonNull(ownerOfGame, "ownerOfGame is null");
        if (scope.unrestricted()) {
            return;
        }
        if (!ownerOfGame.equals(scope.developerId())) {
            throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE,
                    "game " + gameId + " is not one of the caller's games");
        }
    }
}
