package com.platform.analytics.adapter.postgres;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files only their owner may read (mode 0600 where the file system has POSIX permissions), replaced
 * atomically: a reader, or a crash in the middle, sees the old content or the new one, never a mix or an
 * empty file.
 */
final class PrivateFile {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFile() {
    }

    /**
     * Writes {@code content} to {@code target}: into a new 0600 temporary file beside it, forced to disk,
     * then renamed over the target (and the directory forced too, so the rename itself survives a crash).
     * The temporary file is created with its final permissions, so the content is never readable by others,
     * not even for a moment.
     */
    static void write(Path target, String content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = directory.resolve("." + target.getFileName() + ".tmp-" + HexFormat.of().formatHex(randomBytes(8)));
        try {
            try (FileChannel channel = FileChannel.open(temporary,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerReadWrite(directory))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory(directory);
    }

    /**
     * The secret in {@code file}, created on first use: 32 random bytes from {@link SecureRandom}, hex
     * encoded. The parent directories are created owner-only (0700). If two processes race to create it,
     * the rename makes one of the two values win, and both read that one.
     */
    static String readOrCreateSecret(Path file) throws IOException {
        if (!Files.exists(file)) {
            createOwnerOnlyDirectories(file.toAbsolutePath().getParent());
            write(file, HexFormat.of().formatHex(randomBytes(32)));
        }
        restrictToOwner(file);
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IOException("the secret file " + file + " is empty");
        }
        return secret;
    }

    /** Takes away group and other permissions an operator's copy or editor may have added. */
    private static void restrictToOwner(Path file) throws IOException {
        if (isPosix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_READ_WRITE.containsAll(permissions)) {
                Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
            }
        }
    }

    private static void createOwnerOnlyDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        // only the innermost directory (the secrets directory itself) is made private; its parents are the
        // service's data directories and keep the permissions they are given
        Path parent = directory.getParent();
        Files.createDirectories(parent);
        try {
            Files.createDirectory(directory, isPosix(parent)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            // created concurrently: fine, as long as it is a directory
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    private static FileAttribute<?>[] ownerReadWrite(Path directory) throws IOException {
        return isPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory for syncing; the rename is still atomic there
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
