package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.postgres.JooqAccessAuditLog;
import com.platform.analytics.adapter.postgres.JooqPseudonymVault;
import com.platform.analytics.adapter.postgres.PostgresMetadata;
import com.platform.analytics.application.RealIdExportService;
import com.platform.analytics.application.RealIdRecording;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.privacy.RealIdCipher;
import com.platform.analytics.domain.privacy.VaultKey;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase;
import com.platform.analytics.port.out.SegmentDefinitionStore;
import com.platform.analytics.port.out.SegmentEngine;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Re-identification (vault.*): when enabled, ingestion keeps each pseudonym's real id encrypted in the metadata store's
 * vault table, and a caller holding the dedicated permission may export a segment with real ids, every export audited.
 * Off by default: then nothing is kept, and the export answers that it is not configured.
 */
final class ReidentificationModule extends AbstractModule {
    static final String KEY_ENV = "ANALYTICS_VAULT_KEY";

    private final Map<String, String> env;

    ReidentificationModule(Map<String, String> env) {
        this.env = env;
    }

    /** The vault's pieces, or nothing when it is off. */
    record Reidentification(Optional<RealIdRecording> recording, Optional<SegmentRealIdExportUseCase> export) {
    }

    @Provides
    @Singleton
    Reidentification reidentification(AnalyticsConfig config, PostgresMetadata metadata, SegmentDefinitionStore segments,
            SegmentEngine engine, AccessPolicy policy, Clock clock) {
        ServiceSurface.Vault vault = config.surface().vault();
        if (vault == null) {
            return new Reidentification(Optional.empty(), Optional.empty());
        }
        String encoded = Secrets.require(vault.keyFile(), "vault.key_file", KEY_ENV, env).strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ConfigLoader.ConfigException("the vault key (" + KEY_ENV + " or vault.key_file) is not base64");
        }
        if (key.length != VaultKey.KEY_BYTES) {
            throw new ConfigLoader.ConfigException("the vault key (" + KEY_ENV + " or vault.key_file) must be "
                    + VaultKey.KEY_BYTES + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), got " + key.length);
        }
        RealIdCipher cipher = new RealIdCipher(new VaultKey(vault.keyId(), key));
        JooqPseudonymVault store = new JooqPseudonymVault(metadata.dataSource());
        return new Reidentification(Optional.of(new RealIdRecording(store, cipher)), Optional.of(new RealIdExportService(
                segments, engine, store, cipher, new JooqAccessAuditLog(metadata.dataSource()), policy, clock)));
    }
}
