package com.platform.analytics.adapter.tribuo;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.ClassifierTrainer;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The {@link ClassifierTrainer} port with Tribuo: a logistic regression ({@code LinearSGDTrainer} with the
 * {@code LogMulticlass} objective over the labels {@code retained} / {@code churned}, AdaGrad steps) on standardized
 * features. A new Tribuo trainer per training with the caller's seed makes a training repeatable.
 *
 * <p>Hyperparameters (all optional): {@code epochs} (default {@value #DEFAULT_EPOCHS}), {@code learning_rate} (AdaGrad's,
 * default {@value #DEFAULT_LEARNING_RATE}), {@code minibatch_size} (default {@value #DEFAULT_MINIBATCH_SIZE}). An unknown
 * name is refused, so that a misspelt one is not silently trained with the default.
 */
public final class TribuoClassifierTrainer implements ClassifierTrainer {
    static final String POSITIVE = "churned";
    static final String NEGATIVE = "retained";
    static final int DEFAULT_EPOCHS = 10;
    static final double DEFAULT_LEARNING_RATE = 0.5;
    static final int DEFAULT_MINIBATCH_SIZE = 1;
    // AdaGrad's initial accumulator: keeps the first steps finite
    private static final double ADAGRAD_EPSILON = 0.1;
    private static final Set<String> HYPERPARAMETERS = Set.of("epochs", "learning_rate", "minibatch_size");

    @Inject
    public TribuoClassifierTrainer() {
    }

    @Override
    public TrainedClassifier train(List<String> features, List<double[]> rows, boolean[] positive,
            Map<String, Object> hyperparameters, long seed) {
        requireNonNull(features, "features is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(positive, "positive is null");
        requireNonNull(hyperparameters, "hyperparameters is null");
        checkFeatures(features);
        checkRows(features.size(), rows, positive);
        for (String name : hyperparameters.keySet()) {
            if (!HYPERPARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + name + "'; known: epochs, learning_rate, minibatch_size");
            }
        }
        int epochs = positiveInt(hyperparameters, "epochs", DEFAULT_EPOCHS);
        double learningRate = positiveNumber(hyperparameters, "learning_rate", DEFAULT_LEARNING_RATE);
        int minibatchSize = positiveInt(hyperparameters, "minibatch_size", DEFAULT_MINIBATCH_SIZE);

        FeatureStandardization standardization = FeatureStandardization.fit(rows, features.size());
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("the churn model's training rows", labels), labels);
        String[] names = features.toArray(String[]::new);
        for (int r = 0; r < rows.size(); r++) {
            dataset.add(new ArrayExample<>(new Label(positive[r] ? POSITIVE : NEGATIVE), names,
                    standardization.apply(rows.get(r))));
        }
        // loggingInterval -1: no progress lines in the service's log
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(learningRate, ADAGRAD_EPSILON), epochs, -1, minibatchSize, seed);
        LinearSGDModel model = trainer.train(dataset);

        Map<String, Object> used = new LinkedHashMap<>();
        used.put("epochs", epochs);
        used.put("learning_rate", learningRate);
        used.put("minibatch_size", minibatchSize);
        used.put("optimiser", "adagrad");
        used.put("objective", "log_multiclass");
        used.put("standardized", true);
        used.put("seed", seed);
        return new TribuoLogisticRegression(model, features, standardization, used, seed);
    }

    private static void checkFeatures(List<String> features) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no features to train on");
        }
        Set<String> seen = new HashSet<>();
        for (String feature : features) {
            if (feature == null || feature.isBlank()) {
                throw new IllegalArgumentException("a feature needs a name");
            }
            if (!seen.add(feature)) {
                throw new IllegalArgumentException("feature '" + feature + "' is named twice");
            }
        }
    }

    private static void checkRows(int width, List<double[]> rows, boolean[] positive) {
        if (rows.size() != positive.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + positive.length + " labels");
        }
        int positives = 0;
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            if (row == null || row.length != width) {
                throw new IllegalArgumentException("row " + r + " has " + (row == null ? "no" : row.length)
                        + " values; there are " + width + " features");
            }
            for (int c = 0; c < width; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("row " + r + " has a value that is not finite (column " + c + ")");
                }
            }
            if (positive[r]) {
                positives++;
            }
        }
        if (positives == 0) {
            throw new IllegalArgumentException("no positive rows (" + POSITIVE + ") among " + rows.size()
                    + "; a classifier needs both classes");
        }
        if (positives == rows.size()) {
            throw new IllegalArgumentException("no negative rows (" + NEGATIVE + ") among " + rows.size()
                    + "; a classifier needs both classes");
        }
    }

    private static int positiveInt(Map<String, Object> hyperparameters, String name, int fallback) {
        double value = positiveNumber(hyperparameters, name, fallback);
        if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be a whole number, not " + value);
        }
        return (int) value;
    }

    private static double positiveNumber(Map<String, Object> hyperparameters, String name, double fallback) {
        Object value = hyperparameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() > 0) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' must be a positive number, not " + value);
        }
        return n.doubleValue();
    }
}
