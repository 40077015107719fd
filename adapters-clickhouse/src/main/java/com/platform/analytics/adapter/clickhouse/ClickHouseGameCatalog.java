package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.port.out.GameCatalog;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Game ownership from the events themselves: a game's developer is the developer its events name. A game whose events
 * name several developers (a transfer between publishers) belongs to the one its latest event names.
 */
public final class ClickHouseGameCatalog implements GameCatalog {
    private final ClickHouseTransport transport;
    private final String db;

    @Inject
    public ClickHouseGameCatalog(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database());
    }

    public ClickHouseGameCatalog(ClickHouseTransport transport, String database) {
        this.transport = requireNonNull(transport, "transport is null");
        this.db = SqlLiterals.identifier(requireNonNull(database, "database is null"));
    }

    @Override
    public Optional<String> developerOf(String gameId) {
        requireNonNull(gameId, "gameId is null");
        String developer = transport.query("SELECT argMax(developer_id, ts) FROM " + db + ".events WHERE game_id = "
                + SqlLiterals.string(gameId) + " AND developer_id != ''", "TabSeparated").strip();
        return developer.isEmpty() ? Optional.empty() : Optional.of(TabSeparatedRows.parse(developer).get(0).get(0));
    }
}
