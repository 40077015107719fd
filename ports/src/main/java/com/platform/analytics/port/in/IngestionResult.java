package com.platform.analytics.port.in;

import com.platform.analytics.domain.event.Rejection;
import java.util.List;

/**
 * What became of a request's events.
 *
 * @param accepted new events, now stored
 * @param duplicates events already stored before (or earlier in the same request): changed nothing
 * @param rejections refused events, by index in the request
 */
public record IngestionResult(int accepted, int duplicates, List<Rejection> rejections) {
    public IngestionResult {
        rejections = List.copyOf(rejections);
    }

    public int rejected() {
        return rejections.size();
    }
}
