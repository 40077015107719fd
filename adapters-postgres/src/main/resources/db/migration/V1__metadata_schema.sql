-- Metadata store schema: the DDL of the spec, section 4.2.1, as written there, with one deviation:
-- admin_users and users are tables of other services (auth/admin), not of this database, so their ids are
-- kept as plain UUID columns without foreign keys (a FOREIGN KEY to a table that is not here cannot exist).
-- uuid-ossp ships with the embedded binaries and is a trusted extension (PostgreSQL 13+), so a database
-- owner can create it on an external server too.
-- Расширение для UUID, если не создано
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- Определения метрик
CREATE TABLE metric_definitions (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name VARCHAR(255) NOT NULL UNIQUE,
    display_name_ru VARCHAR(255) NOT NULL,
    display_name_en VARCHAR(255),
    description_ru TEXT,
    description_en TEXT,
    metric_type VARCHAR(50) NOT NULL CHECK (metric_type IN ('counter', 'gauge', 'histogram', 'timer')),
    calculation_method VARCHAR(50) NOT NULL, -- sum, average, count_distinct, percentile_95, etc.
    source_event_type VARCHAR(255),
    value_field VARCHAR(255), -- Path to value in event data, e.g., data.duration_seconds
    filters JSONB, -- e.g., {"data.game_genre": "action"}
    dimensions JSONB, -- e.g., ["country", "game_id", "platform_type"]
    granularity VARCHAR(50) NOT NULL CHECK (granularity IN ('realtime', 'hourly', 'daily', 'monthly', 'yearly', 'raw')),
    unit VARCHAR(50), -- users, seconds, RUB, events
    is_realtime BOOLEAN NOT NULL DEFAULT FALSE,
    owner_service VARCHAR(100), -- Сервис-владелец или основной потребитель
    tags JSONB DEFAULT '[]'::jsonb, -- Теги для категоризации и поиска
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE metric_definitions IS 'Определения метрик, используемых в системе аналитики.';
CREATE INDEX idx_metric_definitions_name ON metric_definitions(name);
CREATE INDEX idx_metric_definitions_tags ON metric_definitions USING gin(tags);

-- Определения отчетов
CREATE TABLE report_definitions (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name VARCHAR(255) NOT NULL UNIQUE,
    display_name_ru VARCHAR(255) NOT NULL,
    display_name_en VARCHAR(255),
    description_ru TEXT,
    description_en TEXT,
    source_type VARCHAR(50) NOT NULL CHECK (source_type IN ('sql_query_clickhouse', 'pre_aggregated_metrics', 'api_external')),
    source_query_or_config TEXT NOT NULL, -- SQL query for ClickHouse or JSON config
    parameters JSONB, -- [{"name": "period_start", "display_name_ru": "Начало периода", "type": "date", "required": true, "default_value": "yesterday"}]
    default_schedule VARCHAR(50), -- cron-like: "0 3 * * *" (daily at 3 AM UTC), "0 4 * * 1" (monday weekly at 4 AM UTC)
    output_formats JSONB DEFAULT '["csv", "json", "pdf_placeholder"]'::jsonb,
    owner_admin_id UUID, -- id из admin_users (таблица admin-service, не этой БД: без внешнего ключа)
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE report_definitions IS 'Определения отчетов, которые могут быть сгенерированы.';
CREATE INDEX idx_report_definitions_name ON report_definitions(name);

-- Экземпляры сгенерированных отчетов
CREATE TABLE report_instances (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    report_definition_id UUID NOT NULL REFERENCES report_definitions(id) ON DELETE CASCADE,
    generation_requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    generation_started_at TIMESTAMPTZ,
    generation_completed_at TIMESTAMPTZ,
    status VARCHAR(50) NOT NULL CHECK (status IN ('requested', 'generating', 'completed', 'failed', 'cancelled')),
    parameters_used JSONB,
    output_format VARCHAR(20),
    file_path_s3 VARCHAR(1024), -- Ссылка на файл отчета в S3
    file_size_bytes BIGINT,
    error_message TEXT,
    requested_by_user_id UUID, -- Пользователь или админ, запросивший отчет (id из users другого сервиса: без внешнего ключа)
    expires_at TIMESTAMPTZ -- Время, когда файл отчета может быть удален из S3
);
COMMENT ON TABLE report_instances IS 'Экземпляры сгенерированных отчетов.';
CREATE INDEX idx_report_instances_status ON report_instances(status);
CREATE INDEX idx_report_instances_definition_id ON report_instances(report_definition_id);
CREATE INDEX idx_report_instances_requested_by ON report_instances(requested_by_user_id);

-- Определения пользовательских сегментов
CREATE TABLE segment_definitions (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name VARCHAR(255) NOT NULL UNIQUE,
    display_name_ru VARCHAR(255) NOT NULL,
    display_name_en VARCHAR(255),
    description_ru TEXT,
    description_en TEXT,
    criteria JSONB NOT NULL, -- {"type": "AND", "conditions": [{"field": "user.total_payments_sum_rub", "operator": ">=", "value": 10000}]}
    segment_type VARCHAR(50) NOT NULL DEFAULT 'dynamic' CHECK (segment_type IN ('dynamic', 'static')),
    refresh_schedule VARCHAR(50), -- Для dynamic сегментов, например, '0 4 * * *' (ежедневно в 4 утра)
    last_calculated_at TIMESTAMPTZ,
    current_user_count BIGINT,
    created_by_admin_id UUID, -- id из admin_users (таблица admin-service: без внешнего ключа)
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE segment_definitions IS 'Определения пользовательских сегментов.';
CREATE INDEX idx_segment_definitions_name ON segment_definitions(name);

-- Метаданные ML моделей
CREATE TABLE ml_model_metadata (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    model_name VARCHAR(255) NOT NULL,
    model_version VARCHAR(50) NOT NULL,
    description_ru TEXT,
    description_en TEXT,
    algorithm VARCHAR(100),
    hyperparameters JSONB,
    training_dataset_ref VARCHAR(1024), -- e.g., S3 path or DVC reference
    performance_metrics JSONB, -- {"auc": 0.85, "f1_score": 0.78, "training_duration_sec": 3600}
    artifact_path VARCHAR(1024), -- Path to model file in MLflow or S3
    deployment_status VARCHAR(50) NOT NULL DEFAULT 'development' CHECK (deployment_status IN ('development', 'staging', 'production', 'archived', 'failed')),
    input_schema JSONB, -- Описание ожидаемой структуры входных данных
    output_schema JSONB, -- Описание структуры выходных данных (прогнозов)
    registered_by_user_id UUID, -- id из users (таблица другого сервиса: без внешнего ключа)
    trained_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (model_name, model_version)
);
COMMENT ON TABLE ml_model_metadata IS 'Метаданные моделей машинного обучения.';
CREATE INDEX idx_ml_model_metadata_name_version ON ml_model_metadata(model_name, model_version);

-- Запуски пайплайнов обработки данных
CREATE TABLE data_pipeline_runs (
    id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    pipeline_name VARCHAR(255) NOT NULL,
    start_time TIMESTAMPTZ NOT NULL,
    end_time TIMESTAMPTZ,
    status VARCHAR(50) NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'skipped', 'manual_run')),
    parameters JSONB,
    logs_summary TEXT, -- Может быть ссылкой на полные логи в S3 или ELK/Loki
    processed_records_count BIGINT,
    source_data_start_time TIMESTAMPTZ, -- Для инкрементальных загрузок
    source_data_end_time TIMESTAMPTZ   -- Для инкрементальных загрузок
);
COMMENT ON TABLE data_pipeline_runs IS 'Информация о запусках пайплайнов обработки данных.';
CREATE INDEX idx_data_pipeline_runs_name_status_start_time ON data_pipeline_runs(pipeline_name, status, start_time DESC);

-- Таблицы admin_users и users предполагаются существующими (возможно, в других БД, доступ через FDW или репликацию для справочников)
-- CREATE TABLE admin_users (id UUID PRIMARY KEY, username VARCHAR(100) UNIQUE NOT NULL);
-- CREATE TABLE users (id UUID PRIMARY KEY, username VARCHAR(100) UNIQUE NOT NULL);
