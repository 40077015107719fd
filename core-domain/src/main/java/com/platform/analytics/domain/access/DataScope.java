package com.platform.analytics.domain.access;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The rows a caller's queries may read: every game, or only the games of one developer. Queries carry it into the
 * warehouse, where it becomes a condition of the query plan (never a filter applied to results afterwards).
 *
 * @param developerId empty: every game; present: only the games of this developer
 */
public record DataScope(Optional<String> developerId) {
    public static final DataScope ALL_GAMES = new DataScope(Optional.empty());

    public DataScope {
        requireNonNull(developerId, "developerId is null");
    }

    public static DataScope developer(String developerId) {
        return new DataScope(Optional.of(requireNonNull(developerId, "developerId is null")));
    }

    public boolean unrestricted() {
        return developerId.isEmpty();
    }
}
