package com.platform.analytics.port.out;

import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelSignature;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Runs ONNX models (ONNX Runtime in its adapter). */
public interface ModelRuntime {
    /**
     * The artifact's own signature: its inputs (name, element type, width; columns named {@code <input>_<i>}) and
     * outputs (a {@code [batch, k]} output's labels named {@code 0..k-1}).
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code INVALID_REQUEST_BODY} when the bytes are
     *     not a model this runtime can load, or it has inputs it cannot serve (an unknown rank or type)
     */
    ModelSignature inspect(byte[] artifact);

    /**
     * Scores a batch with the version {@code versionId}, loading its artifact once (sessions are cached by id; a
     * version's artifact never changes) and keeping it while requests use it.
     *
     * @return per row, each output of the signature by name: a Double/Long/String, or for an output with labels a map
     *     label → value
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code PREDICTION_FAILED} when the model fails
     */
    List<Map<String, Object>> predict(UUID versionId, Supplier<byte[]> artifact, ModelSignature signature,
            List<InputBatch> inputs);

    /** Closes the version's session once no request uses it (an archived version). */
    void evict(UUID versionId);
}
