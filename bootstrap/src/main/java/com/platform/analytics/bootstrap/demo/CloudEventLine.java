package com.platform.analytics.bootstrap.demo;

import java.util.List;

/**
 * Writes one CloudEvent (JSON structured mode) as a single line, field by field.
 *
 * <p>Hand-written rather than built from maps because the demo writes a million and more events and the
 * output must be byte-identical between runs: fields appear exactly in the order they are written.
 * One instance is reused for every event of a run (not thread-safe).
 */
final class CloudEventLine {
    private final StringBuilder json = new StringBuilder(640);
    private boolean firstDataField;

    /** Starts an event: the envelope, then an open {@code data} object. */
    CloudEventLine begin(String id, String source, String type, String time, String subject) {
        json.setLength(0);
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(id)
                .append("\",\"source\":\"").append(source)
                .append("\",\"type\":\"").append(type)
                .append("\",\"time\":\"").append(time).append('"');
        if (subject != null) {
            json.append(",\"subject\":");
            string(subject);
        }
        json.append(",\"datacontenttype\":\"application/json\",\"dataschema\":\"urn:platform-events:")
                .append(type).append("\",\"data\":{");
        firstDataField = true;
        return this;
    }

    CloudEventLine field(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    CloudEventLine field(String name, long value) {
        name(name);
        json.append(value);
        return this;
    }

    CloudEventLine field(String name, boolean value) {
        name(name);
        json.append(value);
        return this;
    }

    /** Money as the contract writes it: {@code {"value":"1499.00","currency":"RUB"}}. */
    CloudEventLine money(String name, long minorUnits, String currency) {
        name(name);
        json.append("{\"value\":\"");
        appendDecimal(json, minorUnits);
        json.append("\",\"currency\":\"").append(currency).append("\"}");
        return this;
    }

    CloudEventLine field(String name, List<String> values) {
        name(name);
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(values.get(i));
        }
        json.append(']');
        return this;
    }

    /** Closes {@code data} and the event and returns the line (without a line break). */
    String end() {
        json.append("}}");
        return json.toString();
    }

    /** Formats minor units (kopecks, cents) as a decimal string with two fraction digits. */
    static String decimal(long minorUnits) {
        StringBuilder sb = new StringBuilder(16);
        appendDecimal(sb, minorUnits);
        return sb.toString();
    }

    private static void appendDecimal(StringBuilder sb, long minorUnits) {
        long abs = Math.abs(minorUnits);
        if (minorUnits < 0) {
            sb.append('-');
        }
        sb.append(abs / 100).append('.');
        long fraction = abs % 100;
        if (fraction < 10) {
            sb.append('0');
        }
        sb.append(fraction);
    }

    private void name(String name) {
        if (!firstDataField) {
            json.append(',');
        }
        firstDataField = false;
        json.append('"').append(name).append("\":");
    }

    private void string(String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
