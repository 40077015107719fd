package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.DataScope;
import com.platform.analytics.domain.analysis.funnel.FunnelQuery;
import com.platform.analytics.domain.analysis.funnel.FunnelResult;
import com.platform.analytics.domain.analysis.funnel.FunnelStep;
import com.platform.analytics.domain.analysis.funnel.PropertyFilter;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.in.FunnelUseCase;
import com.platform.analytics.port.out.FunnelEngine;
import com.platform.analytics.port.out.GameCatalog;
import jakarta.inject.Inject;
import java.math.BigDecimal;

/**
 * Funnels: the request is validated when parsed, and the warehouse computes the whole funnel in one query, over the
 * caller's data only. A developer's request that names another developer's data in a filter is refused before the
 * warehouse is asked, so the answer is a 403 rather than an empty funnel that would tell the game exists elsewhere.
 */
public final class FunnelService implements FunnelUseCase {
    static final String DEVELOPER_FIELD = "data.developerId";
    static final String GAME_FIELD = "data.gameId";

    private final FunnelEngine engine;
    private final GameCatalog games;
    private final AccessPolicy accessPolicy;

    @Inject
    public FunnelService(FunnelEngine engine, GameCatalog games, AccessPolicy accessPolicy) {
        this.engine = requireNonNull(engine, "engine is null");
        this.games = requireNonNull(games, "games is null");
        this.accessPolicy = requireNonNull(accessPolicy, "accessPolicy is null");
    }

    @Override
    public FunnelResult funnel(DataScope scope, FunnelQuery query) {
        requireNonNull(scope, "scope is null");
        requireNonNull(query, "query is null");
        requireOwnData(scope, query);
        return engine.funnel(scope, query);
    }

    /**
     * Every value a developer's filter gives for the developer or the game must be theirs, whatever the operator:
     * a "not this game" or a range names the game as much as an "is this game" does, and answering it would tell
     * another developer's game from an unknown one. (The warehouse restricts the query to the caller's games anyway;
     * this check is what turns a probe into a denial instead of a silent zero.)
     */
    private void requireOwnData(DataScope scope, FunnelQuery query) {
        if (scope.unrestricted()) {
            return;
        }
        String developer = scope.developerId().orElseThrow();
        for (FunnelStep step : query.steps()) {
            for (PropertyFilter f : step.filters()) {
                if (f.field().equals(DEVELOPER_FIELD)) {
                    for (Object v : f.values()) {
                        if (!developer.equals(text(v))) {
                            throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE,
                                    "developer " + text(v) + " is not the caller's developer");
                        }
                    }
                } else if (f.field().equals(GAME_FIELD)) {
                    for (Object v : f.values()) {
                        String game = text(v);
                        accessPolicy.requireGame(scope, game, games.developerOf(game));
                    }
                }
            }
        }
    }

    private static String text(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
