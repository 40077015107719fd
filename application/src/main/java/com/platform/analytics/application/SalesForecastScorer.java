package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.forecast.Forecast;
import com.platform.analytics.domain.ml.forecast.ForecastPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Serves {@code holt_winters} versions ({@link SalesForecastArtifact}). An instance
 * {@code {"series": "platform" | "<game id>", "horizon": 1..90, "level": 0.8 | 0.95}} (level defaults to 0.95) gets
 * {@code {"series", "level", "points": [{"day", "forecast", "lower", "upper"}]}}, one point per day from the day after
 * the series' last training day: exactly the fitted model's own {@code forecast(horizon, level)}.
 *
 * <p>The horizon stops at {@value #MAX_HORIZON} days: the intervals of an extrapolated trend widen without bound, and a
 * quarter is as far as a weekly-seasonal model of a few months' sales says anything useful. The two levels are the ones
 * dashboards draw; any other would be a request for a number no one validated (coverage is backtested at 0.95).
 */
public final class SalesForecastScorer implements BuiltInScorer {
    static final int MAX_HORIZON = 90;
    private static final Set<String> FIELDS = Set.of("series", "horizon", "level");
    private static final double DEFAULT_LEVEL = 0.95;

    private final ParsedArtifacts<SalesForecastArtifact> parsed = new ParsedArtifacts<>(8);

    @Override
    public ModelFormat format() {
        return ModelFormat.FORECAST;
    }

    @Override
    public List<Map<String, Object>> score(ModelVersion version, Supplier<byte[]> artifact, List<?> instances) {
        requireNonNull(version, "version is null");
        requireNonNull(instances, "instances is null");
        record Request(SalesForecastArtifact.Series series, String name, int horizon, double level) {
        }
        SalesForecastArtifact model = parsed.get(version.id(), () -> SalesForecastArtifact.fromBytes(artifact.get()));
        // every instance is checked before any is scored: a bad tenth instance refuses the request, not half of it
        List<Request> requests = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            String at = "/instances/" + i;
            Map<?, ?> instance = BuiltInInstances.object(instances.get(i), at, FIELDS);
            String name = BuiltInInstances.string(instance, "series", at);
            SalesForecastArtifact.Series series = model.series().get(name);
            if (series == null) {
                throw AnalyticsException.invalidBody(at + "/series", "model '" + version.name() + "' version "
                        + version.version() + " has no series '" + name + "'; it forecasts " + known(model));
            }
            int horizon = BuiltInInstances.integer(instance, "horizon", at, 1, MAX_HORIZON);
            double level = DEFAULT_LEVEL;
            if (BuiltInInstances.present(instance, "level")) {
                level = BuiltInInstances.number(instance, "level", at);
                if (level != 0.8 && level != 0.95) {
                    throw AnalyticsException.invalidBody(at + "/level", "'level' is 0.8 or 0.95, not " + level);
                }
            }
            requests.add(new Request(series, name, horizon, level));
        }
        List<Map<String, Object>> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            Forecast forecast = r.series().model().forecast(r.horizon(), r.level());
            List<Object> points = new ArrayList<>(r.horizon());
            for (ForecastPoint p : forecast.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("day", r.series().lastDay().plusDays(p.step()).toString());
                point.put("forecast", p.mean());
                point.put("lower", p.lower());
                point.put("upper", p.upper());
                points.add(point);
            }
            Map<String, Object> prediction = new LinkedHashMap<>();
            prediction.put("series", r.name());
            prediction.put("level", r.level());
            prediction.put("points", points);
            out.add(prediction);
        }
        return out;
    }

    private static String known(SalesForecastArtifact model) {
        // the platform first, then a few games: enough to spot a typo without dumping hundreds of ids
        List<String> names = new ArrayList<>(model.series().keySet());
        if (names.remove(SalesForecastArtifact.PLATFORM)) {
            names.add(0, SalesForecastArtifact.PLATFORM);
        }
        String shown = names.stream().limit(10).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        return names.size() > 10 ? shown + " and " + (names.size() - 10) + " more" : shown;
    }
}
