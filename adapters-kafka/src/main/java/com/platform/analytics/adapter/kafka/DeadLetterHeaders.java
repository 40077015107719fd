package com.platform.analytics.adapter.kafka;

/**
 * The headers the consumer adds to a record it writes to a dead-letter topic. The original key, value and
 * headers are kept as they were; these say why and where from. Values are UTF-8 text.
 */
public final class DeadLetterHeaders {
    /** The rejection's code and detail: {@code INVALID_DATA: /data/amount must be a number}. */
    public static final String REASON = "dlq.reason";
    /** The rejection's code alone ({@code MALFORMED_JSON}, {@code INVALID_DATA}, or an error code). */
    public static final String CODE = "dlq.code";
    public static final String TOPIC = "dlq.original.topic";
    public static final String PARTITION = "dlq.original.partition";
    public static final String OFFSET = "dlq.original.offset";

    private DeadLetterHeaders() {
    }
}
