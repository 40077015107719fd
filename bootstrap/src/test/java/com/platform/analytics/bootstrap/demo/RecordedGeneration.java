package com.platform.analytics.bootstrap.demo;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The generator's ground truth for tests outside this package (it never reaches the events): who is in a fraud ring,
 * which genres each user likes.
 */
public final class RecordedGeneration {
    private PlantedTruth truth;

    /** Generates into {@code sink}, keeping the truth. */
    public void generate(GenerationSettings settings, Consumer<String> sink) {
        truth = new SyntheticPlatform(settings).generateRecordingTruth(sink);
    }

    /** The real user ids of the fraud rings' members. */
    public Set<String> ringMembers() {
        return truth.ringMembers();
    }

    /** Per real user id, the genres of their taste clusters. */
    public Map<String, Set<String>> tasteGenres() {
        return truth.tasteGenres();
    }
}
