package com.platform.analytics.port.out;

import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where registered model versions and their stage changes are kept (the metadata store's {@code ml_model_metadata}). */
public interface ModelRegistryStore {
    /**
     * Adds a version and records its registration as a stage change.
     *
     * @throws com.platform.analytics.domain.error.AnalyticsException {@code CONFLICT} when the name and version exist
     */
    void insert(ModelVersion version, StageChange registration);

    Optional<ModelVersion> find(UUID id);

    Optional<ModelVersion> find(String name, String version);

    /** Newest first. */
    List<ModelVersion> list(Optional<String> name, Optional<ModelStage> stage);

    Optional<ModelVersion> production(String name);

    /**
     * Applies the changes in one transaction, each only if its version is still in the change's {@code from} stage, and
     * records them. Moving a version to production while another is there is refused by the store (a unique index),
     * so a promotion passes the archiving of the current one first.
     *
     * @return false, changing nothing, when some version was no longer in its {@code from} stage (a concurrent change)
     */
    boolean apply(List<StageChange> changes);

    /** Oldest first. */
    List<StageChange> history(String name);
}
