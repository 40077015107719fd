/**
 * Reports (spec 3.1.2, issue 6): definitions of the spec's source types with typed declared parameters, the
 * read-only check of an admin's SQL template, instances and their states, and the file formats they are written in.
 */
package com.platform.analytics.domain.report;
