package com.platform.analytics.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
    @Test
    void startsOnLoopbackAndStopsLeavingNothing() throws Exception {
        Path directory;
        try (KafkaBroker broker = KafkaBroker.start()) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            broker.createTopic("probe", 2);
            try (Admin admin = broker.admin()) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("probe");
            }
            directory = broker.directory();
            assertThat(directory.resolve("data")).isDirectory();
        }
        assertThat(directory).doesNotExist();
    }
}
