package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4.4 broker for the tests: one KRaft node (broker and controller) in a JVM of its own,
 * listening on 127.0.0.1 only, on free ports, with its data in a temporary directory that {@link #close()}
 * deletes.
 *
 * <p>A separate JVM rather than the broker's test kit in-process: the kit binds every interface, and a
 * process of its own keeps the broker's Scala runtime and logging away from the code under test. The
 * classpath is the one Maven wrote for {@code kafka_2.13} (property {@code kafka.broker.classpath}).
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final Process process;
    private final String bootstrapServers;
    private final Thread killOnExit;

    private KafkaBroker(Path directory, Process process, String bootstrapServers, Thread killOnExit) {
        this.directory = directory;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.killOnExit = killOnExit;
    }

    /** Formats the storage, starts the broker and returns once an admin client can describe the cluster. */
    public static KafkaBroker start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /**
     * As {@link #start()}, with broker settings laid over the defaults (e.g. {@code auto.create.topics.enable=false},
     * as operators run production clusters).
     */
    public static KafkaBroker start(Map<String, String> settings) throws IOException, InterruptedException {
        requireNonNull(settings, "settings is null");
        String classpath = brokerClasspath();
        Path directory = Files.createTempDirectory("kafka-broker-");
        Process process = null;
        Thread killOnExit = null;
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path config = directory.resolve("server.properties");
            Files.writeString(config, serverProperties(directory.resolve("data"), brokerPort, controllerPort, settings));
            Path log = directory.resolve("broker.log");

            Process format = new ProcessBuilder(javaCommand(classpath, "256m", "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("format.log").toFile())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly().waitFor();
                throw new IllegalStateException("formatting the broker's storage failed:\n"
                        + tail(directory.resolve("format.log")));
            }

            process = new ProcessBuilder(javaCommand(classpath, "512m", "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // a test JVM that ends without close() (a crash, an interrupted build) must not leave a broker behind
            Process started = process;
            killOnExit = new Thread(() -> started.destroyForcibly(), "kafka-broker-kill-on-exit");
            Runtime.getRuntime().addShutdownHook(killOnExit);

            String bootstrap = "127.0.0.1:" + brokerPort;
            awaitReady(process, bootstrap, log);
            return new KafkaBroker(directory, process, bootstrap, killOnExit);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process, killOnExit);
            deleteRecursively(directory);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the broker keeps its configuration, log and data; gone after {@link #close()}. */
    Path directory() {
        return directory;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            stop(process, killOnExit);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static String serverProperties(Path dataDirectory, int brokerPort, int controllerPort,
            Map<String, String> settings) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        // a static quorum of one: formatting needs no --standalone and no dynamic voter set
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDirectory.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        settings.forEach(p::setProperty);
        StringBuilder sb = new StringBuilder();
        p.stringPropertyNames().stream().sorted().forEach(k -> sb.append(k).append('=').append(p.getProperty(k)).append('\n'));
        return sb.toString();
    }

    private static List<String> javaCommand(String classpath, String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        // the broker lives seconds: quick start-up matters more than peak speed
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static void awaitReady(Process process, String bootstrap, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200"))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + ":\n" + tail(log));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    // the broker is still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not start within " + START_TIMEOUT + ":\n" + tail(log));
                }
                Thread.sleep(100);
            }
        }
    }

    private static void stop(Process process, Thread killOnExit) {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (killOnExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(killOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook runs anyway
                }
            }
        }
    }

    private static String brokerClasspath() throws IOException {
        String file = requireNonNull(System.getProperty("kafka.broker.classpath"),
                "system property kafka.broker.classpath is not set (Maven writes the broker's classpath)");
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
