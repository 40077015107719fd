package com.platform.analytics.port.out;

import java.time.LocalDate;
import java.util.Set;

/** Keeps the warehouse's marts whole: rebuilds what a mart misses from the events it is derived from. */
public interface MartMaintenance {
    /** The activity mart's name (spec 11.2: data_mart_last_update_timestamp_gauge{mart_name}). */
    String ACTIVITY_MART = "daily_user_activity";

    /**
     * Makes the activity mart hold every (day, user, dimensions) group the events hold, for these UTC days (all days
     * when null).
     *
     * @return how many groups were missing and have been restored
     */
    long reconcileActivityMart(Set<LocalDate> days);
}
