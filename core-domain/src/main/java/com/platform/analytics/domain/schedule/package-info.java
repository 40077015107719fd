/**
 * Scheduled jobs and their runs: cron schedules (with month and weekday names, in a time zone), a job's missed-run
 * policy, and the record of every run of a data pipeline ({@code data_pipeline_runs}).
 */
package com.platform.analytics.domain.schedule;
