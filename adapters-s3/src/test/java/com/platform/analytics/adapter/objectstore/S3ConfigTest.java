package com.platform.analytics.adapter.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
    @Test
    void defaultsAreThoseOfAws() {
        S3Config config = S3Config.of("eu-central-1", "lake", "AKIAEXAMPLE", "secret-value");

        assertThat(config.endpoint()).isEmpty();
        assertThat(config.addressing()).isEqualTo(S3Config.Addressing.VIRTUAL_HOST);
        assertThat(config.keyPrefix()).isEmpty();
        assertThat(config.multipartThreshold()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.partSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.uploadConcurrency()).isEqualTo(8);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.attemptTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void everySettingCanBeChanged() {
        S3Config config = S3Config.of("ru-central1", "lake", "id", "secret")
                .withEndpoint(URI.create("https://storage.yandexcloud.net"))
                .withAddressing(S3Config.Addressing.PATH_STYLE)
                .withKeyPrefix("analytics/")
                .withMultipart(64L * 1024 * 1024, 32L * 1024 * 1024)
                .withMaxAttempts(2)
                .withUploadConcurrency(3)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(config).isEqualTo(new S3Config(java.util.Optional.of(URI.create("https://storage.yandexcloud.net")),
                "ru-central1", "lake", "analytics/", S3Config.Addressing.PATH_STYLE, "id", "secret",
                64L * 1024 * 1024, 32L * 1024 * 1024, 2, 3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Test
    void theSecretNeverAppearsInItsText() {
        S3Config config = S3Config.of("us-east-1", "lake", "AKIAEXAMPLE", "wJalrXUtnFEMI-secret");

        assertThat(config.toString()).contains("AKIAEXAMPLE", "lake").doesNotContain("wJalrXUtnFEMI-secret");
    }

    @Test
    void refusesSettingsS3WouldRefuseLater() {
        S3Config base = S3Config.of("us-east-1", "lake", "id", "secret");

        assertThatThrownBy(() -> base.withMultipart(16L * 1024 * 1024, 1024 * 1024))
                .hasMessageContaining("at least 5 MiB");
        assertThatThrownBy(() -> base.withKeyPrefix("analytics")).hasMessageContaining("end with '/'");
        assertThatThrownBy(() -> base.withEndpoint(URI.create("ftp://host"))).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> base.withMaxAttempts(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> S3Config.of("us-east-1", "lake", "id", " "))
                .hasMessageContaining("must both be given");
    }

    @Test
    void theClientFollowsTheAddressing() {
        // the virtual-host test against s3proxy proves the wire behaviour; this pins how the client is built
        try (var client = S3ObjectStore.buildClient(S3Config.of("us-east-1", "lake", "id", "secret")
                .withEndpoint(URI.create("http://127.0.0.1:9")))) {
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
            assertThat(client.serviceClientConfiguration().overrideConfiguration().retryStrategy())
                    .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(5));
        }
    }
}
