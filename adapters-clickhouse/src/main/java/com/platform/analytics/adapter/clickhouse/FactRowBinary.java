package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.fact.FactRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes fact rows for {@code events} in ClickHouse's {@code RowBinary}: no quoting or escaping on either side,
 * so both this writer and the engine's reader do far less work per row than with JSON. The column order is
 * {@link #COLUMNS}; the statement must name them.
 */
final class FactRowBinary {
    static final String COLUMNS = "source, event_id, type, is_registered_type, is_activity, ts, received_at, user_id, "
            + "anonymous_id, subject, game_id, developer_id, platform, country, genre, item_type, campaign_id, session_id, "
            + "transaction_id, amount, currency, amount_rub, duration_seconds, experiment_key, variant, data";
    static final int MONEY_SCALE = 2;

    private byte[] buf;
    private int size;

    private FactRowBinary(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] write(List<FactRow> rows) {
        FactRowBinary out = new FactRowBinary(Math.max(1024, rows.size() * 700));
        for (FactRow r : rows) {
            out.row(r);
        }
        return Arrays.copyOf(out.buf, out.size);
    }

    private void row(FactRow r) {
        string(r.source());
        string(r.eventId());
        string(r.type());
        uint8(r.registeredType() ? 1 : 0);
        uint8(r.activity() ? 1 : 0);
        int64(r.time().toEpochMilli());
        int64(r.receivedAt().toEpochMilli());
        string(r.userId());
        string(r.anonymousId());
        string(r.subject());
        string(r.gameId());
        string(r.developerId());
        string(r.platform());
        string(r.country());
        string(r.genre());
        string(r.itemType());
        string(r.campaignId());
        string(r.sessionId());
        string(r.transactionId());
        int64(money(r.amount()));
        string(r.currency());
        int64(money(r.amountRub()));
        if (r.durationSeconds() < 0) {
            throw new IllegalArgumentException("durationSeconds is negative: " + r.durationSeconds());
        }
        int64(r.durationSeconds());
        string(r.experimentKey());
        string(r.variant());
        string(r.dataJson());
    }

    /** Decimal(18, 2) as its unscaled Int64; amounts with more places are rounded half-up, never truncated. */
    static long money(BigDecimal v) {
        BigDecimal scaled = v.scale() == MONEY_SCALE ? v : v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        return scaled.unscaledValue().longValueExact();
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void uint8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    private void int64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** Length-prefixed UTF-8; ASCII (nearly every value) is copied without an intermediate array. */
    private void string(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            varint(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        } else {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }
    }
}
