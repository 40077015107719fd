package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.privacy.Pseudonymizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizationKeysTest {
    @TempDir
    Path dir;

    private AnalyticsConfig config() {
        return ConfigLoader.load(null, Map.of(), Map.of("data_dir", dir.toString()));
    }

    @Test
    void aNewDataDirectoryGetsAPrivateSecretThatStaysTheSame() throws Exception {
        String first = new Pseudonymizer(PseudonymizationKeys.load(config(), Map.of())).pseudonym("user-1");
        Path file = config().secretFile();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).trim()).matches("[0-9a-f]{64}");
        assertThat(new Pseudonymizer(PseudonymizationKeys.load(config(), Map.of())).pseudonym("user-1")).isEqualTo(first);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theEnvironmentWinsAndNothingIsWritten() {
        String secret = "x".repeat(40);
        String a = new Pseudonymizer(PseudonymizationKeys.load(config(), Map.of(PseudonymizationKeys.ENV, secret))).pseudonym("u");

        assertThat(Files.exists(config().secretFile())).isFalse();
        assertThat(new Pseudonymizer(PseudonymizationKeys.load(config(), Map.of(PseudonymizationKeys.ENV, secret))).pseudonym("u")).isEqualTo(a);
    }

    @Test
    void aLostSecretIsNotSilentlyReplacedWhenDataExists() throws Exception {
        PseudonymizationKeys.load(config(), Map.of());
        Files.createDirectories(config().warehouseDir().resolve("store"));
        Files.delete(config().secretFile());

        assertThatThrownBy(() -> PseudonymizationKeys.load(config(), Map.of()))
                .isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("is missing").hasMessageContaining(PseudonymizationKeys.ENV);
    }
}
