package com.platform.analytics.adapter.kafka;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A snapshot of the event consumer's counters, for the observability wiring to publish.
 *
 * @param partitions every partition this instance has read from or owns, in order
 * @param pausedPartitions the partitions paused right now (while backing off after a transient failure)
 * @param transientFailures ingestion or dead-letter tries that failed and were retried
 * @param pauses how many times the partitions were paused for a back-off
 * @param running whether the poll loop is running
 * @param failure why the poll loop stopped on its own, or null
 */
public record KafkaConsumerMetrics(
        List<PartitionMetrics> partitions,
        Set<PartitionId> pausedPartitions,
        long transientFailures,
        long pauses,
        boolean running,
        String failure) {

    public KafkaConsumerMetrics {
        partitions = List.copyOf(partitions);
        pausedPartitions = Set.copyOf(pausedPartitions);
    }

    /**
     * One partition's counters.
     *
     * @param consumed records taken from the partition and handled (ingested, duplicates or dead-lettered)
     * @param rejected records the pipeline refused or that could not be decoded
     * @param deadLettered records the dead-letter topic acknowledged
     * @param assigned whether this instance owns the partition now
     * @param lagRecords records between the consumer's position and the partition's end, when known
     * @param lagSeconds how far behind the newest record read is: 0 when caught up, otherwise now minus the
     *     timestamp of the last record consumed; empty before the first record
     */
    public record PartitionMetrics(
            PartitionId partition,
            long consumed,
            long rejected,
            long deadLettered,
            boolean assigned,
            OptionalLong lagRecords,
            OptionalDouble lagSeconds) {

        public PartitionMetrics {
            requireNonNull(partition, "partition is null");
            requireNonNull(lagRecords, "lagRecords is null");
            requireNonNull(lagSeconds, "lagSeconds is null");
        }
    }

    public long consumed() {
        return partitions.stream().mapToLong(PartitionMetrics::consumed).sum();
    }

    public long rejected() {
        return partitions.stream().mapToLong(PartitionMetrics::rejected).sum();
    }

    public long deadLettered() {
        return partitions.stream().mapToLong(PartitionMetrics::deadLettered).sum();
    }

    /** The partitions this instance owns now. */
    public Set<PartitionId> assignedPartitions() {
        return partitions.stream().filter(PartitionMetrics::assigned).map(PartitionMetrics::partition)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
