package com.platform.analytics.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * What the service measures about itself for operators (spec 11.2), recorded by the adapters and services where it
 * happens and exported by a metrics adapter (Prometheus, on the management port). The metric each call feeds:
 * <ul>
 *   <li>{@link #httpRequest}: {@code http_requests_total{method,route,status}}, {@code http_request_duration_seconds{method,route}}</li>
 *   <li>{@link #apiError}: {@code api_errors_total{code}}</li>
 *   <li>{@link #kafkaConsumed}: {@code kafka_messages_consumed_total{topic}}</li>
 *   <li>{@link #kafkaConsumerError}: {@code kafka_consumer_errors_total{topic,kind}}</li>
 *   <li>{@link #kafkaConsumerLag}: {@code kafka_consumer_lag_seconds{topic,partition}}</li>
 *   <li>{@link #eventsIngested}: {@code analytics_events_ingested_total{channel,outcome}} (accepted, rejected, duplicate)</li>
 *   <li>{@link #martUpdated}: {@code data_mart_last_update_timestamp_gauge{mart_name}} (seconds since the epoch)</li>
 *   <li>{@link #grpcRequest}: {@code grpc_requests_total{service,method,code}}, {@code grpc_request_duration_seconds{service,method}}</li>
 *   <li>{@link #prediction}: {@code ml_prediction_requests_total{model,version}}, {@code ml_prediction_duration_seconds{model,version}},
 *       {@code ml_prediction_errors_total{model,version}}</li>
 *   <li>{@link #modelDrift}: {@code ml_model_drift_psi{model,version,feature}} (a gauge; feature {@code prediction}
 *       for the model's outputs)</li>
 * </ul>
 * Labels take bounded values only (a route pattern, never a raw path; an error code, never a message).
 */
public interface OperationalMetrics {
    /** Records nothing: for tests and for embedding without a metrics adapter. */
    OperationalMetrics NONE = new OperationalMetrics() {
    };

    default void httpRequest(String method, String route, int status, Duration duration) {
    }

    default void apiError(String code) {
    }

    default void kafkaConsumed(String topic, long records) {
    }

    default void kafkaConsumerError(String topic, String kind) {
    }

    default void kafkaConsumerLag(String topic, int partition, double seconds) {
    }

    default void eventsIngested(String channel, long accepted, long rejected, long duplicates) {
    }

    default void martUpdated(String martName, Instant at) {
    }

    default void grpcRequest(String service, String method, String code, Duration duration) {
    }

    default void prediction(String model, String version, Duration duration, boolean failed) {
    }

    /** The population stability index of a production model's input feature (or "prediction") on the latest day checked. */
    default void modelDrift(String model, String version, String feature, double psi) {
    }
}
