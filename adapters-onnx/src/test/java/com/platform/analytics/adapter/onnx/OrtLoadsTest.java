package com.platform.analytics.adapter.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

class OrtLoadsTest {
    @Test
    void theNativeLibraryLoadsOnThisMachine() {
        assertThat(OrtEnvironment.getEnvironment()).isNotNull();
        assertThat(OrtEnvironment.getAvailableProviders()).isNotEmpty();
    }
}
