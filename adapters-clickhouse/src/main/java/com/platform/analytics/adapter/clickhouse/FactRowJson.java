package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes fact rows as {@code JSONEachRow} for {@code events}: one object per line, keys named as the columns.
 * Built by hand in one buffer because ingestion throughput depends on it.
 */
final class FactRowJson {
    static final int MONEY_SCALE = 2;

    private FactRowJson() {
    }

    static StringBuilder write(List<FactRow> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 640);
        for (FactRow r : rows) {
            write(r, sb);
        }
        return sb;
    }

    static void write(FactRow r, StringBuilder sb) {
        sb.append("{\"source\":");
        Json.writeString(r.source(), sb);
        sb.append(",\"event_id\":");
        Json.writeString(r.eventId(), sb);
        sb.append(",\"type\":");
        Json.writeString(r.type(), sb);
        sb.append(",\"is_registered_type\":").append(r.registeredType() ? '1' : '0');
        sb.append(",\"is_activity\":").append(r.activity() ? '1' : '0');
        sb.append(",\"ts\":\"");
        SqlLiterals.appendUtcMillis(r.time(), sb);
        sb.append("\",\"received_at\":\"");
        SqlLiterals.appendUtcMillis(r.receivedAt(), sb);
        sb.append("\",\"user_id\":");
        Json.writeString(r.userId(), sb);
        sb.append(",\"anonymous_id\":");
        Json.writeString(r.anonymousId(), sb);
        sb.append(",\"subject\":");
        Json.writeString(r.subject(), sb);
        sb.append(",\"game_id\":");
        Json.writeString(r.gameId(), sb);
        sb.append(",\"developer_id\":");
        Json.writeString(r.developerId(), sb);
        sb.append(",\"platform\":");
        Json.writeString(r.platform(), sb);
        sb.append(",\"country\":");
        Json.writeString(r.country(), sb);
        sb.append(",\"genre\":");
        Json.writeString(r.genre(), sb);
        sb.append(",\"item_type\":");
        Json.writeString(r.itemType(), sb);
        sb.append(",\"campaign_id\":");
        Json.writeString(r.campaignId(), sb);
        sb.append(",\"session_id\":");
        Json.writeString(r.sessionId(), sb);
        sb.append(",\"transaction_id\":");
        Json.writeString(r.transactionId(), sb);
        sb.append(",\"amount\":").append(money(r.amount()));
        sb.append(",\"currency\":");
        Json.writeString(r.currency(), sb);
        sb.append(",\"amount_rub\":").append(money(r.amountRub()));
        sb.append(",\"duration_seconds\":").append(r.durationSeconds());
        sb.append(",\"experiment_key\":");
        Json.writeString(r.experimentKey(), sb);
        sb.append(",\"variant\":");
        Json.writeString(r.variant(), sb);
        sb.append(",\"data\":");
        Json.writeString(r.dataJson(), sb);
        sb.append("}\n");
    }

    /** Decimal(18, 2) text; amounts with more places (rare currencies) are rounded, never truncated. */
    private static String money(BigDecimal v) {
        BigDecimal scaled = v.scale() == MONEY_SCALE ? v : v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        return scaled.toPlainString();
    }
}
