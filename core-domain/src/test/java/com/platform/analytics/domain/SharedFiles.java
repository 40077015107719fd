package com.platform.analytics.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The shared specification files (platform event contract, golden data), read where they are. */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** {@code shared.dir} as set by Surefire, else {@code ../../shared} from the module directory. */
    public static Path dir() {
        String configured = System.getProperty("shared.dir");
        Path dir = configured != null && !configured.isBlank() ? Paths.get(configured) : Paths.get("../../shared");
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("platform-events"))) {
            throw new IllegalStateException("the shared specification directory is not at " + dir
                    + " (set -Dshared.dir)");
        }
        return dir;
    }

    /** Every example event of the contract: type to JSON text. */
    public static Map<String, String> examples() {
        return jsonFiles(dir().resolve("platform-events/examples"));
    }

    /** Every schema of the contract: file name to JSON text. */
    public static Map<String, String> schemaFiles() {
        Map<String, String> byType = jsonFiles(dir().resolve("platform-events/schemas"));
        Map<String, String> byFile = new TreeMap<>();
        byType.forEach((type, text) -> byFile.put(type + ".json", text));
        return byFile;
    }

    public static List<String> goldenEventLines() {
        return lines(dir().resolve("metrics/golden/events.jsonl"));
    }

    private static Map<String, String> jsonFiles(Path folder) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) {
                    out.put(name.substring(0, name.length() - 5), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
