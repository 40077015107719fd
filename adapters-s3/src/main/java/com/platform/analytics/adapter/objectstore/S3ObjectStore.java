package com.platform.analytics.adapter.objectstore;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.out.ObjectStore;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Objects in an S3 bucket (AWS, or an S3-compatible server: MinIO, Yandex Object Storage, s3proxy): the raw
 * lake, dead letters, reports and model artifacts of the cluster profile, under the same keys the local
 * directory store uses.
 *
 * <p>An object is never partly visible: S3 shows a single PUT only once all of it arrived, and a multipart
 * upload only once it is completed; a failed multipart upload is aborted so that its parts do not linger
 * (invisible, but billed). Each request is retried by the SDK's standard strategy (exponential backoff with
 * jitter, throttling told apart) up to {@link S3Config#maxAttempts()} attempts; what still fails becomes an
 * {@link AnalyticsException} with {@link ErrorCode#STORAGE_UNAVAILABLE} that names the operation, the key and
 * the server's reason. No SDK type leaves this class.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private static final AtomicInteger STORES = new AtomicInteger();

    private final S3Config config;
    private final S3Client client;
    /** Uploads the objects of one putAll concurrently; bounded so a large batch cannot exhaust connections. */
    private final ExecutorService uploads;

    @Inject
    public S3ObjectStore(S3Config config) {
        this(config, buildClient(config));
    }

    /** With a client built elsewhere: tests wrap the real client to make a chosen request fail. */
    S3ObjectStore(S3Config config, S3Client client) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        int store = STORES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.uploads = Executors.newFixedThreadPool(config.uploadConcurrency(), r -> {
            Thread t = new Thread(r, "s3-upload-" + store + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static S3Client buildClient(S3Config config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())))
                .forcePathStyle(config.addressing() == S3Config.Addressing.PATH_STYLE)
                // Since 2.30 the SDK adds CRC checksums (aws-chunked trailers) to every upload, which several
                // S3-compatible servers reject; integrity is kept by Content-MD5 on every upload instead, which
                // all of them verify.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        // putAll's uploads plus the puts, gets and lists other threads make meanwhile
                        .maxConnections(Math.max(50, 2 * config.uploadConcurrency())))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts())
                                .build())
                        .apiCallAttemptTimeout(config.attemptTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public S3Config config() {
        return config;
    }

    @Override
    public void put(String key, byte[] content) {
        requireNonNull(content, "content is null");
        String objectKey = objectKey(key);
        try {
            if (content.length > config.multipartThreshold()) {
                putInParts(objectKey, content);
            } else {
                client.putObject(PutObjectRequest.builder()
                                .bucket(config.bucket())
                                .key(objectKey)
                                .contentLength((long) content.length)
                                .contentMD5(md5(content, 0, content.length))
                                .build(),
                        body(content, 0, content.length));
            }
        } catch (SdkException e) {
            throw failure("put of " + objectKey, e);
        }
    }

    /**
     * Streams the content: up to the multipart threshold as one object, beyond it part by part, so memory holds one
     * part at most (a report of millions of rows). The upload is aborted on any failure, a short stream included.
     */
    @Override
    public void put(String key, java.io.InputStream content, long length) {
        requireNonNull(content, "content is null");
        if (length <= config.multipartThreshold()) {
            byte[] bytes = readExactly(content, (int) length);
            put(key, bytes);
            return;
        }
        String objectKey = objectKey(key);
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(config.bucket()).key(objectKey)).uploadId();
        } catch (SdkException e) {
            throw failure("put of " + objectKey, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < length; offset += config.partSize(), partNumber++) {
                int size = (int) Math.min(config.partSize(), length - offset);
                byte[] part = readExactly(content, size);
                UploadPartResponse uploaded = client.uploadPart(UploadPartRequest.builder()
                                .bucket(config.bucket())
                                .key(objectKey)
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength((long) size)
                                .contentMD5(md5(part, 0, size))
                                .build(),
                        body(part, 0, size));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).build());
            }
            client.completeMultipartUpload(b -> b.bucket(config.bucket()).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(config.bucket()).key(objectKey).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e instanceof SdkException sdk ? failure("put of " + objectKey, sdk) : e;
        }
    }

    private static byte[] readExactly(java.io.InputStream content, int size) {
        try {
            byte[] bytes = content.readNBytes(size);
            if (bytes.length != size) {
                throw new IllegalArgumentException("the stream ended " + (size - bytes.length) + " bytes short of its announced length");
            }
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The object as the response stream: read as it arrives, never held whole. */
    @Override
    public Optional<java.io.InputStream> open(String key) {
        String objectKey = objectKey(key);
        try {
            return Optional.of(client.getObject(GetObjectRequest.builder().bucket(config.bucket()).key(objectKey).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("get of " + objectKey, e);
        }
    }

    /**
     * Uploads the parts one after another (putAll already runs several objects at once); aborts the upload on
     * any failure, so neither the object nor its parts remain.
     */
    private void putInParts(String objectKey, byte[] content) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(config.bucket()).key(objectKey)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < content.length; offset += config.partSize(), partNumber++) {
                int from = (int) offset;
                int length = (int) Math.min(config.partSize(), content.length - offset);
                UploadPartResponse uploaded = client.uploadPart(UploadPartRequest.builder()
                                .bucket(config.bucket())
                                .key(objectKey)
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength((long) length)
                                .contentMD5(md5(content, from, length))
                                .build(),
                        body(content, from, length));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).build());
            }
            client.completeMultipartUpload(b -> b.bucket(config.bucket())
                    .key(objectKey)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(config.bucket()).key(objectKey).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                // the parts stay until a bucket lifecycle rule removes them; the object itself never appeared
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    /**
     * Uploads up to {@link S3Config#uploadConcurrency()} objects at once and waits for all of them, so that no
     * upload is still running when this returns or throws; the first failure is thrown, later ones suppressed.
     */
    @Override
    public void putAll(Map<String, byte[]> objects) {
        if (objects.size() <= 1) {
            objects.forEach(this::put);
            return;
        }
        objects.keySet().forEach(S3ObjectStore::checkKey);
        List<Future<?>> pending = new ArrayList<>(objects.size());
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
            pending.add(uploads.submit(() -> put(o.getKey(), o.getValue())));
        }
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<?> f : pending) {
            try {
                if (interrupted) {
                    f.cancel(true);
                    continue;
                }
                f.get();
            } catch (InterruptedException e) {
                interrupted = true;
                f.cancel(true);
                failure = addTo(failure, new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                        "interrupted while uploading " + objects.size() + " objects to S3", null, null, e));
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r
                        ? r
                        : new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                                "upload to S3 failed: " + e.getCause(), null, null, e.getCause());
                failure = addTo(failure, cause);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException addTo(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public Optional<byte[]> get(String key) {
        String objectKey = objectKey(key);
        try {
            return Optional.of(client.getObject(
                            GetObjectRequest.builder().bucket(config.bucket()).key(objectKey).build(),
                            ResponseTransformer.toBytes())
                    .asByteArrayUnsafe());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("get of " + objectKey, e);
        }
    }

    @Override
    public void delete(String key) {
        String objectKey = objectKey(key);
        try {
            // S3 answers a delete of a missing key with success too
            client.deleteObject(DeleteObjectRequest.builder().bucket(config.bucket()).key(objectKey).build());
        } catch (SdkException e) {
            throw failure("delete of " + objectKey, e);
        }
    }

    /**
     * Pages through ListObjectsV2 and sorts the keys itself: S3 orders by UTF-8 bytes, the local store (and
     * the port) by Java string order, which differ for characters outside the Basic Multilingual Plane.
     */
    @Override
    public List<String> list(String prefix) {
        requireNonNull(prefix, "prefix is null");
        String listed = config.keyPrefix() + prefix;
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(config.bucket())
                            .prefix(listed)
                            .build())
                    .contents()) {
                String key = o.key().substring(config.keyPrefix().length());
                // "folder" markers some consoles create are not objects of this store
                if (!key.isEmpty() && !key.endsWith("/")) {
                    keys.add(key);
                }
            }
        } catch (SdkException e) {
            throw failure("list of " + (listed.isEmpty() ? "the bucket" : listed), e);
        }
        keys.sort(null);
        return keys;
    }

    /** Stops the upload threads and releases the client's connections. */
    @Override
    public void close() {
        uploads.shutdown();
        try {
            if (!uploads.awaitTermination(30, TimeUnit.SECONDS)) {
                uploads.shutdownNow();
            }
        } catch (InterruptedException e) {
            uploads.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    private String objectKey(String key) {
        return config.keyPrefix() + checkKey(key);
    }

    /**
     * The keys the local directory store accepts, so that data written by one profile can be copied to the
     * other: no empty key, no leading or trailing {@code /}, no empty, {@code .} or {@code ..} segment.
     */
    private static String checkKey(String key) {
        requireNonNull(key, "key is null");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("invalid object key: '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key has an empty, '.' or '..' segment: '" + key + "'");
            }
        }
        return key;
    }

    /** A body read straight from the caller's array, from the start again on each retry. */
    private static RequestBody body(byte[] content, int offset, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, offset, length), length,
                "application/octet-stream");
    }

    private static String md5(byte[] content, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(content, offset, length);
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** Names the operation, the server and the reason; says what to check for the usual configuration faults. */
    private AnalyticsException failure(String operation, SdkException e) {
        String where = "S3 " + operation + " in bucket " + config.bucket() + " at " + config.endpointDescription();
        String detail;
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            detail = where + " failed: " + reason(code) + " (" + code + ", HTTP " + s.statusCode() + ": "
                    + s.awsErrorDetails().errorMessage() + ")";
        } else if (e instanceof SdkClientException) {
            detail = where + " failed, the server could not be reached or did not answer: " + e.getMessage();
        } else {
            detail = where + " failed: " + e.getMessage();
        }
        return new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, detail, null, null, e);
    }

    private String reason(String code) {
        if (code == null) {
            return "the server refused the request";
        }
        return switch (code) {
            case "InvalidAccessKeyId" -> "the access key id " + config.accessKeyId() + " is not known to the server";
            case "SignatureDoesNotMatch" -> "the secret access key does not match the access key id "
                    + config.accessKeyId();
            case "AccessDenied" -> "the credentials of access key id " + config.accessKeyId()
                    + " are not allowed this operation";
            case "NoSuchBucket" -> "the bucket " + config.bucket() + " does not exist";
            case "RequestTimeTooSkewed" -> "this machine's clock differs too much from the server's";
            default -> "the server refused the request";
        };
    }
}
