package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.fact.FactRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes fact rows for {@code events} as {@code TabSeparated}: far less to write and to parse than JSON (no
 * keys, no quoting; the JSON payload needs no escaping, having no tabs or raw newlines), and still text. Binary
 * formats are not an option while rows travel inside the statement text: chDB ends inline data at a blank line,
 * and a binary row may contain the two bytes of one. The column order is {@link #COLUMNS}; the statement must
 * name them.
 */
final class FactRowTsv {
    static final String COLUMNS = "source, event_id, type, is_registered_type, is_activity, ts, received_at, user_id, "
            + "anonymous_id, subject, game_id, developer_id, platform, country, genre, item_type, campaign_id, session_id, "
            + "transaction_id, amount, currency, amount_rub, duration_seconds, experiment_key, variant, data";
    static final int MONEY_SCALE = 2;

    private FactRowTsv() {
    }

    static byte[] write(List<FactRow> rows) {
        StringBuilder sb = new StringBuilder(Math.max(1024, rows.size() * 600));
        for (FactRow r : rows) {
            row(r, sb);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(FactRow r, StringBuilder sb) {
        if (!r.registeredType()) {
            keyOnlyRow(r, sb);
            return;
        }
        field(r.source(), sb);
        field(r.eventId(), sb);
        field(r.type(), sb);
        sb.append(r.registeredType() ? '1' : '0').append('\t');
        sb.append(r.activity() ? '1' : '0').append('\t');
        SqlLiterals.appendUtcMillis(r.time(), sb);
        sb.append('\t');
        SqlLiterals.appendUtcMillis(r.receivedAt(), sb);
        sb.append('\t');
        field(r.userId(), sb);
        field(r.anonymousId(), sb);
        field(r.subject(), sb);
        field(r.gameId(), sb);
        field(r.developerId(), sb);
        field(r.platform(), sb);
        field(r.country(), sb);
        field(r.genre(), sb);
        field(r.itemType(), sb);
        field(r.campaignId(), sb);
        field(r.sessionId(), sb);
        field(r.transactionId(), sb);
        sb.append(money(r.amount())).append('\t');
        field(r.currency(), sb);
        sb.append(money(r.amountRub())).append('\t');
        if (r.durationSeconds() < 0) {
            throw new IllegalArgumentException("durationSeconds is negative: " + r.durationSeconds());
        }
        sb.append(r.durationSeconds()).append('\t');
        field(r.experimentKey(), sb);
        field(r.variant(), sb);
        TabSeparatedRows.appendField(r.dataJson(), sb);
        sb.append('\n');
    }

    /** An event of an unknown type: its key, type and times; the payload is in the lake only. */
    private static void keyOnlyRow(FactRow r, StringBuilder sb) {
        field(r.source(), sb);
        field(r.eventId(), sb);
        field(r.type(), sb);
        sb.append("0\t0\t");
        SqlLiterals.appendUtcMillis(r.time(), sb);
        sb.append('\t');
        SqlLiterals.appendUtcMillis(r.receivedAt(), sb);
        // a tab, then user_id .. transaction_id (12 empty strings), amount, currency, amount_rub, duration, experiment, variant, data
        sb.append("\t".repeat(13)).append("0\t\t0\t0\t\t\t\n");
    }

    private static void field(String value, StringBuilder sb) {
        TabSeparatedRows.appendField(value, sb);
        sb.append('\t');
    }

    /** Decimal(18, 2) text; amounts with more places (rare currencies) are rounded half-up, never truncated. */
    static String money(BigDecimal v) {
        BigDecimal scaled = v.scale() == MONEY_SCALE ? v : v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        return scaled.toPlainString();
    }
}
