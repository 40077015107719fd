package com.platform.analytics.domain.alert;

/**
 * The life of an alert for one series of a rule, from one evaluation to the next: a firing condition opens an event
 * once, stays quiet while it persists, and resolves the event when the condition clears; it may open a new one later.
 * An evaluation without enough data changes nothing: missing data is not an all-clear, nor a new alarm.
 */
public final class AlertDeduplication {
    private AlertDeduplication() {
    }

    /** What to do with the series' events after an evaluation. */
    public enum Action {
        /** Open a FIRING event and announce it (alert.triggered). */
        OPEN,
        /** The open event stays FIRING; nothing is announced again. */
        STAY_FIRING,
        /** Resolve the open event. */
        RESOLVE,
        /** No open event and nothing to open. */
        STAY_QUIET
    }

    /** @param firing whether the series has a FIRING event */
    public static Action next(boolean firing, AlertEvaluation.Outcome outcome) {
        return switch (outcome) {
            case FIRING -> firing ? Action.STAY_FIRING : Action.OPEN;
            case CLEAR -> firing ? Action.RESOLVE : Action.STAY_QUIET;
            case INSUFFICIENT_DATA -> firing ? Action.STAY_FIRING : Action.STAY_QUIET;
        };
    }
}
