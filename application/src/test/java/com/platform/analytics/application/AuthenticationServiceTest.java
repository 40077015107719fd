package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {
    private final List<String> seen = new ArrayList<>();
    private final Principal service = new Principal("svc", Set.of(Role.SERVICE), Set.of(), Optional.empty());
    private final AuthenticationService auth = AuthenticationService.verifying(token -> {
        seen.add(token);
        if (!token.equals("good")) {
            throw new AnalyticsException(ErrorCode.UNAUTHENTICATED, "bad signature");
        }
        return service;
    });

    @Test
    void aBearerTokenIsHandedToTheVerifierWhateverTheSchemesCase() {
        assertThat(auth.authenticate(Optional.of("Bearer good"))).isEqualTo(service);
        assertThat(auth.authenticate(Optional.of("bearer   good "))).isEqualTo(service);
        assertThat(seen).containsExactly("good", "good");
        assertThatThrownBy(() -> auth.authenticate(Optional.of("Bearer bad"))).hasMessageContaining("bad signature");
    }

    @Test
    void noCredentialsOrAnotherSchemeIsUnauthenticatedWithoutAskingTheVerifier() {
        for (Optional<String> header : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("Basic dXNlcjpwdw=="),
                Optional.of("Bearer"), Optional.of("Bearer "))) {
            assertThatThrownBy(() -> auth.authenticate(header)).isInstanceOfSatisfying(AnalyticsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void withAuthenticationOffEveryCallerIsTheLoopbackOperator() {
        AuthenticationService off = AuthenticationService.off();
        assertThat(off.required()).isFalse();
        assertThat(off.authenticate(Optional.empty())).isEqualTo(Principal.LOOPBACK_OPERATOR);
        assertThat(off.authenticate(Optional.of("Bearer anything"))).isEqualTo(Principal.LOOPBACK_OPERATOR);
    }
}
