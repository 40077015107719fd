package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * What every store of the metadata store shares: a jOOQ context for PostgreSQL (without jOOQ's start-up banner and
 * tips in the service's log) and one translation of jOOQ's failures into the service's error.
 */
final class MetadataSql {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private MetadataSql() {
    }

    /** The statements of a store, over the pool's connections. */
    static DSLContext dsl(DataSource dataSource) {
        return DSL.using(requireNonNull(dataSource, "dataSource is null"), SQLDialect.POSTGRES);
    }

    /** The metadata store failed to {@code action}: STORAGE_UNAVAILABLE, with jOOQ's message for the log. */
    static AnalyticsException unavailable(String action, DataAccessException e) {
        return new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "metadata store: could not " + action + ": "
                + e.getMessage(), null, null, e);
    }

    /** Runs {@code work}, its jOOQ failures translated by {@link #unavailable}. */
    static <T> T translated(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw unavailable(action, e);
        }
    }
}
