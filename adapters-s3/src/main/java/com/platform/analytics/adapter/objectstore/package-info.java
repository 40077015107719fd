/**
 * Object store adapters. {@link com.platform.analytics.adapter.objectstore.LocalDirectoryObjectStore} keeps
 * objects as files under a directory, with exactly the key layout an S3 bucket would have (embedded profile).
 */
package com.platform.analytics.adapter.objectstore;
