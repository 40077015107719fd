package com.platform.analytics.domain.analysis.paths;

/** Whether a path runs forward from a start event or leads back from an end event. */
public enum PathDirection {
    /** The anchor is step 0; the next events are steps 1..K. */
    FROM_START,
    /** The anchor is step 0; the events before it are steps -1..-K. */
    TO_END
}
