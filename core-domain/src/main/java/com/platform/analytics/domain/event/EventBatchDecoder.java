package com.platform.analytics.domain.event;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a request body into events. A body that does not parse as a whole is the client's error (400);
 * in NDJSON each line stands alone, so a bad line is one refused event and the others go on.
 */
public final class EventBatchDecoder {
    private final int maxEvents;

    public EventBatchDecoder(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, was " + maxEvents);
        }
        this.maxEvents = maxEvents;
    }

    public int maxEvents() {
        return maxEvents;
    }

    /**
     * The events of the body, in order, indexed from 0.
     *
     * @throws AnalyticsException {@link ErrorCode#INVALID_REQUEST_BODY} when the body (SINGLE, BATCH, JSON) does
     *     not parse or a BATCH is not an array; {@link ErrorCode#PAYLOAD_TOO_LARGE} beyond {@code maxEvents}
     */
    public List<EventInput> decode(BodyFormat format, String body) {
        requireNonNull(format, "format is null");
        String text = body == null ? "" : body;
        return switch (format) {
            case SINGLE -> List.of(EventInput.parsed(0, parseWhole(text)));
            case BATCH -> {
                Object value = parseWhole(text);
                if (!(value instanceof List<?> list)) {
                    throw AnalyticsException.invalidBody(null,
                            "a CloudEvents batch must be a JSON array, found " + Json.typeName(value));
                }
                yield fromArray(list);
            }
            case JSON -> {
                Object value = parseWhole(text);
                yield value instanceof List<?> list ? fromArray(list) : List.of(EventInput.parsed(0, value));
            }
            case NDJSON -> fromLines(text);
        };
    }

    private Object parseWhole(String text) {
        try {
            return Json.parse(text);
        } catch (Json.JsonException e) {
            throw AnalyticsException.invalidBody(null, "the body is not valid JSON: " + e.getMessage()
                    + " (" + lineAndColumn(text, e.offset()) + ")");
        }
    }

    private List<EventInput> fromArray(List<?> list) {
        checkCount(list.size());
        List<EventInput> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(EventInput.parsed(i, list.get(i)));
        }
        return out;
    }

    private List<EventInput> fromLines(String text) {
        // split first (cheap, in order), then parse the lines in parallel: parsing is most of a request's decoding
        List<String> lines = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isBlank()) {
                checkCount(lines.size() + 1);
                lines.add(line);
                lineNumbers.add(lineNumber);
            }
            start = end + 1;
        }
        EventInput[] out = new EventInput[lines.size()];
        Parallel.forEachIndex(lines.size(), index -> {
            String line = lines.get(index);
            try {
                out[index] = EventInput.parsed(index, Json.parse(line));
            } catch (Json.JsonException e) {
                out[index] = EventInput.unparseable(index, line, e.getMessage() + " (line " + lineNumbers.get(index) + ")");
            }
        });
        return Arrays.asList(out);
    }

    private void checkCount(int count) {
        if (count > maxEvents) {
            throw new AnalyticsException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "a request may carry at most " + maxEvents + " events");
        }
    }

    private static String lineAndColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
