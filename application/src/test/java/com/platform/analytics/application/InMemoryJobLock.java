package com.platform.analytics.application;

import com.platform.analytics.port.out.JobLock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link JobLock} in memory: one map of claims shared by every scheduler given the same instance, as the table is. */
final class InMemoryJobLock implements JobLock {
    final Map<String, String> claims = new ConcurrentHashMap<>();
    private final String owner;
    private final InMemoryJobLock shared;
    volatile boolean down;

    InMemoryJobLock(String owner) {
        this.owner = owner;
        this.shared = this;
    }

    private InMemoryJobLock(String owner, InMemoryJobLock shared) {
        this.owner = owner;
        this.shared = shared;
    }

    /** Another instance's view of the same claims. */
    InMemoryJobLock as(String otherOwner) {
        return new InMemoryJobLock(otherOwner, shared);
    }

    @Override
    public Optional<Lease> tryLock(String jobName, Instant fireTime) {
        if (shared.down) {
            throw new IllegalStateException("claims store down");
        }
        return shared.claims.putIfAbsent(jobName + "@" + fireTime, owner) == null
                ? Optional.of(new Lease(jobName, fireTime, owner)) : Optional.empty();
    }

    @Override
    public int forgetClaimsBefore(Instant before) {
        int forgotten = 0;
        for (String key : List.copyOf(shared.claims.keySet())) {
            String job = key.substring(0, key.lastIndexOf('@'));
            Instant fire = Instant.parse(key.substring(job.length() + 1));
            if (fire.isBefore(before) && fire.isBefore(lastClaimedFire(job).orElseThrow())) {
                shared.claims.remove(key);
                forgotten++;
            }
        }
        return forgotten;
    }

    @Override
    public Optional<Instant> lastClaimedFire(String jobName) {
        if (shared.down) {
            throw new IllegalStateException("claims store down");
        }
        return shared.claims.keySet().stream().filter(k -> k.startsWith(jobName + "@"))
                .map(k -> Instant.parse(k.substring(jobName.length() + 1))).max(Comparator.naturalOrder());
    }
}
