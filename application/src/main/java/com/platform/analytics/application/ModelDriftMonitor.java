package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.drift.DriftBaseline;
import com.platform.analytics.domain.ml.drift.DriftLevel;
import com.platform.analytics.domain.ml.drift.PopulationStabilityIndex;
import com.platform.analytics.domain.ml.drift.PsiReport;
import com.platform.analytics.port.out.DeduplicatingOutbox;
import com.platform.analytics.port.out.ModelRegistryStore;
import com.platform.analytics.port.out.OperationalMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Daily drift of the production models: for each production version with {@link DriftBaselines} in its performance
 * metrics and a {@link DriftSource} for its name, the population stability index of each input feature and of the
 * predictions on a day against the baselines, exported as {@link OperationalMetrics#modelDrift}
 * ({@code ml_model_drift_psi}), and for each PSI above {@link DriftLevel#SHIFT_ABOVE} an {@code alert.triggered}
 * ({@code ModelDriftHigh}), once per model, version, feature and day (a name-based event id through the
 * {@link DeduplicatingOutbox}).
 *
 * <p>One model failing (its source unreadable) does not stop the others; the failures are returned with the
 * readings.
 */
public final class ModelDriftMonitor {
    public static final String ALERT_NAME = "ModelDriftHigh";
    private static final System.Logger LOG = System.getLogger(ModelDriftMonitor.class.getName());

    private final ModelRegistryStore registry;
    private final Map<String, DriftSource> sources = new LinkedHashMap<>();
    private final OperationalMetrics metrics;
    private final DeduplicatingOutbox outbox;

    public ModelDriftMonitor(ModelRegistryStore registry, List<DriftSource> sources, OperationalMetrics metrics,
            DeduplicatingOutbox outbox) {
        this.registry = requireNonNull(registry, "registry is null");
        for (DriftSource source : requireNonNull(sources, "sources is null")) {
            if (this.sources.put(source.modelName(), source) != null) {
                throw new IllegalArgumentException("two drift sources for model " + source.modelName());
            }
        }
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
    }

    /** One feature's (or the predictions') PSI on the day. */
    public record Reading(String model, String version, String feature, double psi, DriftLevel level,
            boolean alerted) {
    }

    /** The readings of a check, and the models that could not be checked (name: reason). */
    public record Check(LocalDate day, List<Reading> readings, Map<String, String> failures) {
        public Check {
            readings = List.copyOf(readings);
            failures = Map.copyOf(failures);
        }
    }

    public Check check(LocalDate day, Instant now) {
        requireNonNull(day, "day is null");
        requireNonNull(now, "now is null");
        List<Reading> readings = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (ModelVersion version : registry.list(Optional.empty(), Optional.of(ModelStage.PRODUCTION))) {
            DriftSource source = sources.get(version.name());
            if (source == null) {
                continue;
            }
            try {
                Optional<DriftBaselines.Baselines> baselines = DriftBaselines.in(version.performanceMetrics());
                if (baselines.isEmpty()) {
                    continue;
                }
                Optional<DriftSource.Sample> sample = source.day(version, baselines.get(), day);
                if (sample.isEmpty()) {
                    continue;
                }
                for (var e : baselines.get().features().entrySet()) {
                    double[] values = sample.get().features().get(e.getKey());
                    if (values != null && values.length > 0) {
                        readings.add(read(version, e.getKey(), e.getValue(), values, day, now));
                    }
                }
                if (sample.get().predictions().length > 0) {
                    readings.add(read(version, DriftBaselines.PREDICTION, baselines.get().prediction(),
                            sample.get().predictions(), day, now));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "drift of model " + version.name() + " " + version.version()
                        + " on " + day + " not measured", e);
                failures.put(version.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return new Check(day, readings, failures);
    }

    private Reading read(ModelVersion version, String feature, DriftBaseline baseline, double[] values, LocalDate day,
            Instant now) {
        PsiReport report = baseline.compare(values, PopulationStabilityIndex.DEFAULT_EPSILON);
        metrics.modelDrift(version.name(), version.version(), feature, report.value());
        boolean alerted = false;
        if (report.level() == DriftLevel.SHIFT) {
            String key = "drift:" + version.name() + ":" + version.version() + ":" + feature + ":" + day;
            Map<String, String> dimensions = new LinkedHashMap<>();
            dimensions.put("model", version.name());
            dimensions.put("version", version.version());
            dimensions.put("feature", feature);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("model", version.name());
            details.put("version", version.version());
            details.put("modelId", version.id().toString());
            details.put("feature", feature);
            details.put("day", day.toString());
            details.put("psi", report.value());
            details.put("values", (long) values.length);
            alerted = outbox.appendOnce(MonitoringAlerts.triggered(key, "model:" + version.name(), ALERT_NAME, "warning",
                    String.format(Locale.ROOT, "%s of model %s version %s drifted on %s: PSI %.3f above %.2f",
                            feature.equals(DriftBaselines.PREDICTION) ? "the predictions" : "feature " + feature,
                            version.name(), version.version(), day, report.value(), DriftLevel.SHIFT_ABOVE),
                    "ml_model_drift_psi", report.value(), DriftLevel.SHIFT_ABOVE, dimensions, now, details));
        }
        return new Reading(version.name(), version.version(), feature, report.value(), report.level(), alerted);
    }
}
