package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the metadata schema up to date with Flyway, from {@code db/migration} on the class path. */
public final class SchemaMigrations {
    static final String LOCATION = "classpath:db/migration";

    private final DataSource dataSource;

    public SchemaMigrations(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Applies pending migrations; a schema already up to date is left as it is. */
    public Outcome migrate() {
        try {
            MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    // a stray migration on the server that this build does not know is an error, not a shrug
                    .validateOnMigrate(true)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
            return new Outcome(result.migrationsExecuted, result.targetSchemaVersion != null
                    ? result.targetSchemaVersion : result.initialSchemaVersion);
        } catch (FlywayException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "metadata schema migration failed: " + e.getMessage(), null, null, e);
        }
    }

    /**
     * @param migrationsApplied how many migrations this run applied (0: the schema was already current)
     * @param schemaVersion the schema version after the run
     */
    public record Outcome(int migrationsApplied, String schemaVersion) {
        public Outcome {
            requireNonNull(schemaVersion, "schemaVersion is null");
        }
    }
}
