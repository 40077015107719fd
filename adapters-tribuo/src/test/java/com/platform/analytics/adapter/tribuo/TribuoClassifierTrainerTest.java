package com.platform.analytics.adapter.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.platform.analytics.domain.ml.ModelInput;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.out.ClassifierTrainer.TrainedClassifier;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TribuoClassifierTrainerTest {
    // deliberately not in sorted order, and of very different scales: Tribuo reorders the columns by name
    private static final List<String> FEATURES = List.of("sessions_30d", "recency_days", "monetary_cents", "tenure_days", "noise");
    private static final int ROWS = 3000;

    private static final List<double[]> rows = new ArrayList<>();
    private static boolean[] churned;
    private static TrainedClassifier classifier;

    private final TribuoClassifierTrainer trainer = new TribuoClassifierTrainer();

    /** Users who play less, came back long ago, spend less and are new churn more often; noise tells nothing. */
    @BeforeAll
    static void trainOnGeneratedUsers() {
        Random random = new Random(42);
        churned = new boolean[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double sessions = Math.floor(random.nextDouble() * 40);
            double recency = Math.floor(random.nextDouble() * 30);
            double monetary = Math.floor(random.nextDouble() * 500_000);
            double tenure = Math.floor(random.nextDouble() * 1000);
            double noise = random.nextGaussian();
            rows.add(new double[] {sessions, recency, monetary, tenure, noise});
            double z = 1.0 - 0.12 * sessions + 0.15 * recency - 4e-6 * monetary - 0.001 * tenure;
            churned[r] = random.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        classifier = new TribuoClassifierTrainer().train(FEATURES, rows, churned, Map.of(), 7L);
    }

    @Test
    void onnxRuntimeScoresEveryRowAsTribuoDoes() throws Exception {
        List<String> onnxColumns = classifier.signature().inputs().get(0).features();
        int churnedColumn = classifier.signature().outputs().get(0).labels().indexOf("churned");
        float[] input = new float[ROWS * onnxColumns.size()];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < onnxColumns.size(); c++) {
                input[r * onnxColumns.size() + c] = (float) rows.get(r)[FEATURES.indexOf(onnxColumns.get(c))];
            }
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(classifier.onnx(), new OrtSession.SessionOptions());
                OnnxTensor features = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                        new long[] {ROWS, onnxColumns.size()});
                OrtSession.Result result = session.run(Map.of("features", features))) {
            // the graph is what the service's ONNX runtime serves: [batch, n] in, [batch, 2] out
            NodeInfo in = session.getInputInfo().get("features");
            assertThat(((TensorInfo) in.getInfo()).getShape()).containsExactly(-1, onnxColumns.size());
            assertThat(((TensorInfo) session.getOutputInfo().get("probabilities").getInfo()).getShape()).containsExactly(-1, 2);

            FloatBuffer probabilities = ((OnnxTensor) result.get("probabilities").orElseThrow()).getFloatBuffer();
            for (int r = 0; r < ROWS; r++) {
                assertThat((double) probabilities.get(r * 2 + churnedColumn))
                        .as("row %d", r)
                        .isCloseTo(classifier.probability(rows.get(r)), within(1e-6));
                assertThat((double) probabilities.get(r * 2 + 1 - churnedColumn))
                        .isCloseTo(1 - classifier.probability(rows.get(r)), within(1e-6));
            }
        }
    }

    @Test
    void signatureListsTheFeaturesInTheOnnxColumnOrder() {
        assertThat(classifier.signature().inputs()).containsExactly(new ModelInput("features", TensorType.FLOAT,
                List.of("monetary_cents", "noise", "recency_days", "sessions_30d", "tenure_days")));
        ModelOutput output = classifier.signature().outputs().get(0);
        assertThat(output.name()).isEqualTo("probabilities");
        assertThat(output.labels()).containsExactlyInAnyOrder("retained", "churned");
        assertThat(classifier.algorithm()).isEqualTo("tribuo-logistic-regression");
        assertThat(classifier.hyperparameters()).containsEntry("epochs", 10).containsEntry("seed", 7L)
                .containsEntry("standardized", true);
    }

    @Test
    void learnsTheSignal() {
        double[] scores = new double[ROWS];
        double positives = 0;
        double negatives = 0;
        int positiveCount = 0;
        for (int r = 0; r < ROWS; r++) {
            scores[r] = classifier.probability(rows.get(r));
            assertThat(scores[r]).isBetween(0.0, 1.0);
            if (churned[r]) {
                positives += scores[r];
                positiveCount++;
            } else {
                negatives += scores[r];
            }
        }
        assertThat(positives / positiveCount).isGreaterThan(negatives / (ROWS - positiveCount) + 0.25);
        assertThat(auc(scores, churned)).isGreaterThan(0.8);
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        TrainedClassifier again = trainer.train(FEATURES, rows, churned, Map.of(), 7L);
        TrainedClassifier otherSeed = trainer.train(FEATURES, rows, churned, Map.of(), 8L);

        boolean differs = false;
        for (double[] row : rows.subList(0, 200)) {
            assertThat(again.probability(row)).isEqualTo(classifier.probability(row));
            differs |= otherSeed.probability(row) != classifier.probability(row);
        }
        assertThat(differs).as("another seed shuffles the rows otherwise").isTrue();
    }

    @Test
    void takesHyperparameters() {
        TrainedClassifier quick = trainer.train(FEATURES, rows, churned,
                Map.of("epochs", 2, "learning_rate", 0.1, "minibatch_size", 10), 7L);

        assertThat(quick.hyperparameters()).containsEntry("epochs", 2).containsEntry("learning_rate", 0.1)
                .containsEntry("minibatch_size", 10);
        assertThat(quick.probability(rows.get(0))).isNotEqualTo(classifier.probability(rows.get(0)));
    }

    @Test
    void refusesBadTrainingData() {
        assertRefused(List.of("a", "b"), List.of(new double[] {1, 2}, new double[] {1, 2, 3}), new boolean[] {true, false},
                Map.of(), "row 1 has 3 values; there are 2 features");
        assertRefused(List.of("a"), List.of(new double[] {1}, new double[] {2}), new boolean[] {false, false}, Map.of(),
                "no positive rows (churned) among 2");
        assertRefused(List.of("a"), List.of(new double[] {1}, new double[] {2}), new boolean[] {true, true}, Map.of(),
                "no negative rows (retained) among 2");
        assertRefused(List.of("a"), List.of(new double[] {1}, new double[] {2}), new boolean[] {true}, Map.of(),
                "2 rows but 1 labels");
        assertRefused(List.of("a"), List.of(new double[] {Double.NaN}, new double[] {2}), new boolean[] {true, false},
                Map.of(), "row 0 has a value that is not finite");
        assertRefused(List.of("a", "a"), List.of(new double[] {1, 1}, new double[] {2, 2}), new boolean[] {true, false},
                Map.of(), "feature 'a' is named twice");
        assertRefused(List.of(), List.of(new double[0], new double[0]), new boolean[] {true, false}, Map.of(),
                "no features to train on");
        assertRefused(List.of("a"), List.of(new double[] {1}, new double[] {2}), new boolean[] {true, false},
                Map.of("epoch", 3), "unknown hyperparameter 'epoch'");
        assertRefused(List.of("a"), List.of(new double[] {1}, new double[] {2}), new boolean[] {true, false},
                Map.of("epochs", 2.5), "hyperparameter 'epochs' must be a whole number");
        assertRefused(List.of("a"), List.of(new double[] {1}, new double[] {2}), new boolean[] {true, false},
                Map.of("learning_rate", -1), "hyperparameter 'learning_rate' must be a positive number");
    }

    @Test
    void refusesARowOfTheWrongWidthToScore() {
        assertThatThrownBy(() -> classifier.probability(new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row has 5 values, one per feature, not 2");
    }

    private void assertRefused(List<String> features, List<double[]> data, boolean[] labels, Map<String, Object> hyper,
            String message) {
        assertThatThrownBy(() -> trainer.train(features, data, labels, hyper, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    /** The probability that a random positive scores above a random negative (ties count half). */
    private static double auc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
