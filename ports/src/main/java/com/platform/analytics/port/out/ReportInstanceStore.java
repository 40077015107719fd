package com.platform.analytics.port.out;

import com.platform.analytics.domain.publish.OutgoingEvent;
import com.platform.analytics.domain.report.ReportInstance;
import com.platform.analytics.domain.report.ReportStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code report_instances} of the metadata store. A state change applies only from the state it expects
 * (so a late worker cannot overwrite a restart's verdict), and the terminal ones append the announcing event to the
 * outbox in the same transaction.
 */
public interface ReportInstanceStore {
    void create(ReportInstance instance);

    Optional<ReportInstance> find(UUID id);

    /** {@code requested → generating}; false when the instance was not requested any more. */
    boolean markGenerating(UUID id, Instant startedAt);

    /** {@code generating → completed} with its file, and the event; false when it was not generating. */
    boolean markCompleted(UUID id, Instant completedAt, String filePath, long sizeBytes, OutgoingEvent announcement);

    /** {@code requested|generating → failed}, and the event; false when it was in neither. */
    boolean markFailed(UUID id, Instant completedAt, String errorMessage, OutgoingEvent announcement);

    /** {@code requested → cancelled}; false when it was not requested. */
    boolean markCancelled(UUID id, Instant at, String reason);

    /**
     * Records that the instances (requested or generating) are still this {@code owner}'s and alive: every few seconds
     * while they are queued or generated. Others are left as they are.
     */
    void heartbeat(Collection<UUID> ids, String owner, Instant at);

    /**
     * The instances still requested or generating whose latest beat (or request, without beat) is before
     * {@code beatBefore}: their instance stopped. Oldest request first.
     */
    List<ReportInstance> abandoned(Instant beatBefore);

    /** The instances in {@code status}, oldest request first. */
    List<ReportInstance> findByStatus(ReportStatus status);

    /** Completed instances whose file is past {@code expires_at} at {@code now} and still kept, oldest first. */
    List<ReportInstance> expiredFiles(Instant now, int limit);

    /** Records that the instance's file was removed; false when it was already (another instance removed it). */
    boolean forgetFile(UUID id);
}
