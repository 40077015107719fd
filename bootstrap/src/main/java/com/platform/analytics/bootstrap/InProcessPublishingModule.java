package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.platform.analytics.application.InProcessEventPublisher;
import com.platform.analytics.port.out.EventPublisher;

/** Published events delivered to listeners in this process (the embedded profile; a JVM application subscribes). */
final class InProcessPublishingModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(InProcessEventPublisher.class).in(Scopes.SINGLETON);
        bind(EventPublisher.class).to(InProcessEventPublisher.class);
    }
}
