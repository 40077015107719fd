/** Use-case services: the inbound ports implemented with the outbound ports and the domain. */
package com.platform.analytics.application;
