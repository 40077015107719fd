/** The service's error codes and its one exception type. */
package com.platform.analytics.domain.error;
