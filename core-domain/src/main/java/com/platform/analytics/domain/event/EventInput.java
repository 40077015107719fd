package com.platform.analytics.domain.event;

/**
 * One event of an ingestion request, before validation: its position in the request and either the parsed
 * JSON value or, when its text did not parse, that text and the parse error.
 *
 * @param index position in the request, from 0
 * @param json the parsed JSON value (any JSON type; validation checks it is an object), or null
 * @param rawText the event's text when it did not parse, else null
 * @param parseError why it did not parse, else null
 */
public record EventInput(int index, Object json, String rawText, String parseError) {
    public static EventInput parsed(int index, Object json) {
        return new EventInput(index, json, null, null);
    }

    public static EventInput unparseable(int index, String rawText, String parseError) {
        return new EventInput(index, null, rawText, parseError);
    }

    public boolean isParsed() {
        return parseError == null;
    }
}
