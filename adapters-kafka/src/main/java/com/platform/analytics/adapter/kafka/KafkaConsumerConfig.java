package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the event consumer joins Kafka.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of the cluster
 * @param groupId the consumer group: instances with the same group split the partitions
 * @param topics the topics to read, or empty when {@code topicPattern} is given
 * @param topicPattern a Java regular expression over topic names, or null when {@code topics} is given; topics
 *     that end with the dead-letter suffix never match, so the consumer does not read its own dead letters
 * @param deadLetterSuffix appended to a topic's name to name its dead-letter topic ({@code .dlq})
 * @param maxPollRecords the most records handed to one ingestion call; at most {@link #MAX_BATCH_EVENTS}, the
 *     pipeline's limit per request
 * @param pollTimeout how long one poll waits for records
 * @param initialBackoff the first wait after a transient failure; each further one doubles, with jitter
 * @param maxBackoff the longest wait between two tries
 * @param clientProperties Kafka client settings laid over the adapter's own: a key prefixed {@code consumer.}
 *     or {@code producer.} goes to that client only (prefix removed), any other to both (security settings,
 *     client id...). {@code enable.auto.commit} cannot be turned on: commits follow durability
 */
public record KafkaConsumerConfig(
        String bootstrapServers,
        String groupId,
        List<String> topics,
        String topicPattern,
        String deadLetterSuffix,
        int maxPollRecords,
        Duration pollTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Map<String, String> clientProperties) {

    /** The ingestion pipeline's limit of events per request. */
    public static final int MAX_BATCH_EVENTS = 10_000;
    public static final String DEFAULT_DEAD_LETTER_SUFFIX = ".dlq";
    public static final int DEFAULT_MAX_POLL_RECORDS = 1_000;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public KafkaConsumerConfig {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(topics, "topics is null");
        requireNonNull(deadLetterSuffix, "deadLetterSuffix is null");
        requireNonNull(pollTimeout, "pollTimeout is null");
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        requireNonNull(clientProperties, "clientProperties is null");
        topics = List.copyOf(topics);
        clientProperties = Map.copyOf(clientProperties);
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is blank");
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId is blank");
        }
        if (topics.isEmpty() == (topicPattern == null)) {
            throw new IllegalArgumentException("give either topics or a topicPattern, not both and not neither");
        }
        if (deadLetterSuffix.isEmpty()) {
            throw new IllegalArgumentException("deadLetterSuffix is empty: dead letters would go back to their topic");
        }
        for (String topic : topics) {
            if (topic.isBlank()) {
                throw new IllegalArgumentException("a topic name is blank");
            }
            if (topic.endsWith(deadLetterSuffix)) {
                throw new IllegalArgumentException("topic " + topic + " is a dead-letter topic (suffix "
                        + deadLetterSuffix + "): the consumer would read its own dead letters");
            }
        }
        if (topicPattern != null) {
            try {
                Pattern.compile(topicPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("topicPattern is not a valid regular expression: " + e.getMessage(), e);
            }
        }
        if (maxPollRecords < 1 || maxPollRecords > MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException("maxPollRecords must be between 1 and " + MAX_BATCH_EVENTS
                    + " (the pipeline's limit per request), was " + maxPollRecords);
        }
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("pollTimeout must be positive, was " + pollTimeout);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
        if ("true".equalsIgnoreCase(clientProperties.get("enable.auto.commit"))
                || "true".equalsIgnoreCase(clientProperties.get("consumer.enable.auto.commit"))) {
            throw new IllegalArgumentException("enable.auto.commit cannot be turned on: offsets are committed only"
                    + " once their events are durable");
        }
    }

    /** A consumer of the given topics with the defaults for everything else. */
    public static KafkaConsumerConfig forTopics(String bootstrapServers, String groupId, List<String> topics) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, topics, null, DEFAULT_DEAD_LETTER_SUFFIX,
                DEFAULT_MAX_POLL_RECORDS, DEFAULT_POLL_TIMEOUT, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, Map.of());
    }

    /** A consumer of the topics whose names match {@code topicPattern}, with the defaults for everything else. */
    public static KafkaConsumerConfig forPattern(String bootstrapServers, String groupId, String topicPattern) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, List.of(), topicPattern, DEFAULT_DEAD_LETTER_SUFFIX,
                DEFAULT_MAX_POLL_RECORDS, DEFAULT_POLL_TIMEOUT, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, Map.of());
    }

    public Optional<String> pattern() {
        return Optional.ofNullable(topicPattern);
    }

    /**
     * The pattern actually subscribed: {@code topicPattern} minus the dead-letter topics, so that a pattern
     * such as {@code platform\..*} does not also read {@code platform.orders.dlq}.
     */
    Optional<Pattern> subscriptionPattern() {
        return pattern().map(p -> Pattern.compile("(?!.*" + Pattern.quote(deadLetterSuffix) + "$)(?:" + p + ")"));
    }

    public String deadLetterTopic(String topic) {
        return topic + deadLetterSuffix;
    }

    public KafkaConsumerConfig withDeadLetterSuffix(String suffix) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, topics, topicPattern, suffix, maxPollRecords,
                pollTimeout, initialBackoff, maxBackoff, clientProperties);
    }

    public KafkaConsumerConfig withMaxPollRecords(int records) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, topics, topicPattern, deadLetterSuffix, records,
                pollTimeout, initialBackoff, maxBackoff, clientProperties);
    }

    public KafkaConsumerConfig withPollTimeout(Duration timeout) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, topics, topicPattern, deadLetterSuffix,
                maxPollRecords, timeout, initialBackoff, maxBackoff, clientProperties);
    }

    public KafkaConsumerConfig withBackoff(Duration initial, Duration max) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, topics, topicPattern, deadLetterSuffix,
                maxPollRecords, pollTimeout, initial, max, clientProperties);
    }

    public KafkaConsumerConfig withClientProperties(Map<String, String> properties) {
        return new KafkaConsumerConfig(bootstrapServers, groupId, topics, topicPattern, deadLetterSuffix,
                maxPollRecords, pollTimeout, initialBackoff, maxBackoff, properties);
    }
}
