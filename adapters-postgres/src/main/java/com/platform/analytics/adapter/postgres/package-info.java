/**
 * The metadata store on PostgreSQL (spec 4.2.1): the embedded server of the embedded profile (or an external
 * one), the Flyway schema and its seeded built-in KPI definitions, and jOOQ stores behind the outbound ports.
 * jOOQ, Flyway, Hikari and zonky types stay inside this package.
 */
package com.platform.analytics.adapter.postgres;
