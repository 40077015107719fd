/** Outbound ports: what the application needs from stores, engines and buses. */
package com.platform.analytics.port.out;
