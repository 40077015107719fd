/** Accepted events as typed warehouse facts. */
package com.platform.analytics.domain.fact;
