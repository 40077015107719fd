package com.platform.analytics.adapter.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.ml.InputBatch;
import com.platform.analytics.domain.ml.ModelOutput;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.TensorType;
import com.platform.analytics.port.out.ModelRuntime;
import jakarta.inject.Inject;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@link ModelRuntime} port with ONNX Runtime: one session per model version, loaded by the first request that
 * needs it and shared by all (ONNX Runtime runs one session from many threads at once). A version's session is counted
 * while requests use it; {@link #evict} closes it only when the last of them is done, so swapping the production
 * version of a model never fails a request in flight. {@link #close} closes every session the same way.
 */
public final class OnnxModelRuntime implements ModelRuntime, AutoCloseable {
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final int intraOpThreads;
    private final Map<UUID, LoadedVersion> versions = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /** One thread per prediction: requests run side by side, each on its caller's thread. */
    @Inject
    public OnnxModelRuntime() {
        this(1);
    }

    /**
     * @param intraOpThreads the threads one prediction may use inside ONNX Runtime (its intra-op pool per session);
     *     1 keeps a busy service from oversubscribing the cores, more speeds up large batches on an idle one
     */
    public OnnxModelRuntime(int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, not " + intraOpThreads);
        }
        this.intraOpThreads = intraOpThreads;
    }

    @Override
    public ModelSignature inspect(byte[] artifact) {
        if (artifact == null || artifact.length == 0) {
            throw AnalyticsException.invalidBody("/artifact", "the artifact is empty; an ONNX model is expected");
        }
        try (OrtSession session = open(artifact)) {
            return ServedGraph.of(session).signature();
        } catch (OrtException e) {
            throw AnalyticsException.invalidBody("/artifact", "ONNX Runtime cannot load the artifact: " + e.getMessage());
        } catch (ServedGraph.UnservableModel e) {
            throw AnalyticsException.invalidBody("/artifact", e.getMessage());
        }
    }

    @Override
    public List<Map<String, Object>> predict(UUID versionId, Supplier<byte[]> artifact, ModelSignature signature,
            List<InputBatch> inputs) {
        requireNonNull(versionId, "versionId is null");
        requireNonNull(artifact, "artifact is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(inputs, "inputs is null");
        LoadedVersion version = acquire(versionId);
        try {
            LoadedVersion.Session session = version.session(() -> load(artifact));
            return run(versionId, session, signature, inputs);
        } catch (OrtException e) {
            throw failed(versionId, e.getMessage(), e);
        } catch (ServedGraph.UnservableModel e) {
            throw failed(versionId, e.getMessage(), e);
        } finally {
            release(version);
        }
    }

    @Override
    public void evict(UUID versionId) {
        requireNonNull(versionId, "versionId is null");
        LoadedVersion version;
        synchronized (this) {
            version = versions.remove(versionId);
            if (version == null) {
                return;
            }
            version.evicted = true;
            if (version.users > 0) {
                return; // its last request closes it (release)
            }
        }
        version.close();
    }

    /** Closes every session now, or, for one in use, when its last request is done; later predictions fail. */
    @Override
    public void close() {
        List<LoadedVersion> unused = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (LoadedVersion version : versions.values()) {
                version.evicted = true;
                if (version.users == 0) {
                    unused.add(version);
                }
            }
            versions.clear();
        }
        unused.forEach(LoadedVersion::close);
    }

    private synchronized LoadedVersion acquire(UUID versionId) {
        if (closed) {
            throw failed(versionId, "the model runtime is shut down", null);
        }
        LoadedVersion version = versions.computeIfAbsent(versionId, LoadedVersion::new);
        version.users++;
        return version;
    }

    private void release(LoadedVersion version) {
        boolean last;
        synchronized (this) {
            version.users--;
            last = version.evicted && version.users == 0;
        }
        if (last) {
            version.close();
        }
    }

    private LoadedVersion.Session load(Supplier<byte[]> artifact) throws OrtException {
        byte[] bytes = requireNonNull(artifact.get(), "the artifact supplier gave null");
        OrtSession session = open(bytes);
        try {
            return new LoadedVersion.Session(session, ServedGraph.of(session));
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private OrtSession open(byte[] bytes) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            return environment.createSession(bytes, options);
        }
    }

    private List<Map<String, Object>> run(UUID versionId, LoadedVersion.Session session, ModelSignature signature,
            List<InputBatch> inputs) throws OrtException {
        ServedGraph graph = session.graph();
        if (inputs.isEmpty()) {
            throw failed(versionId, "no input to score", null);
        }
        int rows = inputs.get(0).rows();
        Set<String> wanted = new LinkedHashSet<>();
        for (ModelOutput output : signature.outputs()) {
            ServedGraph.Tensor tensor = graph.outputs().get(output.name());
            if (tensor == null) {
                throw failed(versionId, "the model has no output '" + output.name() + "'; its outputs: "
                        + String.join(", ", graph.outputs().keySet()), null);
            }
            wanted.add(output.name());
        }
        if (wanted.isEmpty()) {
            throw failed(versionId, "the signature names no output to return", null);
        }
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (InputBatch batch : inputs) {
                ServedGraph.Tensor tensor = graph.inputs().get(batch.inputName());
                if (tensor == null) {
                    throw failed(versionId, "the model has no input '" + batch.inputName() + "'; its inputs: "
                            + String.join(", ", graph.inputs().keySet()), null);
                }
                if (batch.rows() != rows) {
                    throw failed(versionId, "input '" + batch.inputName() + "' has " + batch.rows() + " rows, input '"
                            + inputs.get(0).inputName() + "' " + rows, null);
                }
                if (tensors.containsKey(batch.inputName())) {
                    throw failed(versionId, "input '" + batch.inputName() + "' is given twice", null);
                }
                tensors.put(batch.inputName(), tensor(versionId, batch, tensor));
            }
            for (String name : graph.inputs().keySet()) {
                if (!tensors.containsKey(name)) {
                    throw failed(versionId, "no values for the model's input '" + name + "'", null);
                }
            }
            try (OrtSession.Result result = session.session().run(tensors, wanted)) {
                List<Map<String, Object>> answers = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    answers.add(new LinkedHashMap<>());
                }
                for (ModelOutput output : signature.outputs()) {
                    OnnxValue value = result.get(output.name()).orElseThrow(() -> failed(versionId,
                            "ONNX Runtime returned no output '" + output.name() + "'", null));
                    read(versionId, output, (OnnxTensor) value, answers);
                }
                return answers;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(UUID versionId, InputBatch batch, ServedGraph.Tensor tensor) throws OrtException {
        if (tensor.rank() == 1 && batch.width() != 1) {
            throw failed(versionId, "input '" + batch.inputName() + "' is a [batch] tensor; got " + batch.width()
                    + " values per row", null);
        }
        long[] shape = tensor.rank() == 1 ? new long[] {batch.rows()} : new long[] {batch.rows(), batch.width()};
        if (tensor.type() == TensorType.STRING) {
            if (batch.strings() == null) {
                throw failed(versionId, "input '" + batch.inputName() + "' takes strings, not numbers", null);
            }
            return OnnxTensor.createTensor(environment, batch.strings(), shape);
        }
        double[] numbers = batch.numbers();
        if (numbers == null) {
            throw failed(versionId, "input '" + batch.inputName() + "' takes " + tensor.type().wireName()
                    + " numbers, not strings", null);
        }
        return switch (tensor.type()) {
            case FLOAT -> {
                float[] values = new float[numbers.length];
                for (int i = 0; i < numbers.length; i++) {
                    values[i] = (float) numbers[i];
                }
                yield OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
            }
            case DOUBLE -> OnnxTensor.createTensor(environment, DoubleBuffer.wrap(numbers), shape);
            case INT64 -> {
                long[] values = new long[numbers.length];
                for (int i = 0; i < numbers.length; i++) {
                    values[i] = (long) numbers[i];
                }
                yield OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
            }
            case STRING -> throw new IllegalStateException("strings are handled above");
        };
    }

    /** Puts one output's values into every row's answer: a map label → value for a labelled output, else a scalar. */
    private void read(UUID versionId, ModelOutput output, OnnxTensor value, List<Map<String, Object>> answers)
            throws OrtException {
        long[] shape = value.getInfo().getShape();
        int rows = answers.size();
        int columns = shape.length == 2 ? (int) shape[1] : 1;
        boolean fits = shape.length >= 1 && shape.length <= 2 && shape[0] == rows
                && (output.labels().isEmpty() ? columns == 1 : shape.length == 2 && columns == output.labels().size());
        if (!fits) {
            throw failed(versionId, "output '" + output.name() + "' has shape " + java.util.Arrays.toString(shape)
                    + " for " + rows + " rows; the signature expects "
                    + (output.labels().isEmpty() ? "[" + rows + "]" : "[" + rows + ", " + output.labels().size() + "]"),
                    null);
        }
        Object[] values = values(versionId, output, value, rows * columns);
        for (int r = 0; r < rows; r++) {
            if (output.labels().isEmpty()) {
                answers.get(r).put(output.name(), values[r]);
            } else {
                Map<String, Object> byLabel = new LinkedHashMap<>();
                for (int c = 0; c < columns; c++) {
                    byLabel.put(output.labels().get(c), values[r * columns + c]);
                }
                answers.get(r).put(output.name(), byLabel);
            }
        }
    }

    /** The tensor's elements, row-major: Double for float and double, Long for int64, String for string. */
    private Object[] values(UUID versionId, ModelOutput output, OnnxTensor value, int count) throws OrtException {
        Object[] values = new Object[count];
        switch (value.getInfo().onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                FloatBuffer buffer = value.getFloatBuffer();
                for (int i = 0; i < count; i++) {
                    values[i] = (double) buffer.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> {
                DoubleBuffer buffer = value.getDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> {
                LongBuffer buffer = value.getLongBuffer();
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get(i);
                }
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> {
                Object strings = value.getValue();
                if (strings instanceof String[] flat) {
                    System.arraycopy(flat, 0, values, 0, count);
                } else {
                    String[][] matrix = (String[][]) strings;
                    int i = 0;
                    for (String[] row : matrix) {
                        for (String s : row) {
                            values[i++] = s;
                        }
                    }
                }
            }
            default -> throw failed(versionId, "output '" + output.name() + "' holds " + value.getInfo().onnxType
                    + " elements, which are not served", null);
        }
        return values;
    }

    private static AnalyticsException failed(UUID versionId, String detail, Throwable cause) {
        return new AnalyticsException(ErrorCode.PREDICTION_FAILED, "model version " + versionId + ": " + detail, null,
                null, cause);
    }
}
