package com.platform.analytics.adapter.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The model registry store against the machine's PostgreSQL 15 (the cluster profile), in a fresh database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MachinePostgresModelRegistryStoreTest extends BaseModelRegistryStoreTest {
    private MachinePostgresServer server;
    private PostgresMetadata metadata;

    @BeforeAll
    void connect() throws Exception {
        server = MachinePostgresServer.startWithFreshDatabase();
        metadata = PostgresMetadata.open(server.config());
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (metadata != null) {
            metadata.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected PostgresMetadata metadata() {
        return metadata;
    }
}
