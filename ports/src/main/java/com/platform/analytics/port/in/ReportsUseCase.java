package com.platform.analytics.port.in;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportInstance;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports (spec 3.1.2): definitions, instances generated asynchronously, their files. */
public interface ReportsUseCase {
    /** The definitions the caller may run (a developer: those open to developers). */
    List<ReportDefinition> definitions(Principal caller);

    /**
     * Requests a report; it is generated in the background.
     *
     * @param definition the definition's id or name
     * @param format {@code csv} or {@code json}; null: the definition's first
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code REPORT_DEFINITION_NOT_FOUND};
     *     {@code INVALID_REQUEST_BODY} naming a bad parameter; {@code ACCESS_DENIED_TO_RESOURCE};
     *     {@code SERVICE_BUSY} when the generation queue is full
     */
    ReportInstance request(Principal caller, String definition, Map<String, Object> parameters, String format);

    /** @throws com.platform.analytics.domain.error.AnalyticsException {@code REPORT_INSTANCE_NOT_FOUND} (also another developer's) */
    ReportInstance instance(Principal caller, UUID id);

    /**
     * The file of a completed instance, to stream; the caller closes it.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code REPORT_INSTANCE_NOT_FOUND};
     *     {@code DATA_NOT_YET_AVAILABLE} while it is requested or generating; {@code REPORT_GENERATION_FAILED}
     *     when it failed or was cancelled
     */
    ReportFile download(Principal caller, UUID id);

    /** A report file being read. */
    record ReportFile(String fileName, String contentType, long sizeBytes, InputStream content) {
        public ReportFile {
            requireNonNull(fileName, "fileName is null");
            requireNonNull(contentType, "contentType is null");
            requireNonNull(content, "content is null");
        }
    }
}
