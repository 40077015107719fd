package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.jwt.JwtSettings;
import com.platform.analytics.adapter.jwt.JwtTokenVerifier;
import com.platform.analytics.application.AuthenticationService;
import com.platform.analytics.domain.access.AccessPolicy;
import com.platform.analytics.port.in.AuthenticationUseCase;
import java.time.Duration;
import java.util.LinkedHashSet;

/** Who may call (auth.*): JWT bearer tokens verified by the service, or nobody checked on loopback only. */
final class SecurityModule extends AbstractModule {
    @Provides
    @Singleton
    AccessPolicy accessPolicy() {
        return new AccessPolicy();
    }

    @Provides
    @Singleton
    AuthenticationUseCase authentication(AnalyticsConfig config) {
        ServiceSurface.Auth auth = config.surface().auth();
        if (!auth.jwt()) {
            return AuthenticationService.off();
        }
        JwtSettings.Builder settings = JwtSettings.builder()
                .issuer(auth.issuer())
                .audiences(new LinkedHashSet<>(auth.audiences()))
                .algorithms(new LinkedHashSet<>(auth.algorithms()))
                .clockSkew(Duration.ofSeconds(auth.clockSkewSeconds()))
                .jwksCacheLifetime(Duration.ofSeconds(auth.jwksCacheSeconds()))
                .rolesClaim(auth.rolesClaim())
                .permissionsClaim(auth.permissionsClaim())
                .developerIdClaim(auth.developerIdClaim());
        if (auth.jwksUrl() != null) {
            settings.jwksUrl(auth.jwksUrl());
        } else {
            settings.publicKeyFile(auth.publicKeyFile());
        }
        try {
            return AuthenticationService.verifying(new JwtTokenVerifier(settings.build()));
        } catch (IllegalArgumentException e) {
            throw new ConfigLoader.ConfigException("auth.jwt: " + e.getMessage());
        }
    }
}
