package com.platform.analytics.bootstrap;

import com.platform.analytics.adapter.kafka.KafkaConsumerMetrics;
import com.platform.analytics.adapter.kafka.KafkaEventConsumer;
import java.util.List;

/**
 * The consumers of the group this process runs. Each has one batch in flight; several let the pipeline's work on
 * one batch overlap the storing of another. Closing finishes and commits every member's batch in flight.
 */
final class KafkaIntake implements AutoCloseable {
    private final List<KafkaEventConsumer> members;

    KafkaIntake(List<KafkaEventConsumer> members) {
        this.members = List.copyOf(members);
    }

    void start() {
        members.forEach(KafkaEventConsumer::start);
    }

    /** Each member's counts and lag. */
    List<KafkaConsumerMetrics> metrics() {
        return members.stream().map(KafkaEventConsumer::metrics).toList();
    }

    @Override
    public void close() {
        // each in turn finishes and commits its batch in flight; a failure of one does not keep the others open
        RuntimeException failure = null;
        for (KafkaEventConsumer member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
