/**
 * Trains the built-in churn classifier in the JVM with Tribuo and exports it as ONNX: the {@code ClassifierTrainer}
 * port.
 *
 * <p>{@link com.platform.analytics.adapter.tribuo.TribuoClassifierTrainer} fits a logistic regression (Tribuo's
 * {@code LinearSGDTrainer}, log loss over the two classes {@code retained} and {@code churned}, AdaGrad) on standardized
 * features ({@link com.platform.analytics.adapter.tribuo.FeatureStandardization}); the exported ONNX graph standardizes
 * its input itself, so it takes the raw features, as the service's requests carry them.
 *
 * <p>Tribuo lives here and nowhere else: no {@code org.tribuo} or {@code ai.onnx.proto} type appears in a public
 * signature.
 */
package com.platform.analytics.adapter.tribuo;
