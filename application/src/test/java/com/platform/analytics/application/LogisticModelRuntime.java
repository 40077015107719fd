package com.platform.analytics.application;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.out.ModelRuntime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Serves {@link GradientLogisticTrainer}'s artifacts {@code logistic;<bias>;<weights>} like ONNX Runtime would a
 * logistic regression: one float input {@code features}, one float output {@code probabilities} of two columns
 * (labelled by the signature: the first the negative class, the second the positive one), computed in float. Records
 * which rows each version scored.
 */
final class LogisticModelRuntime implements ModelRuntime {
    private final Map<UUID, double[]> loaded = new HashMap<>();
    final Map<UUID, List<List<Double>>> scored = new HashMap<>();

    private static double[] parse(byte[] artifact) {
        String[] parts = new String(artifact, StandardCharsets.UTF_8).split(";");
        if (parts.length != 3 || !parts[0].equals("logistic")) {
            throw AnalyticsException.invalidBody("/artifact", "not a logistic model");
        }
        String[] w = parts[2].split(",");
        double[] model = new double[w.length + 1];
        model[0] = Double.parseDouble(parts[1]);
        for (int j = 0; j < w.length; j++) {
            model[j + 1] = Double.parseDouble(w[j]);
        }
        return model;
    }

    @Override
    public ModelSignature inspect(byte[] artifact) {
        int width = parse(artifact).length - 1;
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            columns.add("features_" + j);
        }
        return new ModelSignature(List.of(new ModelInput("features", TensorType.FLOAT, columns)),
                List.of(new ModelOutput("probabilities", TensorType.FLOAT, List.of("0", "1"))));
    }

    @Override
    public synchronized List<Map<String, Object>> predict(UUID versionId, Supplier<byte[]> artifact,
            ModelSignature signature, List<InputBatch> inputs) {
        double[] model = loaded.computeIfAbsent(versionId, id -> parse(artifact.get()));
        InputBatch batch = inputs.get(0);
        List<String> labels = signature.outputs().get(0).labels();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < batch.rows(); r++) {
            double[] row = Arrays.copyOfRange(batch.numbers(), r * batch.width(), (r + 1) * batch.width());
            scored.computeIfAbsent(versionId, id -> new ArrayList<>()).add(Arrays.stream(row).boxed().toList());
            float z = (float) model[0];
            for (int j = 0; j < row.length; j++) {
                z += (float) model[j + 1] * (float) row[j];
            }
            float p = (float) (1 / (1 + Math.exp(-z)));
            Map<String, Object> probabilities = new LinkedHashMap<>();
            probabilities.put(labels.get(0), (double) (1 - p));
            probabilities.put(labels.get(1), (double) p);
            out.add(Map.of("probabilities", probabilities));
        }
        return out;
    }

    @Override
    public synchronized void evict(UUID versionId) {
        loaded.remove(versionId);
    }
}
