package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.MetricDefinitionStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store as one unit: starts the embedded server or connects to an external one, migrates the
 * schema, and hands out the stores. Closing it closes the pool, then stops the embedded server if it
 * started one.
 */
public final class PostgresMetadata implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMetadata.class);

    private final EmbeddedPostgresServer server;
    private final HikariDataSource dataSource;
    private final SchemaMigrations.Outcome migration;
    private final MetricDefinitionStore metricDefinitions;
    private final JooqOutbox outbox;

    private PostgresMetadata(EmbeddedPostgresServer server, HikariDataSource dataSource,
            SchemaMigrations.Outcome migration) {
        this.server = server;
        this.dataSource = dataSource;
        this.migration = migration;
        this.metricDefinitions = new JooqMetricDefinitions(dataSource);
        this.outbox = new JooqOutbox(dataSource);
    }

    /** Starts or connects, then migrates; on any failure whatever was started is stopped again. */
    public static PostgresMetadata open(PostgresConfig config) {
        requireNonNull(config, "config is null");
        EmbeddedPostgresServer server = null;
        HikariDataSource pool = null;
        try {
            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("metadata");
            hikari.setMaximumPoolSize(config.poolSize());
            hikari.setMinimumIdle(1);
            if (config.mode() == PostgresConfig.Mode.EMBEDDED) {
                server = EmbeddedPostgresServer.start(config.dataDirectory(), config.port());
                hikari.setJdbcUrl(server.jdbcUrl());
                hikari.setUsername(server.user());
                hikari.setPassword(server.password());
            } else {
                hikari.setJdbcUrl(config.jdbcUrl());
                hikari.setUsername(config.user());
                config.password().ifPresent(hikari::setPassword);
            }
            pool = new HikariDataSource(hikari);
            SchemaMigrations.Outcome outcome = new SchemaMigrations(pool).migrate();
            LOG.info("metadata store ready ({} mode, schema version {}, {} migrations applied now)",
                    config.mode().name().toLowerCase(Locale.ROOT), outcome.schemaVersion(),
                    outcome.migrationsApplied());
            return new PostgresMetadata(server, pool, outcome);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (server != null) {
                server.close();
            }
            if (e instanceof AnalyticsException) {
                throw e;
            }
            // Hikari fails fast when it cannot connect; its message names the URL, never the password
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "metadata store unavailable: " + e.getMessage(), null, null, e);
        }
    }

    public MetricDefinitionStore metricDefinitions() {
        return metricDefinitions;
    }

    /** The transactional outbox of published events. */
    public JooqOutbox outbox() {
        return outbox;
    }

    /** The pooled connections, for other stores of this adapter. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** What the migration at open did. */
    public SchemaMigrations.Outcome migration() {
        return migration;
    }

    /** The embedded server, when this process runs one. */
    public Optional<EmbeddedPostgresServer> embeddedServer() {
        return Optional.ofNullable(server);
    }

    @Override
    public void close() {
        dataSource.close();
        if (server != null) {
            server.close();
        }
    }
}
