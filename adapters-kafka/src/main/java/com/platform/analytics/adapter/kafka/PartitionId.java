package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

/** A partition of a topic, without Kafka's own type (it stays inside this adapter). */
public record PartitionId(String topic, int partition) implements Comparable<PartitionId> {
    public PartitionId {
        requireNonNull(topic, "topic is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
    }

    @Override
    public int compareTo(PartitionId other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
