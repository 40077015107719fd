/** Pseudonymization (ФЗ-152): identifiers to HMAC pseudonyms, contact data dropped, IPs truncated. */
package com.platform.analytics.domain.privacy;
