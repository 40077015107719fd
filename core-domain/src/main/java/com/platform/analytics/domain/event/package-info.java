/** CloudEvents: decoding request bodies, the event contract (types and schemas) and validation. */
package com.platform.analytics.domain.event;
