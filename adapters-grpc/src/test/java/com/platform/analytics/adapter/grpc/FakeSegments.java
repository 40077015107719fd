package com.platform.analytics.adapter.grpc;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.domain.segment.SegmentDraft;
import com.platform.analytics.port.in.SegmentsUseCase;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One known segment with a set of members (real ids, standing in for the pseudonyms the real use case compares);
 * records the user ids it is asked about. The methods the gRPC API does not call are refused.
 */
final class FakeSegments implements SegmentsUseCase {
    final UUID knownSegment = UUID.fromString("3f2a1b4c-5d6e-4f70-8a91-b2c3d4e5f607");
    final Set<String> members = Set.of("user-1", "user-2", "user-3");
    final List<String> askedUserIds = new CopyOnWriteArrayList<>();

    @Override
    public boolean isMember(UUID id, String realUserId) {
        known(id);
        askedUserIds.add(realUserId);
        return members.contains(realUserId);
    }

    @Override
    public long usersCount(UUID id) {
        known(id);
        return members.size();
    }

    private void known(UUID id) {
        if (!knownSegment.equals(id)) {
            throw new AnalyticsException(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND, "no segment definition with id " + id);
        }
    }

    @Override
    public Optional<RefreshFailure> lastFailure(UUID id) {
        known(id);
        return Optional.empty();
    }

    @Override
    public List<SegmentDefinition> definitions() {
        throw notServedOverGrpc();
    }

    @Override
    public SegmentDefinition definition(UUID id) {
        throw notServedOverGrpc();
    }

    @Override
    public SegmentDefinition create(SegmentDraft draft) {
        throw notServedOverGrpc();
    }

    @Override
    public SegmentDefinition update(UUID id, SegmentDraft draft) {
        throw notServedOverGrpc();
    }

    @Override
    public void delete(UUID id) {
        throw notServedOverGrpc();
    }

    @Override
    public RefreshOutcome refresh(UUID id) {
        throw notServedOverGrpc();
    }

    @Override
    public RefreshOutcome uploadMembers(UUID id, List<String> realUserIds) {
        throw notServedOverGrpc();
    }

    @Override
    public MembersPage members(UUID id, int page, int size) {
        throw notServedOverGrpc();
    }

    private static UnsupportedOperationException notServedOverGrpc() {
        // a call here means the adapter reached a use-case method no gRPC method should use: the test must fail
        return new UnsupportedOperationException("not served over gRPC");
    }
}
