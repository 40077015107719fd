package com.platform.analytics.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();

    private static Principal of(Set<Role> roles, Set<Permission> permissions, String developer) {
        return new Principal("sub-1", roles, permissions, Optional.ofNullable(developer));
    }

    @Test
    void anAdminMayDoEverythingButExportRealIds() {
        Principal admin = of(Set.of(Role.PLATFORM_ADMIN), Set.of(), null);
        for (Permission p : Permission.values()) {
            if (p == Permission.EXPORT_REAL_USER_IDS) {
                assertThatThrownBy(() -> policy.require(admin, p)).isInstanceOf(AnalyticsException.class)
                        .hasMessageContaining("segments:export_real_ids");
            } else {
                assertThatCode(() -> policy.require(admin, p)).doesNotThrowAnyException();
            }
        }
        Principal exporter = of(Set.of(Role.MARKETING_MANAGER), Set.of(Permission.EXPORT_REAL_USER_IDS), null);
        assertThatCode(() -> policy.require(exporter, Permission.EXPORT_REAL_USER_IDS)).doesNotThrowAnyException();
    }

    @Test
    void aMarketingManagerNeverReadsRawEventsAndADeveloperNeverManagesSegments() {
        Principal marketing = of(Set.of(Role.MARKETING_MANAGER), Set.of(), null);
        assertThatThrownBy(() -> policy.require(marketing, Permission.READ_RAW_EVENTS))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        assertThatCode(() -> policy.require(marketing, Permission.MANAGE_SEGMENTS)).doesNotThrowAnyException();
        Principal developer = of(Set.of(Role.DEVELOPER), Set.of(), "dev-1");
        assertThatThrownBy(() -> policy.require(developer, Permission.MANAGE_SEGMENTS)).isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> policy.require(developer, Permission.READ_SEGMENTS)).as("user lists are not aggregated statistics").isInstanceOf(AnalyticsException.class);
        assertThatThrownBy(() -> policy.require(developer, Permission.INGEST_EVENTS)).isInstanceOf(AnalyticsException.class);
        assertThatCode(() -> policy.require(developer, Permission.READ_METRICS)).doesNotThrowAnyException();
        Principal nobody = of(Set.of(), Set.of(), null);
        assertThatThrownBy(() -> policy.require(nobody, Permission.READ_METRICS)).isInstanceOf(AnalyticsException.class);
    }

    @Test
    void aDeveloperIsScopedToTheirGamesAndAnAdminIsNot() {
        assertThat(policy.scopeOf(of(Set.of(Role.DEVELOPER), Set.of(), "dev-1"))).isEqualTo(DataScope.developer("dev-1"));
        assertThat(policy.scopeOf(of(Set.of(Role.DEVELOPER, Role.MARKETING_MANAGER), Set.of(), "dev-1")))
                .isEqualTo(DataScope.developer("dev-1"));
        assertThat(policy.scopeOf(of(Set.of(Role.PLATFORM_ADMIN, Role.DEVELOPER), Set.of(), "dev-1"))).isEqualTo(DataScope.ALL_GAMES);
        assertThat(policy.scopeOf(of(Set.of(Role.SERVICE), Set.of(), null))).isEqualTo(DataScope.ALL_GAMES);
        assertThat(policy.scopeOf(Principal.LOOPBACK_OPERATOR)).isEqualTo(DataScope.ALL_GAMES);
    }

    @Test
    void anotherDevelopersGameAndAnUnknownGameAreBothDenied() {
        DataScope dev1 = DataScope.developer("dev-1");
        assertThatCode(() -> policy.requireGame(dev1, "g1", Optional.of("dev-1"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.requireGame(dev1, "g2", Optional.of("dev-2")))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        assertThatThrownBy(() -> policy.requireGame(dev1, "g3", Optional.empty()))
                .isInstanceOfSatisfying(AnalyticsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED_TO_RESOURCE));
        assertThatCode(() -> policy.requireGame(DataScope.ALL_GAMES, "g3", Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void aDeveloperPrincipalNeedsItsDeveloperIdAndRolesComeFromTheirClaimNames() {
        assertThatThrownBy(() -> of(Set.of(Role.DEVELOPER), Set.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Role.fromClaim("marketing_manager")).contains(Role.MARKETING_MANAGER);
        assertThat(Role.fromClaim("root")).isEmpty();
        assertThat(Permission.fromClaim("segments:export_real_ids")).contains(Permission.EXPORT_REAL_USER_IDS);
    }
}
