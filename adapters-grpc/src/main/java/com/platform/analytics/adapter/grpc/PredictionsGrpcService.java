package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.platform.analytics.adapter.grpc.v1.Instance;
import com.platform.analytics.adapter.grpc.v1.PredictRequest;
import com.platform.analytics.adapter.grpc.v1.PredictResponse;
import com.platform.analytics.adapter.grpc.v1.Prediction;
import com.platform.analytics.adapter.grpc.v1.PredictionsServiceGrpc;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.port.in.PredictionUseCase;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PredictionsService}: the prediction use case over gRPC. Features arrive as {@code google.protobuf.Value}s and
 * are handed over as the JSON values the REST API would pass (numbers as doubles, strings, null as JSON null), so the
 * model's signature validates both the same way and names the same feature. A request with no model is refused
 * before any lookup.
 */
final class PredictionsGrpcService extends PredictionsServiceGrpc.PredictionsServiceImplBase {
    private final PredictionUseCase predictions;
    private final CallerAccess access;

    PredictionsGrpcService(PredictionUseCase predictions, CallerAccess access) {
        this.predictions = requireNonNull(predictions, "predictions is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Override
    public void predict(PredictRequest request, StreamObserver<PredictResponse> responses) {
        UnaryCalls.answer(responses, () -> score(access.require(Permission.PREDICT), request, ""));
    }

    @Override
    public StreamObserver<PredictRequest> predictStream(StreamObserver<PredictResponse> responses) {
        Principal caller;
        try {
            caller = access.require(Permission.PREDICT);
        } catch (RuntimeException e) {
            responses.onError(ErrorStatuses.of(e));
            return new Ignored();
        }
        return new StreamObserver<>() {
            private int index;
            private boolean finished;

            @Override
            public void onNext(PredictRequest request) {
                if (finished) {
                    return;
                }
                int at = index++;
                if (Context.current().isCancelled()) {
                    // the deadline passed or the client left: nobody reads the answer
                    finished = true;
                    return;
                }
                PredictResponse response;
                try {
                    response = score(caller, request, "/requests/" + at);
                } catch (RuntimeException e) {
                    finished = true;
                    if (!Context.current().isCancelled()) {
                        responses.onError(ErrorStatuses.of(e));
                    }
                    return;
                }
                responses.onNext(response);
            }

            @Override
            public void onError(Throwable t) {
                finished = true;
            }

            @Override
            public void onCompleted() {
                if (!finished && !Context.current().isCancelled()) {
                    finished = true;
                    responses.onCompleted();
                }
            }
        };
    }

    /** @param at where the request sits in the call ({@code ""} for a unary call), prefixed to a failure's pointer */
    private PredictResponse score(Principal caller, PredictRequest request, String at) {
        if (request.getModel().isBlank()) {
            throw AnalyticsException.invalidParameter("model", "model (a model version's id or a model name) is required");
        }
        List<Object> instances = new ArrayList<>(request.getInstancesCount());
        for (Instance instance : request.getInstancesList()) {
            Map<String, Object> features = new LinkedHashMap<>();
            instance.getFeaturesMap().forEach((name, value) -> features.put(name, json(value)));
            instances.add(features);
        }
        PredictionUseCase.PredictionResult result;
        try {
            result = predictions.predict(caller, request.getModel(), instances);
        } catch (AnalyticsException e) {
            if (at.isEmpty() || e.pointer().isEmpty()) {
                throw e;
            }
            throw new AnalyticsException(e.code(), e.detail(), e.parameter().orElse(null), at + e.pointer().get(), e);
        }
        PredictResponse.Builder response = PredictResponse.newBuilder().setModelId(result.modelId().toString())
                .setModelName(result.modelName()).setModelVersion(result.version());
        for (Map<String, Object> outputs : result.predictions()) {
            Prediction.Builder prediction = Prediction.newBuilder();
            outputs.forEach((name, value) -> prediction.putOutputs(name, value(value)));
            response.addPredictions(prediction);
        }
        return response.build();
    }

    /** A feature's value as the domain's JSON value: what the REST API's parser would have produced. */
    static Object json(Value value) {
        return switch (value.getKindCase()) {
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case NULL_VALUE, KIND_NOT_SET -> Json.NULL;
            case STRUCT_VALUE -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.getStructValue().getFieldsMap().forEach((k, v) -> map.put(k, json(v)));
                yield map;
            }
            case LIST_VALUE -> value.getListValue().getValuesList().stream().map(PredictionsGrpcService::json).toList();
        };
    }

    /** An output's value (a number, a string, an object of label to value...) as a protobuf Value. */
    static Value value(Object value) {
        if (value == null || value == Json.NULL) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (value instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        if (value instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (value instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((k, v) -> struct.putFields(String.valueOf(k), value(v)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(v -> values.addValues(value(v)));
            return Value.newBuilder().setListValue(values).build();
        }
        throw new AnalyticsException(ErrorCode.PREDICTION_FAILED, "the model answered a value of type "
                + value.getClass().getName() + ", which has no protobuf form");
    }

    /** What a refused stream still receives from its client: dropped. */
    private static final class Ignored implements StreamObserver<PredictRequest> {
        @Override
        public void onNext(PredictRequest value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
