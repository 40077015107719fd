package com.platform.analytics.port.in;

import com.platform.analytics.domain.event.Rejection;
import java.util.List;

/**
 * What became of a request's events.
 *
 * @param accepted new events, now stored
 * @param duplicates events already stored before (or earlier in the same request): changed nothing
 * @param rejections refused events, by index in the request
 * @param duplicateIndexes the indexes in the request of the duplicates, ascending; every event neither rejected nor
 *     a duplicate was accepted
 */
public record IngestionResult(int accepted, int duplicates, List<Rejection> rejections, List<Integer> duplicateIndexes) {
    public IngestionResult {
        rejections = List.copyOf(rejections);
        duplicateIndexes = List.copyOf(duplicateIndexes);
        if (duplicateIndexes.size() != duplicates) {
            throw new IllegalArgumentException("duplicates " + duplicates + " but " + duplicateIndexes.size() + " indexes");
        }
    }

    /** A result whose duplicates sit at the indexes given (for results built by hand, e.g. in tests). */
    public IngestionResult(int accepted, int duplicates, List<Rejection> rejections) {
        this(accepted, duplicates, rejections, java.util.stream.IntStream.range(0, duplicates).boxed().toList());
    }

    public int rejected() {
        return rejections.size();
    }
}
