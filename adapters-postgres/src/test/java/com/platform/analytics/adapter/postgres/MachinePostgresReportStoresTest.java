package com.platform.analytics.adapter.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The report stores on the machine's PostgreSQL 15 (cluster profile), a fresh database of their own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MachinePostgresReportStoresTest extends BaseReportStoresTest {
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
