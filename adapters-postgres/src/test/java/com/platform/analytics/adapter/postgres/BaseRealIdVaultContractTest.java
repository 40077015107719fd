package com.platform.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.AuditEntry;
import com.platform.analytics.domain.privacy.EncryptedId;
import com.platform.analytics.domain.privacy.RealIdCipher;
import com.platform.analytics.domain.privacy.VaultKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the pseudonym vault and the access audit log, whoever runs the PostgreSQL server: the embedded
 * one and the machine's PostgreSQL 15 each run it on a freshly migrated database.
 */
abstract class BaseRealIdVaultContractTest {
    private static final Instant T0 = Instant.parse("2026-03-15T12:00:00.123456Z");
    private final RealIdCipher cipher = new RealIdCipher(new VaultKey("v1", "0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII)));

    /** The pooled connections of a freshly migrated database, open for the whole class. */
    protected abstract DataSource dataSource();

    private JooqPseudonymVault vault() {
        return new JooqPseudonymVault(dataSource());
    }

    private JooqAccessAuditLog audit() {
        return new JooqAccessAuditLog(dataSource());
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE pseudonym_vault, access_audit_log RESTART IDENTITY");
        }
    }

    private static String pseudonym(int i) {
        return String.format("t1_%032x", i);
    }

    private static String realId(int i) {
        return String.format("user-%06d@real", i);
    }

    private Map<String, EncryptedId> sealed(int from, int to) {
        Map<String, EncryptedId> out = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            out.put(pseudonym(i), cipher.encrypt(pseudonym(i), realId(i)));
        }
        return out;
    }

    @Test
    void rememberedEntriesComeBackAsStoredAndAbsentOnesAreNotInvented() {
        Map<String, EncryptedId> entries = sealed(0, 3);
        vault().remember(entries);

        Map<String, EncryptedId> found = vault().lookup(List.of(pseudonym(0), pseudonym(2), pseudonym(7), pseudonym(0)));

        assertThat(found).containsOnlyKeys(pseudonym(0), pseudonym(2));
        assertThat(found.get(pseudonym(0))).isEqualTo(entries.get(pseudonym(0)));
        assertThat(cipher.decrypt(pseudonym(2), found.get(pseudonym(2)))).isEqualTo(realId(2));
        assertThat(vault().lookup(List.of())).isEmpty();
        vault().remember(Map.of());
    }

    @Test
    void rememberingAgainKeepsTheFirstEntry() {
        Map<String, EncryptedId> first = sealed(0, 2);
        vault().remember(first);

        Map<String, EncryptedId> again = sealed(1, 3); // pseudonym 1 again (a fresh nonce), pseudonym 2 new
        vault().remember(again);

        Map<String, EncryptedId> found = vault().lookup(List.of(pseudonym(0), pseudonym(1), pseudonym(2)));
        assertThat(found.get(pseudonym(1))).isEqualTo(first.get(pseudonym(1))).isNotEqualTo(again.get(pseudonym(1)));
        assertThat(found.get(pseudonym(2))).isEqualTo(again.get(pseudonym(2)));
        assertThat(count("SELECT count(*) FROM pseudonym_vault")).isEqualTo(3);
    }

    @Test
    void batchesBeyondOneStatementAreWrittenAndReadWhole() {
        int n = 2 * JooqPseudonymVault.CHUNK + 345;
        Map<String, EncryptedId> entries = sealed(0, n);
        vault().remember(entries);
        List<String> asked = new ArrayList<>(entries.keySet());
        asked.add(pseudonym(n + 1));

        Map<String, EncryptedId> found = vault().lookup(asked);

        assertThat(found).hasSize(n).isEqualTo(entries);
        assertThat(count("SELECT count(*) FROM pseudonym_vault WHERE first_seen IS NOT NULL")).isEqualTo(n);
    }

    @Test
    void aBatchThatFailsPartWayStoresNothingAndFailsAsStorage() {
        Map<String, EncryptedId> entries = sealed(0, JooqPseudonymVault.CHUNK + 10);
        // PostgreSQL text cannot hold a NUL character: the second statement fails after the first succeeded
        entries.put("t1_\u0000", cipher.encrypt("t1_\u0000", "x"));

        assertThatThrownBy(() -> vault().remember(entries))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageNotContaining(realId(0));
        assertThat(count("SELECT count(*) FROM pseudonym_vault")).isZero();
    }

    @Test
    void theStoredRowHoldsNoRealIdInClear() throws SQLException {
        String real = "3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60";
        vault().remember(Map.of(pseudonym(1), cipher.encrypt(pseudonym(1), real)));

        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pseudonym, key_id, nonce, ciphertext, first_seen::text FROM pseudonym_vault")) {
            assertThat(rs.next()).isTrue();
            StringBuilder row = new StringBuilder();
            for (int col = 1; col <= 5; col++) {
                byte[] bytes = rs.getBytes(col);
                row.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('|').append(HexFormat.of().formatHex(bytes)).append('|');
            }
            assertThat(row.toString()).doesNotContain(real).doesNotContain(real.substring(0, 8))
                    .doesNotContain(HexFormat.of().formatHex(real.substring(0, 8).getBytes(StandardCharsets.UTF_8)));
            assertThat(rs.getString("key_id")).isEqualTo("v1");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aRowCopiedToAnotherPseudonymDoesNotDecrypt() throws SQLException {
        vault().remember(sealed(0, 1));
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO pseudonym_vault (pseudonym, key_id, nonce, ciphertext) SELECT '" + pseudonym(9)
                    + "', key_id, nonce, ciphertext FROM pseudonym_vault WHERE pseudonym = '" + pseudonym(0) + "'");
        }
        EncryptedId moved = vault().lookup(List.of(pseudonym(9))).get(pseudonym(9));

        assertThatThrownBy(() -> cipher.decrypt(pseudonym(9), moved))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    @Test
    void auditEntriesReadBackNewestFirstAsWritten() {
        AuditEntry first = new AuditEntry("admin-1", T0, "segment.export_real_ids", "segment:7d4e", 1500,
                "newsletter 'spring' — доставка");
        AuditEntry second = new AuditEntry("svc-mail", T0.plusSeconds(1), "segment.export_real_ids.refused",
                "segment:9a0b", 0, "missing permission");
        AuditEntry third = new AuditEntry("admin-1", T0.plusSeconds(1), "segment.export_real_ids", "segment:9a0b", 3,
                "retargeting");
        audit().record(first);
        audit().record(second);
        audit().record(third);

        assertThat(audit().recent(2)).containsExactly(third, second);
        assertThat(audit().recent(100)).containsExactly(third, second, first);
        assertThatThrownBy(() -> audit().recent(0)).isInstanceOfSatisfying(AnalyticsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS));
    }

    @Test
    void theVaultIsATableOfItsOwnThatNothingReferences() {
        assertThat(count("SELECT count(*) FROM information_schema.table_constraints tc"
                + " JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name"
                + " WHERE tc.constraint_type = 'FOREIGN KEY'"
                + " AND (ccu.table_name IN ('pseudonym_vault', 'access_audit_log') OR tc.table_name IN ('pseudonym_vault', 'access_audit_log'))"))
                .isZero();
        assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'pseudonym_vault'"
                + " AND ((column_name IN ('nonce', 'ciphertext') AND data_type = 'bytea')"
                + " OR (column_name IN ('pseudonym', 'key_id') AND data_type = 'text')"
                + " OR (column_name = 'first_seen' AND data_type = 'timestamp with time zone'))")).isEqualTo(5);
    }

    private long count(String query) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
