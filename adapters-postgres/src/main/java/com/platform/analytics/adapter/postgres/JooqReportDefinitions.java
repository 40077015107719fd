package com.platform.analytics.adapter.postgres;

import static com.platform.analytics.adapter.postgres.MetadataSql.translated;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.report.OutputFormat;
import com.platform.analytics.domain.report.ReportDefinition;
import com.platform.analytics.domain.report.ReportParameter;
import com.platform.analytics.domain.report.ReportSourceType;
import com.platform.analytics.port.out.ReportDefinitionStore;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * {@link ReportDefinitionStore} over {@code report_definitions} (spec 4.2.1, V6), through jOOQ. Definitions are
 * written by admins (migrations, the admin service); a row that is not a valid definition (a template the check
 * refuses, an undeclared parameter) is an operator's mistake: reading it fails loudly rather than running it.
 * Output formats the service does not write ({@code pdf_placeholder}) are left out.
 */
public final class JooqReportDefinitions implements ReportDefinitionStore {
    private static final Table<Record> REPORT_DEFINITIONS = table(name("report_definitions"));
    private static final Field<UUID> ID = field(name("id"), SQLDataType.UUID);
    private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR);
    private static final Field<String> DISPLAY_NAME_RU = field(name("display_name_ru"), SQLDataType.VARCHAR);
    private static final Field<String> DISPLAY_NAME_EN = field(name("display_name_en"), SQLDataType.VARCHAR);
    private static final Field<String> DESCRIPTION_RU = field(name("description_ru"), SQLDataType.CLOB);
    private static final Field<String> DESCRIPTION_EN = field(name("description_en"), SQLDataType.CLOB);
    private static final Field<String> SOURCE_TYPE = field(name("source_type"), SQLDataType.VARCHAR);
    private static final Field<String> SOURCE = field(name("source_query_or_config"), SQLDataType.CLOB);
    private static final Field<JSONB> PARAMETERS = field(name("parameters"), SQLDataType.JSONB);
    private static final Field<JSONB> OUTPUT_FORMATS = field(name("output_formats"), SQLDataType.JSONB);
    private static final Field<Boolean> AVAILABLE_TO_DEVELOPERS = field(name("available_to_developers"), SQLDataType.BOOLEAN);
    private static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT);
    private static final Field<Instant> UPDATED_AT = field(name("updated_at"), SQLDataType.INSTANT);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DISPLAY_NAME_RU, DISPLAY_NAME_EN, DESCRIPTION_RU,
            DESCRIPTION_EN, SOURCE_TYPE, SOURCE, PARAMETERS, OUTPUT_FORMATS, AVAILABLE_TO_DEVELOPERS, CREATED_AT, UPDATED_AT);

    private final DSLContext sql;

    @Inject
    public JooqReportDefinitions(DataSource dataSource) {
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public List<ReportDefinition> findAll() {
        return translated("list report definitions", () -> sql.select(COLUMNS).from(REPORT_DEFINITIONS).orderBy(NAME)
                .fetch(JooqReportDefinitions::toDefinition));
    }

    @Override
    public Optional<ReportDefinition> find(UUID id) {
        requireNonNull(id, "id is null");
        return translated("read report definition " + id, () -> sql.select(COLUMNS).from(REPORT_DEFINITIONS)
                .where(ID.eq(id)).fetchOptional(JooqReportDefinitions::toDefinition));
    }

    @Override
    public Optional<ReportDefinition> findByName(String name) {
        requireNonNull(name, "name is null");
        return translated("read report definition " + name, () -> sql.select(COLUMNS).from(REPORT_DEFINITIONS)
                .where(NAME.eq(name)).fetchOptional(JooqReportDefinitions::toDefinition));
    }

    private static ReportDefinition toDefinition(Record r) {
        String name = r.get(NAME);
        try {
            List<ReportParameter> parameters = new ArrayList<>();
            JSONB params = r.get(PARAMETERS);
            if (params != null && Json.parse(params.data()) instanceof List<?> list) {
                for (Object p : list) {
                    if (!(p instanceof Map<?, ?> m)) {
                        throw new IllegalArgumentException("a parameter is not an object: " + p);
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> json = (Map<String, Object>) m;
                    parameters.add(ReportParameter.fromJson(json));
                }
            }
            List<OutputFormat> formats = new ArrayList<>();
            JSONB stored = r.get(OUTPUT_FORMATS);
            if (stored != null && Json.parse(stored.data()) instanceof List<?> list) {
                for (Object f : list) {
                    if (f instanceof String s) {
                        OutputFormat.fromWire(s).ifPresent(formats::add);
                    }
                }
            }
            if (formats.isEmpty()) {
                formats.add(OutputFormat.CSV);
            }
            ReportSourceType type = ReportSourceType.fromWire(r.get(SOURCE_TYPE))
                    .orElseThrow(() -> new IllegalArgumentException("unknown source type " + r.get(SOURCE_TYPE)));
            return new ReportDefinition(r.get(ID), name, r.get(DISPLAY_NAME_RU), r.get(DISPLAY_NAME_EN),
                    r.get(DESCRIPTION_RU), r.get(DESCRIPTION_EN), type, r.get(SOURCE), parameters, formats,
                    Boolean.TRUE.equals(r.get(AVAILABLE_TO_DEVELOPERS)), r.get(CREATED_AT), r.get(UPDATED_AT));
        } catch (IllegalArgumentException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR, "report definition " + name + " in the metadata store is"
                    + " not valid: " + e.getMessage(), null, null, e);
        }
    }

}
