package com.platform.analytics.bootstrap.demo;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * The ground truth behind {@link PlantedSignals}, per user, for tests that check the signals are really
 * there. Package-private on purpose: it is never part of the events nor of the public API.
 *
 * @param tasteGenres user id -> the genres of the user's taste clusters
 * @param ringMembers user ids of the fraud rings' accounts
 * @param lapseDay user id -> the window day (0-based) on which a declining user stops coming back; only
 *     users whose decline began inside the window (the day may lie after it)
 * @param declineStart user id -> the window day on which that user's decline began
 */
record PlantedTruth(
        Map<String, Set<String>> tasteGenres,
        Set<String> ringMembers,
        Map<String, Integer> lapseDay,
        Map<String, Integer> declineStart) {
    PlantedTruth {
        requireNonNull(tasteGenres, "tasteGenres is null");
        requireNonNull(ringMembers, "ringMembers is null");
        requireNonNull(lapseDay, "lapseDay is null");
        requireNonNull(declineStart, "declineStart is null");
    }
}
