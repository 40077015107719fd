package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.adapter.grpc.v1.CheckMembershipRequest;
import com.platform.analytics.adapter.grpc.v1.CheckMembershipResponse;
import com.platform.analytics.adapter.grpc.v1.CountUsersRequest;
import com.platform.analytics.adapter.grpc.v1.CountUsersResponse;
import com.platform.analytics.adapter.grpc.v1.SegmentsServiceGrpc;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.port.in.SegmentsUseCase;
import io.grpc.stub.StreamObserver;
import java.util.UUID;

/**
 * {@code SegmentsService}: membership of a real user id (pseudonymized by the use case, never echoed) and the size
 * of a segment's current snapshot. An id that is not a UUID names no segment: NOT_FOUND, as for an unknown one.
 */
final class SegmentsGrpcService extends SegmentsServiceGrpc.SegmentsServiceImplBase {
    private final SegmentsUseCase segments;
    private final CallerAccess access;

    SegmentsGrpcService(SegmentsUseCase segments, CallerAccess access) {
        this.segments = requireNonNull(segments, "segments is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Override
    public void checkMembership(CheckMembershipRequest request, StreamObserver<CheckMembershipResponse> responses) {
        UnaryCalls.answer(responses, () -> {
            access.require(Permission.CHECK_SEGMENT_MEMBERSHIP);
            UUID id = segmentId(request.getSegmentId());
            if (request.getUserId().isEmpty()) {
                throw AnalyticsException.invalidParameter("user_id", "user_id (a real user id) is required");
            }
            boolean member = segments.isMember(id, request.getUserId());
            return CheckMembershipResponse.newBuilder().setSegmentId(id.toString()).setMember(member).build();
        });
    }

    @Override
    public void countUsers(CountUsersRequest request, StreamObserver<CountUsersResponse> responses) {
        UnaryCalls.answer(responses, () -> {
            access.require(Permission.READ_SEGMENTS);
            UUID id = segmentId(request.getSegmentId());
            return CountUsersResponse.newBuilder().setSegmentId(id.toString()).setUserCount(segments.usersCount(id)).build();
        });
    }

    private static UUID segmentId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: no segment has that id
        }
        throw new AnalyticsException(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND, "no segment definition with id " + text,
                "segment_id", null, null);
    }
}
