package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChdbEngineSmokeTest {
    @TempDir
    Path dir;

    @Test
    void answersSelectVersion() {
        try (ChdbEngine engine = ChdbEngine.open(dir, 2)) {
            String version = engine.transport().query("SELECT version()", "TabSeparated").strip();
            assertThat(version).startsWith("26.7");
        }
    }
}
