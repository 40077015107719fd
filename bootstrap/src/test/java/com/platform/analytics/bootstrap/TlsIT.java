package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API and gRPC over TLS, through the executable: {@code tls.cert_file} and {@code tls.key_file} (here from
 * the environment) make both listeners TLS only, with that certificate; the management listener stays plain.
 */
class TlsIT {
    @TempDir
    Path dir;

    @Test
    void theApiAndGrpcAreServedOverTlsOnlyWithTheConfiguredCertificate() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
        Map<String, String> env = Map.of("ANALYTICS_TLS_CERT_FILE", certificate.certFile().toString(),
                "ANALYTICS_TLS_KEY_FILE", certificate.keyFile().toString());

        try (ServiceProcess service = ServiceProcess.start(dir.resolve("data"), env)) {
            String base = service.baseUrl();
            assertThat(base).startsWith("https://127.0.0.1:");
            HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(10)).build();

            HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();
            HttpResponse<String> answer = trusting.send(health, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate.certificate());
            // a client that does not trust the certificate refuses the server; plain HTTP on the port gets no answer
            assertThat(catchThrowable(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString())))
                    .isInstanceOf(IOException.class);
            HttpRequest plain = HttpRequest.newBuilder(URI.create(base.replace("https://", "http://") + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThat(catchThrowable(() -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString())))
                    .isInstanceOf(IOException.class);

            ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(certificate.certFile().toFile()).build();
            assertThat(grpcHealth(service.grpcPort(), tls)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            StatusRuntimeException plaintext = catchThrowableOfType(StatusRuntimeException.class,
                    () -> grpcHealth(service.grpcPort(), InsecureChannelCredentials.create()));
            assertThat(plaintext.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/health/live"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("management stays plain").isEqualTo(200);
            assertThat(String.join("\n", service.output())).contains("(TLS)");
        }
    }

    private static HealthCheckResponse.ServingStatus grpcHealth(int port, ChannelCredentials credentials) throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
