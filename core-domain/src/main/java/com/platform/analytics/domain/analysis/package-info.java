/**
 * What every analysis request has in common: its days and zone ({@link AnalysisRange}) and the reading of its JSON
 * body ({@link BodyFields}), where every problem is an {@code INVALID_QUERY_PARAMETERS} error whose
 * {@code source.pointer} names the field. The analyses themselves live in the sub-packages.
 */
package com.platform.analytics.domain.analysis;
