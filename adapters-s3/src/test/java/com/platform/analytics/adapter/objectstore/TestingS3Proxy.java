package com.platform.analytics.adapter.objectstore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for the tests: s3proxy with jclouds' in-memory backend, started as a separate JVM
 * (its shaded jar would clash with the SDK on one class path) on 127.0.0.1 and a free port, with signature
 * checking on. {@link #close()} stops the process and deletes its directory; a shutdown hook does it too should
 * the test JVM exit without closing.
 *
 * <p>One server serves one addressing style: given a virtual-host domain, s3proxy takes the bucket from every
 * host name other than that domain itself, so path-style requests to 127.0.0.1 would name a bucket "127.0.0.1".
 */
public final class TestingS3Proxy implements AutoCloseable {
    /** The domain under which the virtual-host server takes the bucket from the host name: bucket.s3.test. */
    static final String VIRTUAL_HOST = "s3.test";
    static final String REGION = "us-east-1";

    private final Process process;
    private final Path dir;
    private final int port;
    private final String identity;
    private final String credential;
    private final Thread shutdownHook;

    private TestingS3Proxy(Process process, Path dir, int port, String identity, String credential) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.identity = identity;
        this.credential = credential;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A server for path-style requests to http://127.0.0.1:port. */
    public static TestingS3Proxy startPathStyle() throws IOException, InterruptedException {
        return start(false);
    }

    /** A server for virtual-host requests to http://bucket.s3.test:port. */
    static TestingS3Proxy startVirtualHost() throws IOException, InterruptedException {
        return start(true);
    }

    private static TestingS3Proxy start(boolean virtualHost) throws IOException, InterruptedException {
        Path jar = Paths.get(requireNonNull(System.getProperty("s3proxy.jar"),
                "system property s3proxy.jar is not set: run the tests through Maven, which copies s3proxy"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + ": run the tests through Maven");
        }
        Path dir = Files.createTempDirectory("s3proxy-");
        int port = freePort();
        String identity = "analytics-test";
        // a fresh secret per run: nothing real is protected, but nothing can pass by knowing a fixed one
        String credential = UUID.randomUUID().toString();
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + identity,
                "s3proxy.credential=" + credential,
                virtualHost ? "s3proxy.virtual-host=" + VIRTUAL_HOST : "",
                "jclouds.provider=transient",
                "jclouds.identity=" + identity,
                "jclouds.credential=" + credential,
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-jar", jar.toString(), "--properties", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        TestingS3Proxy server = new TestingS3Proxy(process, dir, port, identity, credential);
        try {
            server.awaitListening(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("s3proxy did not listen on port " + port + " within 60 s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Path-style addressing at the address the server listens on. */
    public S3Config pathStyleConfig(String bucket) {
        return S3Config.of(REGION, bucket, identity, credential)
                .withEndpoint(URI.create("http://127.0.0.1:" + port))
                .withAddressing(S3Config.Addressing.PATH_STYLE);
    }

    /** Virtual-host addressing: requests go to bucket.s3.test, which the test JVM's hosts file maps to 127.0.0.1. */
    S3Config virtualHostConfig(String bucket) {
        return S3Config.of(REGION, bucket, identity, credential)
                .withEndpoint(URI.create("http://" + VIRTUAL_HOST + ":" + port))
                .withAddressing(S3Config.Addressing.VIRTUAL_HOST);
    }

    /** Creates a bucket (path-style), for tests of other modules that need one. */
    public void createBucket(String bucket) {
        try (software.amazon.awssdk.services.s3.S3Client client = S3ObjectStore.buildClient(pathStyleConfig(bucket))) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    /** The access key id the server accepts. */
    public String identity() {
        return identity;
    }

    /** The secret the server accepts. */
    public String credential() {
        return credential;
    }

    /** Stops the server (politely, then by force) and deletes its directory. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
