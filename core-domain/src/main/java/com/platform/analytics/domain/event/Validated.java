package com.platform.analytics.domain.event;

/**
 * The outcome of validating one event: exactly one of a valid {@link CloudEvent} and a {@link Rejection}.
 */
public record Validated(CloudEvent event, Rejection rejection) {
    public Validated {
        if ((event == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of event and rejection must be given");
        }
    }

    public static Validated valid(CloudEvent event) {
        return new Validated(event, null);
    }

    public static Validated rejected(Rejection rejection) {
        return new Validated(null, rejection);
    }

    public boolean isValid() {
        return event != null;
    }
}
