/**
 * Who may do what (spec 3.1, 9.2): the roles a token carries, the permissions each role grants, the caller as a
 * {@link com.platform.analytics.domain.access.Principal}, and the {@link com.platform.analytics.domain.access.AccessPolicy}
 * every entry point asks, so permission checks live here and not in handlers.
 */
package com.platform.analytics.domain.access;
