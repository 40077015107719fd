package com.platform.analytics.adapter.postgres;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.EncryptedId;
import com.platform.analytics.port.out.PseudonymVault;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/**
 * {@link PseudonymVault} over the {@code pseudonym_vault} table (migration V5), through jOOQ. Takes its own
 * {@link DataSource}, so that the vault can be reached through a separate database role from the rest of the metadata.
 *
 * <p>Writes are multi-row {@code INSERT ... ON CONFLICT (pseudonym) DO NOTHING} of at most {@value #CHUNK} rows, all
 * chunks in one transaction; reads are {@code IN} lists of at most {@value #CHUNK} pseudonyms (bind parameters: the
 * driver's limit is 32767 per statement, and smaller statements plan and cache better).
 */
public final class JooqPseudonymVault implements PseudonymVault {
    static final int CHUNK = 1000;
    private static final Table<Record> VAULT = table(name("pseudonym_vault"));
    private static final Field<String> PSEUDONYM = field(name("pseudonym"), SQLDataType.CLOB);
    private static final Field<String> KEY_ID = field(name("key_id"), SQLDataType.CLOB);
    private static final Field<byte[]> NONCE = field(name("nonce"), SQLDataType.BLOB);
    private static final Field<byte[]> CIPHERTEXT = field(name("ciphertext"), SQLDataType.BLOB);

    private final DSLContext sql;

    @Inject
    public JooqPseudonymVault(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.sql = MetadataSql.dsl(dataSource);
    }

    @Override
    public void remember(Map<String, EncryptedId> entries) {
        requireNonNull(entries, "entries is null");
        if (entries.isEmpty()) {
            return;
        }
        List<Map.Entry<String, EncryptedId>> all = new ArrayList<>(entries.entrySet());
        for (Map.Entry<String, EncryptedId> e : all) {
            requireNonNull(e.getKey(), "a pseudonym is null");
            requireNonNull(e.getValue(), "the entry of " + e.getKey() + " is null");
        }
        translated("remember " + all.size() + " pseudonyms", () -> {
            sql.transaction(tx -> {
                for (int from = 0; from < all.size(); from += CHUNK) {
                    InsertValuesStep4<Record, String, String, byte[], byte[]> insert = tx.dsl()
                            .insertInto(VAULT, PSEUDONYM, KEY_ID, NONCE, CIPHERTEXT);
                    for (Map.Entry<String, EncryptedId> e : all.subList(from, Math.min(all.size(), from + CHUNK))) {
                        EncryptedId id = e.getValue();
                        insert = insert.values(e.getKey(), id.keyId(), id.nonce(), id.ciphertext());
                    }
                    insert.onConflict(PSEUDONYM).doNothing().execute();
                }
            });
            return null;
        });
    }

    @Override
    public Map<String, EncryptedId> lookup(Collection<String> pseudonyms) {
        requireNonNull(pseudonyms, "pseudonyms is null");
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(pseudonyms));
        Map<String, EncryptedId> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
            translated("look up " + chunk.size() + " pseudonyms", () -> {
                sql.select(PSEUDONYM, KEY_ID, NONCE, CIPHERTEXT).from(VAULT).where(PSEUDONYM.in(chunk))
                        .forEach(r -> found.put(r.get(PSEUDONYM), entry(r)));
                return null;
            });
        }
        return found;
    }

    private static EncryptedId entry(Record r) {
        try {
            return new EncryptedId(r.get(KEY_ID), r.get(NONCE), r.get(CIPHERTEXT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AnalyticsException(ErrorCode.INTERNAL_ERROR,
                    "a pseudonym vault row is malformed: " + e.getMessage());
        }
    }

    private static <T> T translated(String action, Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE,
                    "pseudonym vault: could not " + action + ": " + e.getMessage(), null, null, e);
        }
    }
}
