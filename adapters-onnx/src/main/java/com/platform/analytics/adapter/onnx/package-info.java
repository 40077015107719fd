/**
 * Serves ONNX models with ONNX Runtime: the {@code ModelRuntime} port.
 *
 * <p>{@link com.platform.analytics.adapter.onnx.OnnxModelRuntime} reads a model's own signature when it is registered
 * ({@link com.platform.analytics.adapter.onnx.ServedGraph}: float, double, int64 and string tensors of shape
 * {@code [batch]} or {@code [batch, k]}), and scores batches with one session per model version, kept while requests
 * use it ({@link com.platform.analytics.adapter.onnx.LoadedVersion}) so that a promotion or an archive never closes a
 * session under a running request.
 *
 * <p>ONNX Runtime lives here and nowhere else: no {@code ai.onnxruntime} type appears in a public signature, and its
 * {@code OrtException} leaves as an {@code AnalyticsException}.
 */
package com.platform.analytics.adapter.onnx;
