package com.platform.analytics.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.platform.analytics.adapter.objectstore.S3Config;
import com.platform.analytics.adapter.objectstore.S3ObjectStore;
import com.platform.analytics.port.out.ObjectStore;
import java.util.Map;

/** The cluster profile's raw lake and object store: an S3 bucket (AWS, MinIO, Yandex Object Storage...). */
final class S3ObjectStoreModule extends AbstractModule {
    private final Map<String, String> env;

    S3ObjectStoreModule(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Provides
    @Singleton
    ObjectStore objectStore(AnalyticsConfig config, Lifecycle lifecycle) {
        ClusterSettings.Lake lake = config.cluster().lake();
        String accessKeyId = Secrets.require(lake.accessKeyIdFile(), "lake.s3.access_key_id_file",
                ClusterSettings.Lake.ACCESS_KEY_ID_ENV, env);
        String secret = Secrets.require(lake.secretAccessKeyFile(), "lake.s3.secret_access_key_file",
                ClusterSettings.Lake.SECRET_ACCESS_KEY_ENV, env);
        S3Config s3 = S3Config.of(lake.region(), lake.bucket(), accessKeyId, secret)
                .withKeyPrefix(lake.prefix())
                .withAddressing(lake.pathStyle() ? S3Config.Addressing.PATH_STYLE : S3Config.Addressing.VIRTUAL_HOST);
        if (lake.endpoint() != null) {
            s3 = s3.withEndpoint(lake.endpoint());
        }
        return lifecycle.register(new S3ObjectStore(s3));
    }
}
