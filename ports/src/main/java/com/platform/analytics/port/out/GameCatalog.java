package com.platform.analytics.port.out;

import java.util.Optional;

/** What the warehouse knows of games: which developer a game belongs to (from its events). */
public interface GameCatalog {
    /** The developer of {@code gameId}, or empty when no event names both (an unknown game). */
    Optional<String> developerOf(String gameId);
}
