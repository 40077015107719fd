/**
 * Messages and service stubs generated from {@code proto/analytics/v1/*.proto} (protobuf package
 * {@code platform.analytics.v1}); the sources are written by the build, only this file is kept here.
 */
package com.platform.analytics.adapter.grpc.v1;
