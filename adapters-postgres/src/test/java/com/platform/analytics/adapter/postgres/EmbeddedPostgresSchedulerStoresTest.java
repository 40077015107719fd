package com.platform.analytics.adapter.postgres;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's stores on the embedded PostgreSQL server (embedded profile). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPostgresSchedulerStoresTest extends BaseSchedulerStoresContractTest {
    @TempDir
    static Path tempDir;

    private PostgresMetadata metadata;

    @BeforeAll
    void start() {
        metadata = PostgresMetadata.open(PostgresConfig.embedded(tempDir.resolve("pg"), 0));
    }

    @Override
    protected DataSource dataSource() {
        return metadata.dataSource();
    }

    @AfterAll
    void stop() {
        if (metadata != null) {
            metadata.close();
        }
    }
}
