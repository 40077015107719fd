package com.platform.analytics.bootstrap;

import com.platform.analytics.domain.privacy.PseudonymizationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
                if (holdsData(config.warehouseDir())) {
                    // a new secret would give every user a new pseudonym: DAU, retention and every join would split
                    throw new ConfigLoader.ConfigException("the pseudonymization secret " + file + " is missing, but "
                            + config.dataDir() + " already holds events pseudonymized with one; restore the file or set "
                            + ENV + " to the same secret");
                }
                create(file);
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            return new PseudonymizationKey(config.pseudonymizationKeyId(), secret.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pseudonymization secret " + file, e);
        }
    }

    private static boolean holdsData(Path warehouseDir) throws IOException {
        if (!Files.isDirectory(warehouseDir)) {
            return false;
        }
        try (var entries = Files.list(warehouseDir)) {
            return entries.findAny().isPresent();
        }
    }

    /** Written to a temporary file, forced, renamed into place and the directory forced: whole or absent. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(tmp); // another process made it first: use theirs
            return;
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the file itself is forced
        }
    }
}
