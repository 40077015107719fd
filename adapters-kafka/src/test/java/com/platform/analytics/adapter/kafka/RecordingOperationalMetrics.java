package com.platform.analytics.adapter.kafka;

import com.platform.analytics.port.out.OperationalMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The operational metrics the consumer records, kept as recorded: sums per topic and kind, every lag reading. */
final class RecordingOperationalMetrics implements OperationalMetrics {
    /** One lag reading. */
    record Lag(String topic, int partition, double seconds) {
    }

    private final Map<String, Long> consumed = new HashMap<>();
    private final Map<String, Long> errors = new HashMap<>();
    private final List<Lag> lags = new ArrayList<>();

    @Override
    public synchronized void kafkaConsumed(String topic, long records) {
        consumed.merge(topic, records, Long::sum);
    }

    @Override
    public synchronized void kafkaConsumerError(String topic, String kind) {
        errors.merge(topic + "|" + kind, 1L, Long::sum);
    }

    @Override
    public synchronized void kafkaConsumerLag(String topic, int partition, double seconds) {
        lags.add(new Lag(topic, partition, seconds));
    }

    synchronized long consumed(String topic) {
        return consumed.getOrDefault(topic, 0L);
    }

    synchronized long errors(String topic, String kind) {
        return errors.getOrDefault(topic + "|" + kind, 0L);
    }

    /** Every error recorded, as {@code topic|kind} to its count. */
    synchronized Map<String, Long> errors() {
        return Map.copyOf(errors);
    }

    synchronized List<Lag> lags(String topic, int partition) {
        return lags.stream().filter(l -> l.topic().equals(topic) && l.partition() == partition).toList();
    }

    /** The last lag recorded for the partition, or -1 when none was. */
    synchronized double lastLag(String topic, int partition) {
        List<Lag> readings = lags(topic, partition);
        return readings.isEmpty() ? -1 : readings.get(readings.size() - 1).seconds();
    }
}
