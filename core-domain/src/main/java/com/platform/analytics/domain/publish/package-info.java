/**
 * Events this service publishes to the platform (spec 5.1): reports generated, segments updated, alerts
 * triggered, as CloudEvents JSON. They leave through a transactional outbox, so one is published if and only
 * if the state change it announces committed.
 */
package com.platform.analytics.domain.publish;
