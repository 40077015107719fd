package com.platform.analytics.adapter.grpc;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.port.in.AuthenticationUseCase;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Who is calling: the {@code authorization} metadata entry ({@code Bearer <JWT>}, as the REST API's header) goes to
 * the authentication use case, and the caller it names rides in the call's {@link Context} under {@link #CALLER}
 * for the methods to check. A call it refuses never reaches a method: UNAUTHENTICATED with code UNAUTHENTICATED.
 */
final class CallerAuthentication implements ServerInterceptor {
    static final Context.Key<Principal> CALLER = Context.key("analytics-caller");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AuthenticationUseCase authentication;

    CallerAuthentication(AuthenticationUseCase authentication) {
        this.authentication = requireNonNull(authentication, "authentication is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Principal caller;
        try {
            caller = authentication.authenticate(Optional.ofNullable(headers.get(AUTHORIZATION)));
        } catch (RuntimeException e) {
            StatusRuntimeException status = ErrorStatuses.of(e);
            call.close(status.getStatus(), status.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
    }
}
