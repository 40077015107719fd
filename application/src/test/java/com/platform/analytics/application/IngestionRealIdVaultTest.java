package com.platform.analytics.application;

import static com.platform.analytics.domain.event.EventTypes.USER_LOGGED_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.event.BodyFormat;
import com.platform.analytics.domain.event.EventBatchDecoder;
import com.platform.analytics.domain.event.EventTypeRegistry;
import com.platform.analytics.domain.event.EventValidator;
import com.platform.analytics.domain.fact.FactRow;
import com.platform.analytics.domain.fact.FactRowMapper;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.money.CurrencyRates;
import com.platform.analytics.domain.privacy.EncryptedId;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.domain.privacy.RealIdCipher;
import com.platform.analytics.domain.privacy.VaultKey;
import com.platform.analytics.port.in.IngestionResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ingestion with a pseudonym vault configured, and without: what reaches the vault, when, and in what form. */
class IngestionRealIdVaultTest {
    private static final String U1 = "3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60";
    private static final String U2 = "8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e";
    private static final String U3 = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final Instant NOW = Instant.parse("2026-03-15T12:34:56Z");

    private final Pseudonymizer pseudonymizer = new Pseudonymizer(
            new PseudonymizationKey("t1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private final RealIdCipher cipher = new RealIdCipher(new VaultKey("v1", "fedcba9876543210fedcba9876543210"
            .getBytes(StandardCharsets.US_ASCII)));
    private final InMemoryEventWarehouse warehouse = new InMemoryEventWarehouse();
    private final InMemoryObjectStore lake = new InMemoryObjectStore();
    private final InMemoryPseudonymVault vault = new InMemoryPseudonymVault();

    private IngestionService service(Optional<RealIdRecording> realIds) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new IngestionService(
                new EventBatchDecoder(1000),
                new EventValidator(EventTypeRegistry.platformContract()),
                pseudonymizer,
                new FactRowMapper(EventTypeRegistry.platformContract(), new CurrencyRates(Map.of("USD", new BigDecimal("90")))),
                warehouse,
                warehouse,
                new LakeWriter(lake, new InMemoryLakeJournal(), clock, LakeWriter.Settings.defaults()),
                new DeadLetterWriter(lake),
                clock,
                realIds);
    }

    private IngestionService withVault() {
        return service(Optional.of(new RealIdRecording(vault, cipher)));
    }

    private static String login(String id, String user, String country) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", "/auth-service");
        e.put("type", USER_LOGGED_IN);
        e.put("time", "2026-03-15T10:00:00Z");
        e.put("subject", user);
        e.put("data", new LinkedHashMap<>(Map.of("userId", user, "platform", "pc", "country", country)));
        return Json.write(e);
    }

    private static String ndjson(String... events) {
        return String.join("\n", events) + "\n";
    }

    @Test
    void everyStoredUserGetsOneEncryptedEntryPerRequestAndRejectedOnesNone() {
        IngestionResult result = withVault().ingest(BodyFormat.NDJSON, ndjson(login("a1", U1, "RU"), login("a2", U2, "RU"),
                login("a3", U1, "DE"), login("a4", U3, "russia")));

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.rejections()).hasSize(1);
        assertThat(vault.writes).as("one batch for the request").hasValue(1);
        assertThat(vault.rows).containsOnlyKeys(pseudonymizer.pseudonym(U1), pseudonymizer.pseudonym(U2));
        // the keys are the pseudonyms the warehouse stores, so a segment's members find their entries
        assertThat(warehouse.rows()).extracting(FactRow::userId).allMatch(vault.rows::containsKey);
        assertThat(cipher.decrypt(pseudonymizer.pseudonym(U1), vault.rows.get(pseudonymizer.pseudonym(U1)))).isEqualTo(U1);
        assertThat(cipher.decrypt(pseudonymizer.pseudonym(U2), vault.rows.get(pseudonymizer.pseudonym(U2)))).isEqualTo(U2);
    }

    @Test
    void theVaultNeverHoldsARealIdInClear() {
        withVault().ingest(BodyFormat.NDJSON, ndjson(login("c1", U1, "RU"), login("c2", U2, "RU")));

        assertThat(vault.rows).hasSize(2);
        for (Map.Entry<String, EncryptedId> row : vault.rows.entrySet()) {
            EncryptedId e = row.getValue();
            String stored = row.getKey() + e.keyId() + new String(e.nonce(), StandardCharsets.ISO_8859_1)
                    + new String(e.ciphertext(), StandardCharsets.ISO_8859_1) + HexFormat.of().formatHex(e.ciphertext())
                    + new String(e.ciphertext(), StandardCharsets.UTF_8);
            for (String real : new String[] {U1, U2}) {
                assertThat(stored).doesNotContain(real).doesNotContain(real.substring(0, 8))
                        .doesNotContain(HexFormat.of().formatHex(real.substring(0, 8).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void usersWrittenOnceAreNotWrittenAgainButNewOnesAre() {
        IngestionService service = withVault();
        service.ingest(BodyFormat.NDJSON, ndjson(login("r1", U1, "RU")));
        service.ingest(BodyFormat.NDJSON, ndjson(login("r2", U1, "RU")));
        assertThat(vault.writes).hasValue(1);

        service.ingest(BodyFormat.NDJSON, ndjson(login("r3", U1, "RU"), login("r4", U2, "RU")));
        assertThat(vault.writes).hasValue(2);
        assertThat(vault.rows).containsOnlyKeys(pseudonymizer.pseudonym(U1), pseudonymizer.pseudonym(U2));
    }

    @Test
    void aFailedVaultWriteFailsTheRequestBeforeAnyStoreAndTheRetryWritesIt() {
        IngestionService service = withVault();
        String body = ndjson(login("f1", U1, "RU"), login("f2", U2, "RU"));
        vault.failNextWrite();

        assertThatThrownBy(() -> service.ingest(BodyFormat.NDJSON, body))
                .isInstanceOfSatisfying(AnalyticsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThat(warehouse.rows()).isEmpty();
        assertThat(lake.list("")).isEmpty();
        assertThat(vault.rows).isEmpty();

        IngestionResult retry = service.ingest(BodyFormat.NDJSON, body);
        assertThat(retry.accepted()).isEqualTo(2);
        assertThat(vault.rows).containsOnlyKeys(pseudonymizer.pseudonym(U1), pseudonymizer.pseudonym(U2));
        assertThat(warehouse.rows()).hasSize(2);
    }

    @Test
    void withoutAVaultIngestionStoresTheSameAndNoRealIdIsKept() {
        IngestionResult result = service(Optional.empty()).ingest(BodyFormat.NDJSON, ndjson(login("n1", U1, "RU"), login("n2", U2, "RU")));

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(warehouse.rows()).extracting(FactRow::userId)
                .containsExactlyInAnyOrder(pseudonymizer.pseudonym(U1), pseudonymizer.pseudonym(U2));
        assertThat(vault.writes).hasValue(0);
        assertThat(vault.rows).isEmpty();
    }
}
