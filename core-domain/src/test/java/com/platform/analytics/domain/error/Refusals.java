package com.platform.analytics.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The one check the request parsers' tests share: a request is refused as {@code INVALID_QUERY_PARAMETERS}, the
 * error naming the field at fault, so a client can show it.
 */
public final class Refusals {
    private Refusals() {
    }

    /** {@code call} (reading {@code request}) is refused at JSON {@code pointer}, the detail holding every part. */
    public static void assertRefusedAt(String request, ThrowingCallable call, String pointer, String... detailParts) {
        assertThatThrownBy(call)
                .as(request)
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                    assertThat(e.pointer()).as(e.detail()).hasValue(pointer);
                    for (String part : detailParts) {
                        assertThat(e.detail()).contains(part);
                    }
                });
    }

    /** {@code call} (reading {@code request}) is refused naming the URL {@code parameter}. */
    public static void assertRefusedParameter(String request, ThrowingCallable call, String parameter) {
        assertThatThrownBy(call)
                .as(request)
                .isInstanceOfSatisfying(AnalyticsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY_PARAMETERS);
                    assertThat(e.parameter()).as(e.detail()).hasValue(parameter);
                });
    }
}
