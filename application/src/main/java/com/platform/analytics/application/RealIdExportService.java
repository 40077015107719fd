package com.platform.analytics.application;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.AuditEntry;
import com.platform.analytics.domain.privacy.EncryptedId;
import com.platform.analytics.domain.privacy.RealIdCipher;
import com.platform.analytics.domain.segment.SegmentDefinition;
import com.platform.analytics.port.in.SegmentRealIdExportUseCase;
import com.platform.analytics.port.in.SegmentsUseCase;
import com.platform.analytics.port.out.AccessAuditLog;
import com.platform.analytics.port.out.PseudonymVault;
import com.platform.analytics.port.out.SegmentDefinitionStore;
import com.platform.analytics.port.out.SegmentEngine;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@link SegmentRealIdExportUseCase}: the current snapshot's members from the warehouse, their encrypted real ids from
 * the vault, decrypted here, and one audit entry written before any id leaves.
 *
 * <p>Order of checks: the permission first (a refused caller learns nothing, not even whether the segment exists,
 * and the refusal is audited too, best effort), then the purpose, then the segment. Members the vault does not know
 * are listed, never guessed. An entry that does not decrypt (altered, or moved to another pseudonym) fails the whole
 * export: nothing is handed out and nothing is audited as exported.
 *
 * <p>The members are read page by page; a refresh between pages could mix two snapshots, so the snapshot time is read
 * before and after (and the count checked): when it changed, the read starts again, up to {@value #ATTEMPTS} times.
 */
public final class RealIdExportService implements SegmentRealIdExportUseCase {
    private static final System.Logger LOG = System.getLogger(RealIdExportService.class.getName());
    static final int PAGE = SegmentsUseCase.MAX_PAGE_SIZE;
    static final int ATTEMPTS = 3;

    private final SegmentDefinitionStore segments;
    private final SegmentEngine engine;
    private final PseudonymVault vault;
    private final RealIdCipher cipher;
    private final AccessAuditLog audit;
    private final AccessPolicy policy;
    private final Clock clock;

    @Inject
    public RealIdExportService(SegmentDefinitionStore segments, SegmentEngine engine, PseudonymVault vault,
            RealIdCipher cipher, AccessAuditLog audit, AccessPolicy policy, Clock clock) {
        this.segments = requireNonNull(segments, "segments is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.vault = requireNonNull(vault, "vault is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public RealIdExport export(Principal caller, UUID segmentId, String purpose) {
        requireNonNull(caller, "caller is null");
        requireNonNull(segmentId, "segmentId is null");
        String resource = "segment:" + segmentId;
        authorize(caller, resource);
        String why = validPurpose(purpose);
        SegmentDefinition segment = segments.find(segmentId).orElseThrow(() -> new AnalyticsException(
                ErrorCode.SEGMENT_DEFINITION_NOT_FOUND, "no segment definition with id " + segmentId, "segment_id", null, null));

        List<String> members = currentMembers(segment);
        Map<String, EncryptedId> sealed = vault.lookup(members);
        List<RealIdPair> pairs = new ArrayList<>(sealed.size());
        List<String> missing = new ArrayList<>();
        for (String pseudonym : members) {
            EncryptedId entry = sealed.get(pseudonym);
            if (entry == null) {
                missing.add(pseudonym);
            } else {
                pairs.add(new RealIdPair(pseudonym, cipher.decrypt(pseudonym, entry)));
            }
        }
        Instant at = clock.instant();
        // durable before a single id is returned: no audit entry, no export
        audit.record(new AuditEntry(caller.subject(), at, EXPORT_ACTION, resource, pairs.size(), why));
        return new RealIdExport(segmentId, at, members.size(), pairs, missing);
    }

    /**
     * The dedicated permission, which no role grants (not even platform_admin), and a caller not limited to one
     * developer's games: a segment's members are users of every game.
     */
    private void authorize(Principal caller, String resource) {
        try {
            policy.require(caller, Permission.EXPORT_REAL_USER_IDS);
            if (!policy.scopeOf(caller).unrestricted()) {
                throw new AnalyticsException(ErrorCode.ACCESS_DENIED_TO_RESOURCE, "a caller limited to one developer's "
                        + "games cannot export a segment's real user ids: segments span every game");
            }
        } catch (AnalyticsException refused) {
            try {
                audit.record(new AuditEntry(caller.subject(), clock.instant(), REFUSED_ACTION, resource, 0, refused.detail()));
            } catch (RuntimeException e) {
                // the refusal stands whether or not it could be written down
                LOG.log(System.Logger.Level.WARNING, "could not audit a refused export of " + resource, e);
            }
            throw refused;
        }
    }

    private static String validPurpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw AnalyticsException.invalidBody("/purpose", "purpose is required: say why the real ids are needed");
        }
        String p = purpose.strip();
        if (p.codePointCount(0, p.length()) > MAX_PURPOSE_LENGTH) {
            throw AnalyticsException.invalidBody("/purpose", "purpose is at most " + MAX_PURPOSE_LENGTH + " characters");
        }
        if (p.codePoints().anyMatch(Character::isISOControl)) {
            throw AnalyticsException.invalidBody("/purpose", "purpose is one line of text without control characters");
        }
        return p;
    }

    /**
     * Every member of the segment's current snapshot, ordered by pseudonym. A snapshot is kept until the refresh after
     * the one that replaced it; should the reads outlast that, the members read fall short of the recorded count and
     * the current snapshot is read again.
     */
    private List<String> currentMembers(SegmentDefinition segment) {
        UUID id = segment.id();
        SegmentDefinition current = segment;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (current.lastCalculatedAt() == null) {
                return List.of();
            }
            long count = current.currentUserCount();
            if (count > MAX_EXPORT_MEMBERS) {
                throw AnalyticsException.invalidParameter("segment_id", "segment " + segment.name() + " has " + count
                        + " members; at most " + MAX_EXPORT_MEMBERS + " are exported at once");
            }
            TreeSet<String> members = new TreeSet<>();
            for (long offset = 0; ; offset += PAGE) {
                List<String> page = engine.members(id, current.lastCalculatedAt(), offset, PAGE);
                members.addAll(page);
                if (page.size() < PAGE || members.size() > MAX_EXPORT_MEMBERS) {
                    break;
                }
            }
            if (members.size() == count) {
                return new ArrayList<>(members);
            }
            current = segments.find(id).orElseThrow(() -> new AnalyticsException(ErrorCode.SEGMENT_DEFINITION_NOT_FOUND,
                    "segment " + id + " was deleted during the export", "segment_id", null, null));
        }
        throw new AnalyticsException(ErrorCode.SERVICE_BUSY, "segment " + segment.name() + " was refreshed during each of "
                + ATTEMPTS + " reads of its members; try again");
    }
}
