package com.platform.analytics.application;

import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.out.ClassifierTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny logistic regression fitted by full-batch gradient descent on standardized features, folded back into raw-unit
 * weights so that its "ONNX" artifact is just {@code logistic;<bias>;<w0>,<w1>,...} ({@link LogisticModelRuntime}
 * serves it). {@link #only} restricts the fit to some features (a deliberately weak model); {@link #fixed} skips the
 * fit and returns the given weights (a model whose figures a test computes by hand). Calls are recorded.
 */
final class GradientLogisticTrainer implements ClassifierTrainer {
    record Call(List<String> features, List<double[]> rows, boolean[] positive, Map<String, Object> hyperparameters,
            long seed) {
    }

    private final Set<String> only;
    private final double[] fixed;
    /** Added to the bias in the artifact only: a served model that disagrees with the trainer. */
    double servedBiasError;
    final List<Call> calls = new ArrayList<>();

    private GradientLogisticTrainer(Set<String> only, double[] fixed) {
        this.only = only;
        this.fixed = fixed;
    }

    /** Fits every feature. */
    static GradientLogisticTrainer fitted() {
        return new GradientLogisticTrainer(null, null);
    }

    /** Fits only these features, the others weigh 0. */
    static GradientLogisticTrainer only(Set<String> features) {
        return new GradientLogisticTrainer(Set.copyOf(features), null);
    }

    /** No fit: bias then one weight per feature. */
    static GradientLogisticTrainer fixed(double... biasAndWeights) {
        return new GradientLogisticTrainer(null, biasAndWeights.clone());
    }

    static ModelSignature signature(List<String> features) {
        return new ModelSignature(List.of(new ModelInput("features", TensorType.FLOAT, features)),
                List.of(new ModelOutput("probabilities", TensorType.FLOAT, List.of("retained", "churned"))));
    }

    @Override
    public TrainedClassifier train(List<String> features, List<double[]> rows, boolean[] positive,
            Map<String, Object> hyperparameters, long seed) {
        calls.add(new Call(List.copyOf(features), List.copyOf(rows), positive.clone(), hyperparameters, seed));
        int width = features.size();
        if (fixed != null) {
            return new Logistic(features, fixed[0], java.util.Arrays.copyOfRange(fixed, 1, fixed.length), hyperparameters,
                    servedBiasError);
        }
        int n = rows.size();
        double[] mean = new double[width];
        double[] sd = new double[width];
        for (double[] r : rows) {
            for (int j = 0; j < width; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < width; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < width; j++) {
            sd[j] = sd[j] == 0 ? 1 : Math.sqrt(sd[j]);
        }
        double[] w = new double[width];
        double b = 0;
        double rate = 0.5;
        for (int step = 0; step < 300; step++) {
            double[] gw = new double[width];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double[] r = rows.get(i);
                double z = b;
                for (int j = 0; j < width; j++) {
                    z += w[j] * (r[j] - mean[j]) / sd[j];
                }
                double err = PlantedChurnFeatures.sigmoid(z) - (positive[i] ? 1 : 0);
                gb += err / n;
                for (int j = 0; j < width; j++) {
                    gw[j] += err * (r[j] - mean[j]) / sd[j] / n;
                }
            }
            b -= rate * gb;
            for (int j = 0; j < width; j++) {
                if (only == null || only.contains(features.get(j))) {
                    w[j] -= rate * gw[j];
                }
            }
        }
        double[] raw = new double[width];
        double bias = b;
        for (int j = 0; j < width; j++) {
            raw[j] = w[j] / sd[j];
            bias -= w[j] * mean[j] / sd[j];
        }
        return new Logistic(features, bias, raw, hyperparameters, servedBiasError);
    }

    record Logistic(List<String> features, double bias, double[] weights, Map<String, Object> hyperparameters,
            double servedBiasError) implements TrainedClassifier {
        @Override
        public String algorithm() {
            return "test-gradient-logistic";
        }

        @Override
        public double probability(double[] row) {
            double z = bias;
            for (int j = 0; j < weights.length; j++) {
                z += weights[j] * row[j];
            }
            return PlantedChurnFeatures.sigmoid(z);
        }

        @Override
        public byte[] onnx() {
            StringBuilder text = new StringBuilder("logistic;").append(bias + servedBiasError).append(';');
            for (int j = 0; j < weights.length; j++) {
                text.append(j == 0 ? "" : ",").append(weights[j]);
            }
            return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public ModelSignature signature() {
            return GradientLogisticTrainer.signature(features);
        }
    }
}
