package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse running inside this process (chDB), with a small pool of connections to one data directory.
 *
 * <p>chDB keeps one storage path per process: connections to another path need every connection closed
 * first. So there is at most one open engine per process; {@link #open} refuses a second one until the first
 * is {@linkplain #close closed}. A connection runs one statement at a time, hence the pool: a statement
 * borrows a connection and gives it back. A JVM shutdown hook closes the engine if its owner did not, so
 * ClickHouse flushes and stops cleanly before the process exits.
 */
public final class ChdbEngine implements AutoCloseable {
    /** Where the build caches libchdb.so when neither {@code chdb.library} nor {@code CHDB_LIBRARY} says otherwise. */
    public static final String DEFAULT_LIBRARY = "~/.cache/analytics-service/chdb/26.7.3-stable.1/libchdb.so";
    private static final Logger LOG = LoggerFactory.getLogger(ChdbEngine.class);
    private static final long CLOSE_WAIT_SECONDS = 60;

    private static final Object OPEN_LOCK = new Object();
    private static ChdbLibrary library;
    private static ChdbEngine current;

    private final ChdbLibrary lib;
    private final Path dataDir;
    private final int poolSize;
    private final BlockingQueue<Pointer> idle;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ChdbEngine(ChdbLibrary lib, Path dataDir, int poolSize, List<Pointer> connections) {
        this.lib = lib;
        this.dataDir = dataDir;
        this.poolSize = poolSize;
        this.idle = new ArrayBlockingQueue<>(poolSize, false, connections);
        this.shutdownHook = new Thread(this::close, "chdb-engine-shutdown");
    }

    /** Opens the engine on {@code config.dataPath()} with {@code config.poolSize()} connections. */
    public static ChdbEngine open(ClickHouseConfig config) {
        return open(config.dataPath(), config.poolSize());
    }

    /**
     * Loads chDB (once per process) and opens {@code poolSize} connections to {@code dataDir}, creating it.
     *
     * @throws IllegalStateException if an engine is already open in this process, the JVM does not chain
     *     signals, or libchdb.so cannot be found
     */
    public static ChdbEngine open(Path dataDir, int poolSize) {
        requireNonNull(dataDir, "dataDir is null");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (OPEN_LOCK) {
            if (current != null) {
                throw new IllegalStateException("a chDB engine is already open in this process on " + current.dataDir
                        + "; chDB keeps one data path per process, so close that engine before opening " + dir);
            }
            ChdbLibrary lib = loadLibrary();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                        "cannot create the warehouse data directory " + dir + ": " + e.getMessage(), null, null, e);
            }
            List<Pointer> connections = new ArrayList<>(poolSize);
            // async_insert is on by default since ClickHouse 25: an INSERT would then be queued and, with data in
            // the statement, refused when the process's stdin has data ("both inlined and external data"); the
            // warehouse's inserts are synchronous by design (rows durable when the call returns)
            String[] args = {"clickhouse", "--path=" + dir, "--async_insert=0"};
            for (int i = 0; i < poolSize; i++) {
                StringArray argv = new StringArray(args, "UTF-8");
                Pointer handle = lib.chdb_connect(args.length, argv);
                if (handle == null || handle.getPointer(0) == null) {
                    connections.forEach(lib::chdb_close_conn);
                    throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                            "chDB could not open a connection to " + dir + " (chdb_connect returned NULL)");
                }
                connections.add(handle);
            }
            ChdbEngine engine = new ChdbEngine(lib, dir, poolSize, connections);
            Runtime.getRuntime().addShutdownHook(engine.shutdownHook);
            current = engine;
            LOG.info("chDB engine open on {} with {} connections", dir, poolSize);
            return engine;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public int poolSize() {
        return poolSize;
    }

    /** A transport whose statements run on this engine's connections. */
    public ClickHouseTransport transport() {
        return new ChdbTransport(this);
    }

    /**
     * Runs {@code statement} with an idle connection (the dereferenced {@code chdb_connection}); waits for one
     * when all are busy.
     */
    <T> T withConnection(Function<Pointer, T> statement) {
        Pointer handle = borrow();
        try {
            return statement.apply(handle.getPointer(0));
        } finally {
            idle.add(handle);
        }
    }

    ChdbLibrary library() {
        return lib;
    }

    private Pointer borrow() {
        if (closed) {
            throw closedError();
        }
        Pointer handle;
        try {
            handle = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted waiting for a chDB connection",
                    null, null, e);
        }
        if (closed) {
            idle.add(handle);
            throw closedError();
        }
        return handle;
    }

    private AnalyticsException closedError() {
        return new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the chDB engine on " + dataDir + " is closed");
    }

    /** Waits for running statements, then closes every connection. Idempotent. */
    @Override
    public void close() {
        synchronized (OPEN_LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            int closedCount = 0;
            try {
                for (; closedCount < poolSize; closedCount++) {
                    Pointer handle = idle.poll(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                    if (handle == null) {
                        LOG.warn("chDB engine on {}: a statement still runs after {}s; leaving its connection open",
                                dataDir, CLOSE_WAIT_SECONDS);
                        break;
                    }
                    lib.chdb_close_conn(handle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (current == this) {
                current = null;
            }
            if (Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting; the hook list can no longer change
                }
            }
            LOG.info("chDB engine on {} closed ({} of {} connections)", dataDir, closedCount, poolSize);
        }
    }

    /**
     * For an owner that closes the engine itself at exit, in its own order (the HTTP server before the engine,
     * say): the engine's own shutdown hook would run concurrently with the owner's and could close it first.
     */
    public ChdbEngine closedByOwnerAtExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting
        }
        return this;
    }

    private static ChdbLibrary loadLibrary() {
        if (library == null) {
            SignalChaining.requireForThisJvm();
            Path path = libraryPath(System.getProperty("chdb.library"), System.getenv(), System.getProperty("user.home"));
            library = Native.load(path.toString(), ChdbLibrary.class, Map.of());
        }
        return library;
    }

    /**
     * Where libchdb.so is: the system property {@code chdb.library}, else the environment variable
     * {@code CHDB_LIBRARY}, else {@link #DEFAULT_LIBRARY}.
     *
     * @throws IllegalStateException naming all three places when the chosen file does not exist
     */
    static Path libraryPath(String property, Map<String, String> env, String userHome) {
        String chosen;
        String from;
        if (property != null && !property.isBlank()) {
            chosen = property;
            from = "system property chdb.library";
        } else if (env.get("CHDB_LIBRARY") != null && !env.get("CHDB_LIBRARY").isBlank()) {
            chosen = env.get("CHDB_LIBRARY");
            from = "environment variable CHDB_LIBRARY";
        } else {
            chosen = DEFAULT_LIBRARY.replace("~", userHome);
            from = "default location";
        }
        Path path = Path.of(chosen);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("libchdb.so not found at " + path + " (" + from + "). chDB is looked up in "
                    + "the system property chdb.library, then the environment variable CHDB_LIBRARY, then "
                    + DEFAULT_LIBRARY + " (where the build's build/fetch-chdb.sh puts it: run "
                    + "`mvn -pl adapters-clickhouse initialize` or point one of the first two at a copy)");
        }
        return path;
    }
}
