package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.DataScope;

/**
 * A caller's {@link DataScope} as a condition of an analysis query: every scan of {@code events} (and of the activity
 * mart, which carries the same column) gets it in its own {@code WHERE}, so rows of other developers' games are never
 * read, let alone counted, and no breakdown value or "other" node can come from them. The developer id is a quoted
 * literal, so an id shaped like SQL is only a value that matches nothing.
 */
final class AnalysisScopeSql {
    private AnalysisScopeSql() {
    }

    /** {@code " AND developer_id = '<id>'"} for a developer's scope, nothing for every game's (the SQL is unchanged). */
    static String and(DataScope scope) {
        requireNonNull(scope, "scope is null");
        return scope.developerId().map(d -> " AND developer_id = " + SqlLiterals.string(d)).orElse("");
    }
}
