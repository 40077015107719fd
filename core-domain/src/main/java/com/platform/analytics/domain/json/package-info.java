/** JSON reading and writing for the domain, on the JDK alone. */
package com.platform.analytics.domain.json;
