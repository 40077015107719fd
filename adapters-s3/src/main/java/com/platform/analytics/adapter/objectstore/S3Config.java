package com.platform.analytics.adapter.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how {@link S3ObjectStore} reaches its bucket.
 *
 * <p>The access key and secret are passed in by the caller, which reads them from the environment or a file;
 * they never come from code or configuration files, and {@link #toString()} leaves the secret out so that
 * logging a configuration cannot leak it.
 *
 * @param endpoint the service endpoint for S3-compatible servers (MinIO, Yandex Object Storage
 *     {@code https://storage.yandexcloud.net}, s3proxy); empty for AWS, whose endpoint follows from the region
 * @param region the signing region ({@code us-east-1}, {@code ru-central1}, ...)
 * @param bucket the bucket; it must exist (buckets are provisioned with their policies, not by the service)
 * @param keyPrefix prepended to every key, so that several deployments can share a bucket; empty or ending
 *     with {@code /}
 * @param addressing how the bucket appears in a request URL
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param multipartThreshold objects larger than this many bytes are uploaded in parts
 * @param partSize the size of each part but the last; S3 refuses parts under 5 MiB
 * @param maxAttempts attempts per request, the first included, with exponential backoff and jitter between them
 * @param uploadConcurrency how many objects {@link S3ObjectStore#putAll} uploads at once
 * @param connectTimeout how long to wait for a connection to the endpoint
 * @param attemptTimeout how long one attempt of one request may take (a part upload included)
 */
public record S3Config(
        Optional<URI> endpoint,
        String region,
        String bucket,
        String keyPrefix,
        Addressing addressing,
        String accessKeyId,
        String secretAccessKey,
        long multipartThreshold,
        long partSize,
        int maxAttempts,
        int uploadConcurrency,
        Duration connectTimeout,
        Duration attemptTimeout) {

    /** The smallest part S3 accepts (all but the last part of an upload). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(2);

    /** How the bucket appears in a request URL. */
    public enum Addressing {
        /** {@code https://bucket.host/key}: what AWS requires for new buckets and Yandex Object Storage accepts. */
        VIRTUAL_HOST,
        /** {@code https://host/bucket/key}: what MinIO and s3proxy expect unless given a domain of their own. */
        PATH_STYLE
    }

    public S3Config {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(addressing, "addressing is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(attemptTimeout, "attemptTimeout is null");
        endpoint.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("S3 endpoint must be an http(s) URL with a host: " + uri);
            }
        });
        if (region.isBlank()) {
            throw new IllegalArgumentException("S3 region is empty");
        }
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket is empty");
        }
        if (!keyPrefix.isEmpty() && (!keyPrefix.endsWith("/") || keyPrefix.startsWith("/"))) {
            throw new IllegalArgumentException("S3 key prefix must be empty or end with '/' and not start with it: '"
                    + keyPrefix + "'");
        }
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("S3 access key id and secret access key must both be given");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be at least 5 MiB (" + MIN_PART_SIZE
                    + " bytes): " + partSize);
        }
        if (multipartThreshold < 1) {
            throw new IllegalArgumentException("S3 multipart threshold must be positive: " + multipartThreshold);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("S3 max attempts must be at least 1: " + maxAttempts);
        }
        if (uploadConcurrency < 1) {
            throw new IllegalArgumentException("S3 upload concurrency must be at least 1: " + uploadConcurrency);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || attemptTimeout.isNegative()
                || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("S3 timeouts must be positive");
        }
    }

    /** A configuration for AWS itself (no custom endpoint, virtual-host addressing) with every default. */
    public static S3Config of(String region, String bucket, String accessKeyId, String secretAccessKey) {
        return new S3Config(Optional.empty(), region, bucket, "", Addressing.VIRTUAL_HOST, accessKeyId,
                secretAccessKey, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_UPLOAD_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT, DEFAULT_ATTEMPT_TIMEOUT);
    }

    public S3Config withEndpoint(URI uri) {
        return new S3Config(Optional.of(uri), region, bucket, keyPrefix, addressing, accessKeyId, secretAccessKey,
                multipartThreshold, partSize, maxAttempts, uploadConcurrency, connectTimeout, attemptTimeout);
    }

    public S3Config withAddressing(Addressing newAddressing) {
        return new S3Config(endpoint, region, bucket, keyPrefix, newAddressing, accessKeyId, secretAccessKey,
                multipartThreshold, partSize, maxAttempts, uploadConcurrency, connectTimeout, attemptTimeout);
    }

    public S3Config withKeyPrefix(String prefix) {
        return new S3Config(endpoint, region, bucket, prefix, addressing, accessKeyId, secretAccessKey,
                multipartThreshold, partSize, maxAttempts, uploadConcurrency, connectTimeout, attemptTimeout);
    }

    public S3Config withMultipart(long threshold, long size) {
        return new S3Config(endpoint, region, bucket, keyPrefix, addressing, accessKeyId, secretAccessKey,
                threshold, size, maxAttempts, uploadConcurrency, connectTimeout, attemptTimeout);
    }

    public S3Config withMaxAttempts(int attempts) {
        return new S3Config(endpoint, region, bucket, keyPrefix, addressing, accessKeyId, secretAccessKey,
                multipartThreshold, partSize, attempts, uploadConcurrency, connectTimeout, attemptTimeout);
    }

    public S3Config withUploadConcurrency(int concurrency) {
        return new S3Config(endpoint, region, bucket, keyPrefix, addressing, accessKeyId, secretAccessKey,
                multipartThreshold, partSize, maxAttempts, concurrency, connectTimeout, attemptTimeout);
    }

    public S3Config withTimeouts(Duration connect, Duration attempt) {
        return new S3Config(endpoint, region, bucket, keyPrefix, addressing, accessKeyId, secretAccessKey,
                multipartThreshold, partSize, maxAttempts, uploadConcurrency, connect, attempt);
    }

    /** The endpoint, or AWS's regional one: for messages that say which server refused. */
    String endpointDescription() {
        return endpoint.map(URI::toString).orElse("AWS S3 in " + region);
    }

    /** Everything but the secret, which must never reach a log. */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", region=" + region
                + ", bucket=" + bucket + ", keyPrefix=" + keyPrefix + ", addressing=" + addressing
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=***, multipartThreshold=" + multipartThreshold
                + ", partSize=" + partSize + ", maxAttempts=" + maxAttempts + ", uploadConcurrency="
                + uploadConcurrency + ", connectTimeout=" + connectTimeout + ", attemptTimeout=" + attemptTimeout
                + "]";
    }
}
