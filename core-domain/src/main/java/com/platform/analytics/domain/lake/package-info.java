/** The raw data lake's layout. */
package com.platform.analytics.domain.lake;
