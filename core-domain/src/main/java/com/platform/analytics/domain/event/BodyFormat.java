package com.platform.analytics.domain.event;

import java.util.Locale;
import java.util.Optional;

/** How events are packed in a request body. */
public enum BodyFormat {
    /** One CloudEvent object: {@code application/cloudevents+json}. */
    SINGLE("application/cloudevents+json"),
    /** A JSON array of CloudEvents: {@code application/cloudevents-batch+json}. */
    BATCH("application/cloudevents-batch+json"),
    /** One CloudEvent per line: {@code application/x-ndjson}. */
    NDJSON("application/x-ndjson"),
    /** {@code application/json}: an object is one event, an array a batch. */
    JSON("application/json");

    private final String mediaType;

    BodyFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a Content-Type header value (parameters such as charset are ignored). */
    public static Optional<BodyFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (BodyFormat f : values()) {
            if (f.mediaType.equals(base)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
