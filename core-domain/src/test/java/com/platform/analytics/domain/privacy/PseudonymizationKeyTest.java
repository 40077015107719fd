package com.platform.analytics.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymizationKeyTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void validatesKeyIdAndSecretLength() {
        assertThat(new PseudonymizationKey("k-2026_01", SECRET).keyId()).isEqualTo("k-2026_01");
        assertThatThrownBy(() -> new PseudonymizationKey("", SECRET)).hasMessageContaining("keyId");
        assertThatThrownBy(() -> new PseudonymizationKey("k.1", SECRET)).hasMessageContaining("keyId");
        assertThatThrownBy(() -> new PseudonymizationKey("k".repeat(33), SECRET)).hasMessageContaining("keyId");
        assertThatThrownBy(() -> new PseudonymizationKey("k1", new byte[31])).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new PseudonymizationKey(null, SECRET)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keepsItsOwnCopyAndNeverPrintsTheSecret() {
        byte[] secret = SECRET.clone();
        PseudonymizationKey key = new PseudonymizationKey("k1", secret);
        secret[0] = 'X';
        assertThat(key.secret()[0]).isEqualTo((byte) '0');
        key.secret()[1] = 'X';
        assertThat(key.secret()[1]).isEqualTo((byte) '1');
        assertThat(key.toString()).contains("k1").doesNotContain("0123456789");
        assertThat(key).isEqualTo(new PseudonymizationKey("k1", SECRET)).hasSameHashCodeAs(new PseudonymizationKey("k1", SECRET));
        assertThat(key).isNotEqualTo(new PseudonymizationKey("k2", SECRET));
    }
}
