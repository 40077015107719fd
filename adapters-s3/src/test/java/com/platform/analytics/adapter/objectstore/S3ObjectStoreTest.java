package com.platform.analytics.adapter.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.ObjectStore;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link S3ObjectStore} against a real S3-compatible server (s3proxy, started once for the class): the contract
 * with path-style and with virtual-host addressing, multipart uploads, and the errors a misconfigured
 * deployment meets.
 */
class S3ObjectStoreTest {
    /** Small parts so that {@link BaseObjectStoreTest#LARGE_OBJECT_SIZE} takes three of them. */
    static final long THRESHOLD = 8L * 1024 * 1024;
    static final long PART_SIZE = S3Config.MIN_PART_SIZE;

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static TestingS3Proxy server;
    private static TestingS3Proxy virtualHostServer;
    /** Creates buckets and looks at what the stores left, on the path-style server. */
    private static S3Client admin;

    @BeforeAll
    static void startServers() throws Exception {
        server = TestingS3Proxy.startPathStyle();
        virtualHostServer = TestingS3Proxy.startVirtualHost();
        admin = S3ObjectStore.buildClient(server.pathStyleConfig("unused"));
        try (S3Client virtualHostAdmin = S3ObjectStore.buildClient(virtualHostServer.virtualHostConfig("lake-vh"))) {
            virtualHostAdmin.createBucket(b -> b.bucket("lake-vh"));
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        try (TestingS3Proxy first = server; TestingS3Proxy second = virtualHostServer; S3Client client = admin) {
            // closed in reverse order, each even if another fails
        }
    }

    static String newBucket() {
        String bucket = "lake-" + BUCKETS.incrementAndGet();
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    @Nested
    class PathStyle extends BaseObjectStoreTest {
        String bucket;

        @Override
        protected ObjectStore newStore() {
            bucket = newBucket();
            return new S3ObjectStore(server.pathStyleConfig(bucket).withMultipart(THRESHOLD, PART_SIZE));
        }

        @Test
        void anObjectOverTheThresholdIsUploadedInParts() {
            store.put("models/large/weights.bin", randomBytes(LARGE_OBJECT_SIZE, 5));
            store.put("models/small/weights.bin", randomBytes((int) THRESHOLD, 6));

            // S3's ETag of a multipart object is "<md5 of the parts' md5s>-<number of parts>"
            assertThat(admin.headObject(b -> b.bucket(bucket).key("models/large/weights.bin")).eTag())
                    .endsWith("-3\"");
            assertThat(admin.headObject(b -> b.bucket(bucket).key("models/small/weights.bin")).eTag())
                    .doesNotContain("-");
        }

        @Test
        void aStreamOverTheThresholdIsUploadedPartByPart() throws Exception {
            byte[] content = randomBytes(LARGE_OBJECT_SIZE, 8);
            store.put("reports/report_instance_id=r-3/huge.csv", new java.io.ByteArrayInputStream(content), content.length);

            assertThat(admin.headObject(b -> b.bucket(bucket).key("reports/report_instance_id=r-3/huge.csv")).eTag())
                    .endsWith("-3\"");
            try (java.io.InputStream in = store.open("reports/report_instance_id=r-3/huge.csv").orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }

        @Test
        void aMultipartUploadThatFailsLeavesNoObjectAndNoParts() {
            PartFailingS3Client failing = new PartFailingS3Client(
                    S3ObjectStore.buildClient(server.pathStyleConfig(bucket)), 2);
            try (S3ObjectStore broken = new S3ObjectStore(
                    server.pathStyleConfig(bucket).withMultipart(THRESHOLD, PART_SIZE), failing)) {
                assertThatThrownBy(() -> broken.put("models/large/weights.bin", randomBytes(LARGE_OBJECT_SIZE, 5)))
                        .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                            assertThat(e.detail()).contains("put of models/large/weights.bin", bucket,
                                    "connection reset while uploading part 2");
                        });
                assertThat(failing.abortedUploads()).isEqualTo(1);
            }
            assertThat(store.get("models/large/weights.bin")).isEmpty();
            assertThat(store.list("")).isEmpty();
            assertThat(admin.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }

        @Test
        void putAllUploadsConcurrentlyAndReportsAFailureAfterAllFinished() {
            Map<String, byte[]> objects = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                objects.put("reports/r-" + i + "/result.json", bytes("report " + i));
            }
            try (S3ObjectStore missingBucket = new S3ObjectStore(server.pathStyleConfig("no-such-bucket"))) {
                assertThatThrownBy(() -> missingBucket.putAll(objects))
                        .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                            assertThat(e.detail()).contains("the bucket no-such-bucket does not exist", "NoSuchBucket");
                            assertThat(e.getSuppressed()).hasSize(11);
                        });
            }
        }
    }

    @Nested
    class VirtualHost extends BaseObjectStoreTest {
        /** One bucket for all tests (its host name is in the test hosts file), a key prefix for each test. */
        @Override
        protected ObjectStore newStore() {
            return new S3ObjectStore(virtualHostServer.virtualHostConfig("lake-vh")
                    .withKeyPrefix("run-" + BUCKETS.incrementAndGet() + "/")
                    .withMultipart(THRESHOLD, PART_SIZE));
        }

        @Test
        void theKeyPrefixIsPrependedInTheBucketAndHiddenFromTheCaller() {
            S3ObjectStore s3 = (S3ObjectStore) store;
            store.put(LAKE_KEY, bytes("x"));

            assertThat(store.list("events/")).containsExactly(LAKE_KEY);
            try (S3ObjectStore wholeBucket = new S3ObjectStore(virtualHostServer.virtualHostConfig("lake-vh"))) {
                assertThat(wholeBucket.list(s3.config().keyPrefix())).containsExactly(s3.config().keyPrefix() + LAKE_KEY);
            }
        }

        @Test
        void pathStyleRequestsCouldNotReachTheServerUnderThisEndpoint() {
            // proves the contract above ran with virtual-host addressing: the bare endpoint host does not resolve
            try (S3ObjectStore pathStyle = new S3ObjectStore(virtualHostServer.virtualHostConfig("lake-vh")
                    .withAddressing(S3Config.Addressing.PATH_STYLE).withMaxAttempts(1))) {
                assertThatThrownBy(() -> pathStyle.get("anything"))
                        .isInstanceOf(AnalyticsException.class)
                        .hasMessageContaining("could not be reached")
                        .hasMessageContaining(TestingS3Proxy.VIRTUAL_HOST);
            }
        }
    }

    @Test
    void aWrongSecretIsNamedAndNotShown() {
        String bucket = newBucket();
        S3Config right = server.pathStyleConfig(bucket);
        S3Config wrong = new S3Config(right.endpoint(), right.region(), right.bucket(), "", right.addressing(),
                right.accessKeyId(), "not-the-secret", right.multipartThreshold(), right.partSize(), 1,
                right.uploadConcurrency(), right.connectTimeout(), right.attemptTimeout());
        try (S3ObjectStore store = new S3ObjectStore(wrong)) {
            for (Runnable call : new Runnable[] {() -> store.put("a/b", bytes("x")), () -> store.get("a/b"),
                    () -> store.list("a/")}) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                    assertThat(e.detail())
                            .contains("the secret access key does not match the access key id analytics-test")
                            .contains("SignatureDoesNotMatch", "HTTP 403", bucket)
                            .doesNotContain("not-the-secret");
                });
            }
        }
    }

    @Test
    void anUnknownAccessKeyIsNamed() {
        S3Config right = server.pathStyleConfig(newBucket());
        S3Config wrong = new S3Config(right.endpoint(), right.region(), right.bucket(), "", right.addressing(),
                "somebody-else", right.secretAccessKey(), right.multipartThreshold(), right.partSize(), 1,
                right.uploadConcurrency(), right.connectTimeout(), right.attemptTimeout());
        try (S3ObjectStore store = new S3ObjectStore(wrong)) {
            assertThatThrownBy(() -> store.get("a/b"))
                    .isInstanceOf(AnalyticsException.class)
                    .hasMessageContaining("the access key id somebody-else is not known to the server")
                    .hasMessageContaining("InvalidAccessKeyId");
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAMissingObject() {
        try (S3ObjectStore store = new S3ObjectStore(server.pathStyleConfig("no-such-bucket"))) {
            assertThatThrownBy(() -> store.get("a/b"))
                    .isInstanceOf(AnalyticsException.class)
                    .hasMessageContaining("the bucket no-such-bucket does not exist");
        }
    }

    @Test
    void anUnreachableServerIsRetriedThenReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }
        S3Config config = server.pathStyleConfig("lake-vh")
                .withEndpoint(URI.create("http://127.0.0.1:" + closedPort))
                .withMaxAttempts(3);
        try (S3ObjectStore store = new S3ObjectStore(config)) {
            assertThatThrownBy(() -> store.get("a/b"))
                    .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.detail()).contains("could not be reached", "127.0.0.1:" + closedPort);
                        // the SDK made three attempts: the cause carries the two earlier failures
                        assertThat(e.getCause().getSuppressed()).hasSize(2);
                    });
        }
    }

    static byte[] bytes(String s) {
        return BaseObjectStoreTest.bytes(s);
    }
}
