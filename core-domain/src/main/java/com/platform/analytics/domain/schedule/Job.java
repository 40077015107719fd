package com.platform.analytics.domain.schedule;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A scheduled job as the scheduler sees it: a name (also the pipeline name of its runs, and the key of the
 * once-only claim of each fire time across instances), when it fires, and what happens to fire times missed while
 * no instance was running.
 */
public record Job(String name, CronSchedule schedule, MissedRunPolicy missedRunPolicy) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,254}");

    public Job {
        requireNonNull(name, "name is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(missedRunPolicy, "missedRunPolicy is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a job name is 1-255 characters of a-z, 0-9, '_', '.', ':', '-', starting with a letter or digit; got '" + name + "'");
        }
    }

    /** With the default policy, {@link MissedRunPolicy#DEFAULT}. */
    public Job(String name, CronSchedule schedule) {
        this(name, schedule, MissedRunPolicy.DEFAULT);
    }
}
