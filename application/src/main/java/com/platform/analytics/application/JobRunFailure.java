package com.platform.analytics.application;

/** A job run that failed after processing some records (a segment refresh round where one segment of five failed). */
public final class JobRunFailure extends RuntimeException {
    private final long processedRecords;

    public JobRunFailure(String summary, long processedRecords, Throwable cause) {
        super(summary, cause);
        this.processedRecords = processedRecords;
    }

    public long processedRecords() {
        return processedRecords;
    }
}
