/**
 * Cohort retention (KPI_DEFINITIONS.md, Retention): the request, validated with JSON pointers naming the field
 * at fault, and the cohort table.
 */
package com.platform.analytics.domain.analysis.retention;
