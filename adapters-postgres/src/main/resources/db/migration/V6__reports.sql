-- Reports (issue 6): who may run a definition, who asked for an instance, and three seeded definitions.

-- A definition open to developers runs on their own data only: its SQL is scoped by {developer_id:String}, which
-- the service binds to the caller's developer id (never the request's); a metric report is scoped by the metric query.
ALTER TABLE report_definitions ADD COLUMN available_to_developers BOOLEAN NOT NULL DEFAULT FALSE;

-- requested_by_user_id (UUID) cannot hold every caller's subject: the subject as authenticated, and the developer
-- whose data an instance holds (only they, and callers with every game in scope, see it).
ALTER TABLE report_instances ADD COLUMN requested_by_subject VARCHAR(255);
ALTER TABLE report_instances ADD COLUMN developer_id VARCHAR(255);
CREATE INDEX idx_report_instances_expires_at ON report_instances(expires_at) WHERE status = 'completed';

-- Templates name the warehouse database 'analytics' (ClickHouseConfig.DEFAULT_DATABASE). Parameters are ClickHouse
-- query parameters {name:Type}, bound by the engine; the template runs read-only with row and time limits.
INSERT INTO report_definitions (name, display_name_ru, display_name_en, description_ru, description_en, source_type,
        source_query_or_config, parameters, default_schedule, output_formats, available_to_developers)
VALUES
    ('monthly_sales_summary', 'Продажи за месяц по разработчику', 'Monthly sales summary per developer',
     'Покупки за календарный месяц: по играм и странам — число транзакций, платящих пользователей, выручка в рублях.',
     'Purchases in a calendar month by game and country: transactions, paying users, revenue in RUB.',
     'sql_query_clickhouse',
     'SELECT toStartOfMonth(ts) AS month, developer_id, game_id, country,
       count() AS transactions,
       uniqExact(user_id) AS paying_users,
       sum(amount_rub) AS revenue_rub
FROM analytics.events
WHERE type = ''com.platform.payment.transaction.completed.v1''
  AND developer_id = {developer_id:String}
  AND ts >= toDateTime64(toStartOfMonth({month:Date}), 3, ''UTC'')
  AND ts < toDateTime64(addMonths(toStartOfMonth({month:Date}), 1), 3, ''UTC'')
GROUP BY month, developer_id, game_id, country',
     '[{"name": "developer_id", "display_name_ru": "Разработчик", "type": "string", "required": true},
       {"name": "month", "display_name_ru": "Любой день месяца", "type": "date", "required": true}]'::jsonb,
     '0 3 1 * *', '["csv", "json"]'::jsonb, TRUE),
    ('daily_kpi_digest', 'Ежедневная сводка KPI', 'Daily KPI digest',
     'DAU по дням и платформам за период.', 'DAU per day and platform over a period.',
     'pre_aggregated_metrics',
     '{"metric": "dau", "dimensions": ["platform"], "granularity": "day"}',
     '[{"name": "from", "display_name_ru": "С", "type": "date", "required": true},
       {"name": "to", "display_name_ru": "По", "type": "date", "required": true}]'::jsonb,
     '0 3 * * *', '["csv", "json"]'::jsonb, TRUE),
    ('game_activity_by_country_platform', 'Активность в играх по странам и платформам',
     'Game activity by country and platform',
     'Активные пользователи, события активности и время в игре по играм, странам и платформам за период.',
     'Active users, activity events and play time by game, country and platform over a period.',
     'sql_query_clickhouse',
     'SELECT game_id, country, platform,
       uniqExact(user_id) AS active_users,
       count() AS activity_events,
       sumIf(duration_seconds, type = ''com.platform.library.session.ended.v1'') AS play_seconds
FROM analytics.events
WHERE is_activity = 1
  AND ts >= toDateTime64({from:Date}, 3, ''UTC'')
  AND ts < toDateTime64({to:Date} + 1, 3, ''UTC'')
GROUP BY game_id, country, platform',
     '[{"name": "from", "display_name_ru": "С", "type": "date", "required": true},
       {"name": "to", "display_name_ru": "По", "type": "date", "required": true}]'::jsonb,
     '0 4 * * 1', '["csv", "json"]'::jsonb, FALSE);
