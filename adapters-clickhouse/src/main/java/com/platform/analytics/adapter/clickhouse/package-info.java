/**
 * The warehouse adapter: ClickHouse SQL for the event facts and the KPI measures
 * ({@link com.platform.analytics.adapter.clickhouse.ClickHouseWarehouse}), its versioned schema, and the
 * transports that carry that SQL to an engine. {@link com.platform.analytics.adapter.clickhouse.ChdbEngine}
 * runs ClickHouse in-process (chDB through JNA); the SQL classes see only
 * {@link com.platform.analytics.adapter.clickhouse.ClickHouseTransport}, so
 * {@link com.platform.analytics.adapter.clickhouse.ClickHouseHttpTransport} can carry the same SQL to a ClickHouse
 * server or cluster instead ({@link com.platform.analytics.adapter.clickhouse.ClusterMode} decides the DDL).
 */
package com.platform.analytics.adapter.clickhouse;
