package com.platform.analytics.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChdbLibraryPathTest {
    @TempDir
    Path dir;

    @Test
    void systemPropertyComesFirstThenEnvironmentThenTheCache() throws Exception {
        Path byProperty = Files.createFile(dir.resolve("a.so"));
        Path byEnv = Files.createFile(dir.resolve("b.so"));
        Path cached = dir.resolve(".cache/analytics-service/chdb/26.7.3-stable.1/libchdb.so");
        Files.createDirectories(cached.getParent());
        Files.createFile(cached);

        assertThat(ChdbEngine.libraryPath(byProperty.toString(), Map.of("CHDB_LIBRARY", byEnv.toString()), dir.toString()))
                .isEqualTo(byProperty);
        assertThat(ChdbEngine.libraryPath(null, Map.of("CHDB_LIBRARY", byEnv.toString()), dir.toString()))
                .isEqualTo(byEnv);
        assertThat(ChdbEngine.libraryPath("", Map.of(), dir.toString())).isEqualTo(cached);
    }

    @Test
    void aMissingLibraryNamesAllThreePlaces() {
        assertThatThrownBy(() -> ChdbEngine.libraryPath(null, Map.of("CHDB_LIBRARY", dir.resolve("nope.so").toString()),
                dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nope.so")
                .hasMessageContaining("chdb.library")
                .hasMessageContaining("CHDB_LIBRARY")
                .hasMessageContaining(ChdbEngine.DEFAULT_LIBRARY);
    }
}
