package com.platform.analytics.port.out;

import com.platform.analytics.domain.publish.OutgoingEvent;

/**
 * Announcements that must go out once per key however often the condition is seen (a fraud score found high again
 * by the next hourly run, a drift found again on a re-run of the day): the key is the event id, made deterministic
 * by the caller (a name-based UUID of the key), and the outbox, which keeps every event it ever appended, is the
 * set of keys announced. The PostgreSQL outbox does this with {@code INSERT ... ON CONFLICT (event_id) DO NOTHING}
 * on its unique {@code event_id}, so two instances racing on one key announce once.
 */
public interface DeduplicatingOutbox {
    /**
     * Appends the event unless the outbox holds one with the same id (pending or published).
     *
     * @return true when appended now, false when an event with that id was there already
     */
    boolean appendOnce(OutgoingEvent event);
}
