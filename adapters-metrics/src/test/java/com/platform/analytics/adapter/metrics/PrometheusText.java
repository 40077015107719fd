package com.platform.analytics.adapter.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a scrape in the Prometheus text format, parsed independently of the client library: each sample line
 * {@code name{label="value",...} number} becomes a key {@code name{label=value,...}} with the labels sorted.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples;
    private final Map<String, String> types;
    /** For each bucket series without its {@code le}, the {@code le} values seen. */
    private final Map<String, java.util.List<String>> bucketBounds;

    private PrometheusText(Map<String, Double> samples, Map<String, String> types,
            Map<String, java.util.List<String>> bucketBounds) {
        this.samples = samples;
        this.types = types;
        this.bucketBounds = bucketBounds;
    }

    static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, java.util.List<String>> bucketBounds = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            String key = key(sample.group(1), labels);
            if (samples.put(key, parseValue(sample.group(4))) != null) {
                throw new AssertionError("the sample " + key + " appears twice");
            }
            if (labels.containsKey("le")) {
                Map<String, String> withoutLe = new TreeMap<>(labels);
                String le = withoutLe.remove("le");
                bucketBounds.computeIfAbsent(key(sample.group(1), withoutLe), k -> new java.util.ArrayList<>()).add(le);
            }
        }
        return new PrometheusText(samples, types, bucketBounds);
    }

    /** The value of the sample, or null when the scrape has none such. */
    Double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.get(key(name, labels));
    }

    /** A histogram series' cumulative bucket counts by upper bound ({@code le}), parsed as numbers. */
    java.util.SortedMap<Double, Double> buckets(String histogram, String... labelPairs) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        java.util.SortedMap<Double, Double> buckets = new TreeMap<>();
        for (String le : bucketBounds.getOrDefault(key(histogram + "_bucket", wanted), java.util.List.of())) {
            Map<String, String> labels = new TreeMap<>(wanted);
            labels.put("le", le);
            buckets.put(parseValue(le), samples.get(key(histogram + "_bucket", labels)));
        }
        return buckets;
    }

    Map<String, Double> samples() {
        return samples;
    }

    String type(String family) {
        return types.get(family);
    }

    long seriesOf(String name) {
        return samples.keySet().stream().filter(k -> k.equals(name) || k.startsWith(name + "{")).count();
    }

    private static String key(String name, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder key = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> key.append(k).append('=').append(v).append(','));
        key.setLength(key.length() - 1);
        return key.append('}').toString();
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
