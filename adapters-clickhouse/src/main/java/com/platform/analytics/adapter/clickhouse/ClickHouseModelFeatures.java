package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.ml.features.ChurnFeature;
import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.domain.ml.features.DailyRevenue;
import com.platform.analytics.domain.ml.features.InteractionKind;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import com.platform.analytics.port.out.ModelFeatures;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelFeatures} in ClickHouse: the features are computed by {@link ModelFeatureSql} where the events are.
 *
 * <p>The feature table {@code ml_features_churn} holds refreshes of a date as generations: a refresh writes its rows
 * with a new {@code computed_at}, then one marker row (empty user) with the same time, which makes that generation the
 * date's current one; readers take the rows of the latest marker. A refresh that fails before its marker leaves the
 * previous generation current (its rows are never read), so readers never see a mix. Older generations are then
 * deleted, best effort (as segments do: a Distributed table takes no lightweight DELETE, so on a cluster they stay,
 * unread). Refreshes of one date must not run concurrently (the scheduler runs one at a time).
 */
public final class ClickHouseModelFeatures implements ModelFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseModelFeatures.class);
    /** Users per serving lookup statement: keeps the SQL far below ClickHouse's default max_query_size. */
    static final int USERS_PER_LOOKUP = 1000;
    private static final String TSV = "TabSeparated";

    private final ClickHouseTransport transport;
    private final String database;
    private final String db;
    private final Clock clock;

    @Inject
    public ClickHouseModelFeatures(ClickHouseTransport transport, ClickHouseConfig config) {
        this(transport, config.database());
    }

    public ClickHouseModelFeatures(ClickHouseTransport transport, String database) {
        this(transport, database, Clock.systemUTC());
    }

    ClickHouseModelFeatures(ClickHouseTransport transport, String database, Clock clock) {
        this.transport = requireNonNull(transport, "transport is null");
        this.database = requireNonNull(database, "database is null");
        this.db = SqlLiterals.identifier(database);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public String database() {
        return database;
    }

    @Override
    public List<ChurnFeatureRow> churnRows(LocalDate asOf, boolean withLabels) {
        requireNonNull(asOf, "asOf is null");
        List<ChurnFeatureRow> rows = new ArrayList<>();
        for (List<String> f : TabSeparatedRows.parse(transport.query(ModelFeatureSql.churnRows(database, asOf, withLabels), TSV))) {
            int label = Integer.parseInt(f.get(ChurnFeature.values().length + 1));
            rows.add(new ChurnFeatureRow(f.get(0), asOf, features(f), label < 0 ? null : label == 1));
        }
        return rows;
    }

    @Override
    public long refreshChurnFeatures(LocalDate asOf) {
        requireNonNull(asOf, "asOf is null");
        String table = db + "." + ModelFeatureSql.CHURN_TABLE;
        String day = SqlLiterals.date(asOf);
        String generation = SqlLiterals.instant(generationTime(asOf));
        String columns = ModelFeatureSql.churnColumns();
        transport.execute("INSERT INTO " + table + " (as_of, user_id, " + columns + ", churned, computed_at) SELECT " + day
                + ", user_id, " + columns + ", if(churned < 0, NULL, toUInt8(churned)), " + generation + " FROM ("
                + ModelFeatureSql.churnRows(database, asOf, true) + ")");
        long rows = Long.parseLong(transport.query("SELECT count() FROM " + table + " WHERE as_of = " + day
                + " AND computed_at = " + generation + " AND user_id != ''", TSV).strip());
        // the marker: from here on readers see this generation
        transport.execute("INSERT INTO " + table + " (as_of, user_id, churned, computed_at) VALUES (" + day + ", '', NULL, "
                + generation + ")");
        try {
            // not waited for: older rows are no longer read, and go with the next merge
            transport.execute("DELETE FROM " + table + " WHERE as_of = " + day + " AND computed_at < " + generation
                    + " SETTINGS lightweight_deletes_sync = 0");
        } catch (AnalyticsException e) {
            LOG.warn("clean-up of older churn feature rows of {} failed; unread rows stay: {}", asOf, e.getMessage());
        }
        return rows;
    }

    @Override
    public Optional<LocalDate> latestChurnFeatures(LocalDate notAfter) {
        requireNonNull(notAfter, "notAfter is null");
        // a refresh's marker row (empty user) is written last: a date with one has a complete generation
        List<List<String>> rows = TabSeparatedRows.parse(transport.query("SELECT as_of FROM " + db + "." + ModelFeatureSql.CHURN_TABLE
                + " WHERE user_id = '' AND as_of <= " + SqlLiterals.date(notAfter) + " ORDER BY as_of DESC LIMIT 1", TSV));
        return rows.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(rows.get(0).get(0)));
    }

    @Override
    public List<ChurnFeatureRow> churnFeatures(LocalDate asOf) {
        requireNonNull(asOf, "asOf is null");
        return readChurnFeatures(asOf, "");
    }

    @Override
    public List<ChurnFeatureRow> churnFeatures(LocalDate asOf, Collection<String> userPseudonyms) {
        requireNonNull(asOf, "asOf is null");
        List<String> users = new ArrayList<>(new TreeSet<>(userPseudonyms));
        List<ChurnFeatureRow> rows = new ArrayList<>();
        for (int i = 0; i < users.size(); i += USERS_PER_LOOKUP) {
            StringBuilder in = new StringBuilder(" AND user_id IN (");
            List<String> chunk = users.subList(i, Math.min(users.size(), i + USERS_PER_LOOKUP));
            for (int j = 0; j < chunk.size(); j++) {
                if (j > 0) {
                    in.append(", ");
                }
                SqlLiterals.appendString(chunk.get(j), in);
            }
            rows.addAll(readChurnFeatures(asOf, in.append(')').toString()));
        }
        return rows;
    }

    private List<ChurnFeatureRow> readChurnFeatures(LocalDate asOf, String userCondition) {
        String table = db + "." + ModelFeatureSql.CHURN_TABLE;
        String day = SqlLiterals.date(asOf);
        String sql = "SELECT user_id, " + ModelFeatureSql.churnColumns() + ", churned FROM " + table + " WHERE as_of = " + day
                + " AND user_id != ''" + userCondition + " AND computed_at = (SELECT max(computed_at) FROM " + table
                + " WHERE as_of = " + day + " AND user_id = '') ORDER BY user_id";
        List<ChurnFeatureRow> rows = new ArrayList<>();
        for (List<String> f : TabSeparatedRows.parse(transport.query(sql, TSV), true)) {
            String label = f.get(ChurnFeature.values().length + 1);
            rows.add(new ChurnFeatureRow(f.get(0), asOf, features(f), label == null ? null : label.equals("1")));
        }
        return rows;
    }

    /** Now, or just after the date's latest row when the clock has not passed it: each refresh gets its own time. */
    private Instant generationTime(LocalDate asOf) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long latest = Long.parseLong(transport.query("SELECT toUnixTimestamp64Milli(max(computed_at)) FROM " + db + "."
                + ModelFeatureSql.CHURN_TABLE + " WHERE as_of = " + SqlLiterals.date(asOf), TSV).strip());
        return latest > 0 && !now.isAfter(Instant.ofEpochMilli(latest)) ? Instant.ofEpochMilli(latest + 1) : now;
    }

    private static double[] features(List<String> fields) {
        double[] values = new double[ChurnFeature.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(fields.get(i + 1));
        }
        return values;
    }

    @Override
    public List<DailyRevenue> dailyRevenue(LocalDate from, LocalDate to, Optional<String> gameId) {
        checkRange(from, to);
        requireNonNull(gameId, "gameId is null");
        Map<LocalDate, BigDecimal> byDay = new HashMap<>();
        for (List<String> f : TabSeparatedRows.parse(transport.query(ModelFeatureSql.dailyRevenue(database, from, to, gameId), TSV))) {
            byDay.put(LocalDate.parse(f.get(0)), new BigDecimal(f.get(1)));
        }
        List<DailyRevenue> series = new ArrayList<>();
        BigDecimal none = BigDecimal.ZERO.setScale(FactRowTsv.MONEY_SCALE);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            series.add(new DailyRevenue(d, gameId, byDay.getOrDefault(d, none)));
        }
        return series;
    }

    @Override
    public List<UserItemInteraction> interactions(LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<UserItemInteraction> out = new ArrayList<>();
        for (List<String> f : TabSeparatedRows.parse(transport.query(ModelFeatureSql.interactions(database, from, to), TSV))) {
            out.add(new UserItemInteraction(f.get(0), f.get(1), Instant.ofEpochMilli(Long.parseLong(f.get(3))),
                    InteractionKind.valueOf(f.get(2)), Double.parseDouble(f.get(4))));
        }
        return out;
    }

    @Override
    public List<String> ownedGames(String userPseudonym) {
        requireNonNull(userPseudonym, "userPseudonym is null");
        List<String> games = new ArrayList<>();
        for (List<String> f : TabSeparatedRows.parse(transport.query(ModelFeatureSql.ownedGames(database, userPseudonym), TSV))) {
            games.add(f.get(0));
        }
        return games;
    }

    @Override
    public List<PaymentFeatureRow> paymentRows(LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<PaymentFeatureRow> out = new ArrayList<>();
        for (List<String> f : TabSeparatedRows.parse(transport.query(ModelFeatureSql.paymentRows(database, from, to), TSV))) {
            out.add(new PaymentFeatureRow(f.get(0), f.get(1), Instant.ofEpochMilli(Long.parseLong(f.get(2))), new BigDecimal(f.get(3)),
                    new BigDecimal(f.get(4)), new BigDecimal(f.get(5)), Long.parseLong(f.get(6)), Double.parseDouble(f.get(7)),
                    Double.parseDouble(f.get(8)), Long.parseLong(f.get(9))));
        }
        return out;
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (to.isBefore(from)) {
            throw AnalyticsException.invalidParameter("to", "the range ends (" + to + ") before it starts (" + from + ")");
        }
    }
}
