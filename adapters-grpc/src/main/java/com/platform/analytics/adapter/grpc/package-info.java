/**
 * The gRPC API for internal callers (issue 5): {@link com.platform.analytics.adapter.grpc.GrpcServer} serves metric
 * values, segment membership and counts, and client-streamed event ingestion over the same use cases as the REST API,
 * with health checking and server reflection. Callers authenticate with the {@code authorization} metadata entry
 * ({@link com.platform.analytics.adapter.grpc.CallerAuthentication}); every method asks the domain's access policy;
 * failures carry the API's error codes ({@link com.platform.analytics.adapter.grpc.ErrorStatuses}). grpc-java and
 * protobuf types stay in this package and the generated {@code v1} package.
 */
package com.platform.analytics.adapter.grpc;
