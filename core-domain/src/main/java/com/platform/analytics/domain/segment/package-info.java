/**
 * User segments (KPI_DEFINITIONS.md, Segments): the criteria tree over user attributes and its validation, the
 * attributes themselves, segment definitions, and the cron schedule dynamic segments refresh on.
 */
package com.platform.analytics.domain.segment;
