/**
 * Cohort retention (KPI_DEFINITIONS.md, Retention): the request, validated with JSON pointers naming the field
 * at fault, and the cohort table. Also the request pieces retention and paths share ({@link AnalysisRange},
 * {@link BodyFields}) until the analyses' common request parts are unified.
 */
package com.platform.analytics.domain.analysis.retention;
