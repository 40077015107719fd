package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.out.ModelRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A runtime whose "models" are text: {@code model:<weight>:<width>} is a model with one float input {@code x} of
 * {@code width} columns and one double output {@code score}, scoring a row as {@code weight × sum(row)}. Anything else
 * is refused by {@link #inspect}; a loaded artifact {@code crash} throws inside {@link #predict}. Loads (one per
 * version id, as sessions are cached) and evictions are recorded; each prediction takes 7 ms of the test's clock.
 */
final class SummingModelRuntime implements ModelRuntime {
    private final OutboxRelayTest.MutableClock clock;
    final Map<UUID, Double> loaded = new HashMap<>();
    final List<UUID> loads = new ArrayList<>();
    final List<UUID> evicted = new ArrayList<>();

    SummingModelRuntime(OutboxRelayTest.MutableClock clock) {
        this.clock = clock;
    }

    static byte[] model(double weight, int width) {
        return ("model:" + weight + ":" + width).getBytes(StandardCharsets.UTF_8);
    }

    static ModelSignature signatureOf(int width) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            features.add("x_" + i);
        }
        return new ModelSignature(List.of(new ModelInput("x", TensorType.FLOAT, features)),
                List.of(new ModelOutput("score", TensorType.DOUBLE, List.of())));
    }

    @Override
    public ModelSignature inspect(byte[] artifact) {
        String[] parts = new String(artifact, StandardCharsets.UTF_8).split(":");
        if (parts.length != 3 || !parts[0].equals("model")) {
            throw AnalyticsException.invalidBody("/artifact", "not a model");
        }
        return signatureOf(Integer.parseInt(parts[2]));
    }

    @Override
    public synchronized List<Map<String, Object>> predict(UUID versionId, Supplier<byte[]> artifact,
            ModelSignature signature, List<InputBatch> inputs) {
        clock.advance(Duration.ofMillis(7));
        Double weight = loaded.get(versionId);
        if (weight == null) {
            String text = new String(artifact.get(), StandardCharsets.UTF_8);
            loads.add(versionId);
            weight = text.equals("crash") ? Double.NaN : Double.parseDouble(text.split(":")[1]);
            loaded.put(versionId, weight);
        }
        if (weight.isNaN()) {
            throw new IllegalStateException("native session crashed");
        }
        if (weight < 0) {
            throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "negative weights fail, translated");
        }
        int rows = inputs.get(0).rows();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (InputBatch b : inputs) {
                for (int c = 0; c < b.width(); c++) {
                    sum += b.numbers()[r * b.width() + c];
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("score", weight * sum);
            out.add(row);
        }
        return out;
    }

    @Override
    public synchronized void evict(UUID versionId) {
        evicted.add(versionId);
        loaded.remove(versionId);
    }
}
