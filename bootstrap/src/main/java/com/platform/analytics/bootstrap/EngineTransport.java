package com.platform.analytics.bootstrap;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The warehouse engine's transport as the profile's module opens it (chDB in process, or a ClickHouse server),
 * before the schema is migrated. Only {@link ClickHouseModule} takes it: everything else gets the plain
 * {@code ClickHouseTransport}, which is handed out only once the migrations have run.
 */
@jakarta.inject.Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD})
@interface EngineTransport {
}
