package com.platform.analytics.adapter.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The model registry store against the embedded PostgreSQL (the single-node profile). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPostgresModelRegistryStoreTest extends BaseModelRegistryStoreTest {
    @TempDir
    static Path tempDir;

    private PostgresMetadata metadata;

    @BeforeAll
    void start() {
        metadata = PostgresMetadata.open(PostgresConfig.embedded(tempDir.resolve("pg"), 0));
    }

    @AfterAll
    void stop() {
        if (metadata != null) {
            metadata.close();
        }
    }

    @Override
    protected PostgresMetadata metadata() {
        return metadata;
    }
}
