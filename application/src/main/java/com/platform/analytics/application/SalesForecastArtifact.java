package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.ml.artifact.ArtifactFields;
import com.platform.analytics.domain.ml.forecast.ForecastModel;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The artifact of a {@code forecast} model version (the built-in sales forecast's format): a fitted forecast model
 * per daily net revenue series ({@value #PLATFORM} or a game id) and the series' last training day, so a forecast's
 * first point is the day after.
 *
 * <pre>{"kind":"sales-forecast","format":1,"series":[{"series":"platform","lastDay":"2026-03-14",
 *   "model":{ ForecastModel#toArtifact }}, …]}</pre>
 *
 * <p>Each model names its method by its own {@code kind}: versions trained since the robust forecaster
 * ({@code robust-trend-season}) and older Holt-Winters ones ({@code holt-winters}) are both read, so a registry
 * holding old versions still serves them.
 */
public record SalesForecastArtifact(Map<String, Series> series) {
    /** The name of the whole platform's series. */
    public static final String PLATFORM = "platform";
    static final String KIND = "sales-forecast";
    static final long FORMAT = 1;

    /** One series' model and the last day it was fitted on. */
    public record Series(LocalDate lastDay, ForecastModel model) {
        public Series {
            requireNonNull(lastDay, "lastDay is null");
            requireNonNull(model, "model is null");
        }
    }

    public SalesForecastArtifact {
        series = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(series, "series is null")));
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a sales forecast needs at least one series");
        }
    }

    public byte[] toBytes() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", KIND);
        json.put("format", FORMAT);
        List<Object> list = new ArrayList<>(series.size());
        series.forEach((name, s) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("series", name);
            entry.put("lastDay", s.lastDay().toString());
            entry.put("model", s.model().toArtifact());
            list.add(entry);
        });
        json.put("series", list);
        return ArtifactFields.bytes(json);
    }

    /** @throws IllegalArgumentException naming what is wrong with the bytes */
    public static SalesForecastArtifact fromBytes(byte[] bytes) {
        ArtifactFields fields = ArtifactFields.open(bytes, KIND, FORMAT);
        Map<String, Series> series = new TreeMap<>();
        for (Object element : fields.list("series")) {
            ArtifactFields entry = ArtifactFields.nested(KIND, element);
            String name = entry.string("series");
            LocalDate lastDay;
            try {
                lastDay = LocalDate.parse(entry.string("lastDay"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("sales-forecast artifact: series " + name + " has a bad lastDay", e);
            }
            if (series.put(name, new Series(lastDay, ForecastModel.fromArtifact(entry.object("model")))) != null) {
                throw new IllegalArgumentException("sales-forecast artifact: series " + name + " appears twice");
            }
        }
        return new SalesForecastArtifact(series);
    }
}
