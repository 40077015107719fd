package com.platform.analytics.adapter.objectstore;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.ObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory; the key is the relative path. A put writes a temporary file,
 * forces it to disk, renames it into place and forces the directory, so an object is either absent or whole
 * and durable, even across a crash.
 */
public final class LocalDirectoryObjectStore implements ObjectStore {
    /** Forces files to disk concurrently; daemon threads, shared by every store in the process. */
    private static final ExecutorService FSYNC = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "object-store-fsync");
        t.setDaemon(true);
        return t;
    });

    private final Path root;
    /** Directories known to exist: the lake writes many files into few directories, each check costs syscalls. */
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    public LocalDirectoryObjectStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw unavailable("cannot create the object store directory " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = resolve(key);
        Path tmp = target.getParent().resolve("." + target.getFileName() + ".tmp");
        try {
            writeForced(tmp, content);
            moveIntoPlace(tmp, target);
            forceDirectory(target.getParent());
        } catch (IOException e) {
            throw unavailable("cannot write object " + key, e);
        }
    }

    /** Streams the content to a temporary file, forces it and renames it into place: memory stays bounded. */
    @Override
    public void put(String key, java.io.InputStream content, long length) {
        requireNonNull(content, "content is null");
        Path target = resolve(key);
        Path tmp = target.getParent().resolve("." + target.getFileName() + ".tmp");
        try {
            ensureDirectory(target.getParent());
            long copied;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE); java.io.OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                copied = content.transferTo(out);
                out.flush();
                ch.force(true);
            }
            if (copied != length) {
                Files.deleteIfExists(tmp);
                throw new IllegalArgumentException("the stream held " + copied + " bytes, not the " + length + " announced");
            }
            moveIntoPlace(tmp, target);
            forceDirectory(target.getParent());
        } catch (IOException e) {
            throw unavailable("cannot write object " + key, e);
        }
    }

    /** The object's file as a stream (bounded memory for large objects). */
    @Override
    public Optional<java.io.InputStream> open(String key) {
        Path file = resolve(key);
        if (Files.isDirectory(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("cannot read object " + key, e);
        }
    }

    /**
     * Writes and forces every object's temporary file from several threads at once (creating directories and
     * files is slow one at a time, and a journaling file system commits concurrent fsyncs together), then renames
     * them into place and forces each directory once.
     */
    @Override
    public void putAll(Map<String, byte[]> objects) {
        if (objects.size() <= 1) {
            objects.forEach(this::put);
            return;
        }
        List<Path[]> moves = new ArrayList<>(objects.size());
        try {
            List<Callable<Void>> writes = new ArrayList<>(objects.size());
            for (Map.Entry<String, byte[]> o : objects.entrySet()) {
                Path target = resolve(o.getKey());
                Path tmp = target.getParent().resolve("." + target.getFileName() + ".tmp");
                moves.add(new Path[] {tmp, target});
                byte[] content = o.getValue();
                writes.add(() -> {
                    writeForced(tmp, content);
                    return null;
                });
            }
            for (Future<Void> f : FSYNC.invokeAll(writes)) {
                f.get();
            }
            Set<Path> dirs = new LinkedHashSet<>();
            for (Path[] m : moves) {
                moveIntoPlace(m[0], m[1]);
                dirs.add(m[1].getParent());
            }
            List<Callable<Void>> dirForces = new ArrayList<>(dirs.size());
            for (Path dir : dirs) {
                dirForces.add(() -> {
                    forceDirectory(dir);
                    return null;
                });
            }
            FSYNC.invokeAll(dirForces);
        } catch (IOException e) {
            throw unavailable("cannot write " + objects.size() + " objects", e);
        } catch (ExecutionException e) {
            throw unavailable("cannot write " + objects.size() + " objects", e.getCause() instanceof Exception c ? c : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while writing objects", e);
        }
    }

    /**
     * Creates a directory and any missing parents, each made durable: the entry of every new directory is in
     * its parent, so each such parent is forced (else a crash could lose a new partition with its files).
     */
    private void ensureDirectory(Path dir) throws IOException {
        if (knownDirectories.contains(dir)) {
            return;
        }
        java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        Files.createDirectories(dir);
        for (Path created : missing) {
            forceDirectory(created.getParent());
        }
        knownDirectories.add(dir);
    }

    /** Writes and forces a file, creating its directory unless this store already made or saw it. */
    private void writeForced(Path file, byte[] content) throws IOException {
        Path dir = file.getParent();
        ensureDirectory(dir);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            // removed behind our back: make it again
            knownDirectories.remove(dir);
            ensureDirectory(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }
        try (FileChannel ch = channel) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path file = resolve(key);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // a key that is only the start of other keys ("reports/r-1" beside "reports/r-1/result.json") is a
            // directory here but, as in a bucket, no object
            if (Files.isDirectory(file)) {
                return Optional.empty();
            }
            throw unavailable("cannot read object " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            if (!Files.isDirectory(file)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw unavailable("cannot delete object " + key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix) && !k.substring(k.lastIndexOf('/') + 1).startsWith("."))
                    .sorted()
                    .forEach(keys::add);
        } catch (IOException e) {
            throw unavailable("cannot list objects under " + prefix, e);
        }
        return keys;
    }

    private Path resolve(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("invalid object key: '" + key + "'");
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("object key escapes the store: '" + key + "'");
        }
        return p;
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the file itself is already forced
        }
    }

    private static AnalyticsException unavailable(String detail, Exception cause) {
        return new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, detail + ": " + cause.getMessage(), null, null, cause);
    }
}
