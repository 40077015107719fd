/**
 * Object store adapters: two implementations of {@link com.platform.analytics.port.out.ObjectStore} with one key
 * layout, so that the embedded and the cluster profile write the same lake.
 *
 * <p>{@link com.platform.analytics.adapter.objectstore.LocalDirectoryObjectStore} keeps objects as files under a
 * directory (embedded profile). {@link com.platform.analytics.adapter.objectstore.S3ObjectStore} keeps them in an
 * S3 bucket (cluster profile: AWS, MinIO, Yandex Object Storage or any S3-compatible server, path-style or
 * virtual-host addressing), configured by {@link com.platform.analytics.adapter.objectstore.S3Config}. The AWS SDK
 * stays inside this package: S3 failures leave it as
 * {@link com.platform.analytics.domain.error.AnalyticsException}s.
 */
package com.platform.analytics.adapter.objectstore;
