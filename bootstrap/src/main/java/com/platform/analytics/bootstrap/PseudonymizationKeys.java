package com.platform.analytics.bootstrap;

import com.platform.analytics.domain.privacy.PseudonymizationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where the pseudonymization secret comes from: the environment variable
 * {@code ANALYTICS_PSEUDONYMIZATION_SECRET}, else the configured file. On the embedded profile a missing file is
 * created once with 32 random bytes (hex, mode 0600), so pseudonyms stay the same across restarts of one data
 * directory. The secret is never logged.
 */
final class PseudonymizationKeys {
    static final String ENV = "ANALYTICS_PSEUDONYMIZATION_SECRET";

    private PseudonymizationKeys() {
    }

    static PseudonymizationKey load(AnalyticsConfig config, Map<String, String> env) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new PseudonymizationKey(config.pseudonymizationKeyId(), fromEnv.trim().getBytes(StandardCharsets.UTF_8));
        }
        Path file = config.secretFile();
        try {
            if (!Files.exists(file)) {
                if (config.pseudonymizationSecretFile() != null) {
                    throw new ConfigLoader.ConfigException("pseudonymization.secret_file: " + file + " does not exist");
                }
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            return new PseudonymizationKey(config.pseudonymizationKeyId(), secret.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pseudonymization secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.UTF_8);
    }
}
