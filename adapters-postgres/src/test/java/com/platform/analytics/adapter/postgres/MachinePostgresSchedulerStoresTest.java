package com.platform.analytics.adapter.postgres;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The scheduler's stores on the machine's PostgreSQL 15 (cluster profile), in a database of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MachinePostgresSchedulerStoresTest extends BaseSchedulerStoresContractTest {
    private MachinePostgresServer server;
    private PostgresMetadata metadata;

    @BeforeAll
    void connect() throws Exception {
        server = MachinePostgresServer.startWithFreshDatabase();
        metadata = PostgresMetadata.open(server.config());
    }

    @Override
    protected DataSource dataSource() {
        return metadata.dataSource();
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
}
