/** Inbound ports: the use cases the service offers to its driving adapters. */
package com.platform.analytics.port.in;
