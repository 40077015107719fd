package com.platform.analytics.domain.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One generation of a report (a {@code report_instances} row).
 *
 * @param parameters the bound parameters, canonical text (what the query ran with)
 * @param requestedBy the caller's subject
 * @param developerId the caller's developer when a developer asked (only they and unrestricted callers see it)
 * @param filePath the object key of the file once completed
 */
public record ReportInstance(UUID id, UUID definitionId, String definitionName, ReportStatus status,
        Map<String, String> parameters, OutputFormat format, Instant requestedAt, Instant startedAt, Instant completedAt,
        String filePath, Long fileSizeBytes, String errorMessage, String requestedBy, Optional<String> developerId,
        Instant expiresAt) {
    public ReportInstance {
        requireNonNull(id, "id is null");
        requireNonNull(definitionId, "definitionId is null");
        requireNonNull(definitionName, "definitionName is null");
        requireNonNull(status, "status is null");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        requireNonNull(format, "format is null");
        requireNonNull(requestedAt, "requestedAt is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(developerId, "developerId is null");
    }

    /** A new instance, requested. */
    public static ReportInstance requested(UUID id, ReportDefinition definition, Map<String, String> parameters,
            OutputFormat format, Instant now, String requestedBy, Optional<String> developerId, Instant expiresAt) {
        return new ReportInstance(id, definition.id(), definition.name(), ReportStatus.REQUESTED, parameters, format, now,
                null, null, null, null, null, requestedBy, developerId, expiresAt);
    }

    /** The object key of its file: {@code reports/report_instance_id=<id>/<definition name>.<ext>} (spec 4.3). */
    public String objectKey() {
        return "reports/report_instance_id=" + id + "/" + fileName();
    }

    public String fileName() {
        return definitionName + "." + format.extension();
    }
}
