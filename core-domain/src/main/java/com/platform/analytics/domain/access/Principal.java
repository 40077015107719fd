package com.platform.analytics.domain.access;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of one request, as its verified token describes it.
 *
 * @param subject the token's {@code sub} (an admin user, a developer account, a service account), for audit logs
 * @param roles the roles this service knows among those the token names
 * @param permissions permissions the token names one by one, on top of those of its roles
 * @param developerId the developer the token speaks for; required with {@link Role#DEVELOPER}
 */
public record Principal(String subject, Set<Role> roles, Set<Permission> permissions, Optional<String> developerId) {
    /** The caller when authentication is off: only allowed while the server listens on a loopback address. */
    public static final Principal LOOPBACK_OPERATOR = new Principal("loopback-operator", Set.of(Role.PLATFORM_ADMIN),
            Set.of(), Optional.empty());

    public Principal {
        requireNonNull(subject, "subject is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        permissions = Set.copyOf(requireNonNull(permissions, "permissions is null"));
        requireNonNull(developerId, "developerId is null");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a principal needs a subject");
        }
        if (roles.contains(Role.DEVELOPER) && developerId.isEmpty()) {
            throw new IllegalArgumentException("a developer principal needs the developer id it speaks for");
        }
        if (developerId.isPresent() && developerId.get().isBlank()) {
            throw new IllegalArgumentException("a developer id is not blank");
        }
    }

    /** Every permission of the roles plus those named one by one. */
    public Set<Permission> effectivePermissions() {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        for (Role r : roles) {
            all.addAll(r.grants());
        }
        all.addAll(permissions);
        return all;
    }

    public boolean has(Permission p) {
        return effectivePermissions().contains(p);
    }
}
