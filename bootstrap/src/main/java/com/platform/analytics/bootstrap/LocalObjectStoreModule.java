package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.objectstore.LocalDirectoryObjectStore;
import com.platform.analytics.port.out.ObjectStore;

/** The raw lake and object store of the embedded profile: a local directory. */
final class LocalObjectStoreModule extends AbstractModule {
    @Provides
    @Singleton
    ObjectStore objectStore(AnalyticsConfig config) {
        return new LocalDirectoryObjectStore(config.lakeDir());
    }
}
