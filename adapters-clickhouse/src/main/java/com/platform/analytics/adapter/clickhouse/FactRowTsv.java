package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.fact.FactRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes fact rows for {@code events} as {@code TabSeparated}, straight into UTF-8 bytes: far less to write and
 * to parse than JSON (no keys, no quoting; the JSON payload needs no escaping, having no tabs or raw
 * newlines), and still text. Binary formats are not an option while rows travel inside the statement text:
 * chDB ends inline data at a blank line, and a binary row may contain the two bytes of one. The column order
 * is {@link #COLUMNS}; the statement must name them.
 */
final class FactRowTsv {
    static final String COLUMNS = "source, event_id, type, is_registered_type, is_activity, ts, received_at, user_id, "
            + "anonymous_id, subject, game_id, developer_id, platform, country, genre, item_type, campaign_id, session_id, "
            + "transaction_id, amount, currency, amount_rub, duration_seconds, experiment_key, variant, data";
    static final int MONEY_SCALE = 2;
    /** The columns after {@code received_at}, empty, for a key-only row: 12 strings, then amount to data. */
    private static final byte[] KEY_ONLY_TAIL = ("\t".repeat(13) + "0\t\t0\t0\t\t\t\n").getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int size;
    private final StringBuilder scratch = new StringBuilder(32);

    private FactRowTsv(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] write(List<FactRow> rows) {
        FactRowTsv out = new FactRowTsv(Math.max(1024, rows.size() * 600));
        for (FactRow r : rows) {
            out.row(r);
        }
        return Arrays.copyOf(out.buf, out.size);
    }

    private void row(FactRow r) {
        field(r.source());
        field(r.eventId());
        field(r.type());
        if (!r.registeredType()) {
            // an event of an unknown type: its key, type and times; the payload is in the lake only
            ascii("0\t0\t");
            time(r.time());
            put('\t');
            time(r.receivedAt());
            bytes(KEY_ONLY_TAIL);
            return;
        }
        ascii(r.registeredType() ? "1\t" : "0\t");
        ascii(r.activity() ? "1\t" : "0\t");
        time(r.time());
        put('\t');
        time(r.receivedAt());
        put('\t');
        field(r.userId());
        field(r.anonymousId());
        field(r.subject());
        field(r.gameId());
        field(r.developerId());
        field(r.platform());
        field(r.country());
        field(r.genre());
        field(r.itemType());
        field(r.campaignId());
        field(r.sessionId());
        field(r.transactionId());
        ascii(money(r.amount()));
        put('\t');
        field(r.currency());
        ascii(money(r.amountRub()));
        put('\t');
        if (r.durationSeconds() < 0) {
            throw new IllegalArgumentException("durationSeconds is negative: " + r.durationSeconds());
        }
        ascii(Long.toString(r.durationSeconds()));
        put('\t');
        field(r.experimentKey());
        field(r.variant());
        value(r.dataJson());
        put('\n');
    }

    /** Decimal(18, 2) text; amounts with more places (rare currencies) are rounded half-up, never truncated. */
    static String money(BigDecimal v) {
        BigDecimal scaled = v.scale() == MONEY_SCALE ? v : v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        return scaled.toPlainString();
    }

    private void time(java.time.Instant t) {
        scratch.setLength(0);
        SqlLiterals.appendUtcMillis(t, scratch);
        ascii(scratch);
    }

    private void field(String value) {
        value(value);
        put('\t');
    }

    /**
     * A value in TSV escaping. Nearly every value is ASCII with nothing to escape: it is copied byte for byte;
     * anything else goes through {@link TabSeparatedRows#appendField} and UTF-8 encoding.
     */
    private void value(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
                StringBuilder escaped = new StringBuilder(n + 16);
                TabSeparatedRows.appendField(s, escaped);
                bytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        ascii(s);
    }

    private void ascii(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
