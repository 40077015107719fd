package com.platform.analytics.domain.metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link MeasureSource} over an in-memory list of facts, and so a tiny reference implementation of the
 * base measures: it loops over every fact and collects sets of users, the naive way, so it is plainly right
 * where the warehouses are clever. Like a warehouse's GROUP BY it answers only the groups and buckets that
 * have something in them, and its rolling windows reach back before {@code from}.
 *
 * <p>Facts carry calendar days already (the warehouse's job of turning event times into days of the query's
 * zone is not modelled), and two dimensions, platform and gameId; a null value means the event does not
 * carry it, reported as the empty string. As KPI_DEFINITIONS.md says, registrations, payments and sessions
 * are activity events too; refunds are not.
 */
final class FactMeasures implements MeasureSource {
    enum Kind { ACTIVITY, REGISTRATION, PAYMENT, REFUND, SESSION }

    record Fact(Kind kind, LocalDate day, String user, String platform, String game, BigDecimal amount) {
        boolean activity() {
            return kind != Kind.REFUND;
        }

        String value(Dimension d) {
            String v = switch (d) {
                case PLATFORM -> platform;
                case GAME_ID -> game;
                default -> null;
            };
            return v == null ? "" : v;
        }
    }

    private final List<Fact> facts = new ArrayList<>();
    /** Every query asked, in order, so tests can see what the calculator asked for. */
    final List<MeasureQuery> queries = new ArrayList<>();

    FactMeasures active(String day, String user, String platform, String game) {
        return add(Kind.ACTIVITY, day, user, platform, game, BigDecimal.ZERO);
    }

    FactMeasures active(String day, String user) {
        return active(day, user, null, null);
    }

    FactMeasures registered(String day, String user) {
        return add(Kind.REGISTRATION, day, user, null, null, BigDecimal.ZERO);
    }

    FactMeasures paid(String day, String user, String rub, String platform, String game) {
        return add(Kind.PAYMENT, day, user, platform, game, new BigDecimal(rub));
    }

    FactMeasures paid(String day, String user, String rub) {
        return paid(day, user, rub, null, null);
    }

    FactMeasures refunded(String day, String user, String rub, String platform, String game) {
        return add(Kind.REFUND, day, user, platform, game, new BigDecimal(rub));
    }

    FactMeasures refunded(String day, String user, String rub) {
        return refunded(day, user, rub, null, null);
    }

    FactMeasures session(String day, String user, long seconds) {
        return add(Kind.SESSION, day, user, null, null, BigDecimal.valueOf(seconds));
    }

    private FactMeasures add(Kind kind, String day, String user, String platform, String game, BigDecimal amount) {
        facts.add(new Fact(kind, LocalDate.parse(day), user, platform, game, amount));
        return this;
    }

    @Override
    public List<MeasureRow> measure(MeasureQuery q) {
        queries.add(q);
        List<Fact> kept = new ArrayList<>();
        for (Fact f : facts) {
            if (counts(q.measure(), f) && passes(q, f)) {
                kept.add(f);
            }
        }
        // group -> bucket -> facts
        Map<List<String>, Map<LocalDate, List<Fact>>> cells = new HashMap<>();
        if (q.measure().rolling()) {
            for (LocalDate day = q.from(); !day.isAfter(q.to()); day = day.plusDays(1)) {
                LocalDate windowStart = day.minusDays(q.measure().rollingDays() - 1L);
                for (Fact f : kept) {
                    if (!f.day().isBefore(windowStart) && !f.day().isAfter(day)) {
                        cells.computeIfAbsent(key(q, f), k -> new HashMap<>())
                                .computeIfAbsent(day, k -> new ArrayList<>()).add(f);
                    }
                }
            }
        } else {
            for (Fact f : kept) {
                if (!f.day().isBefore(q.from()) && !f.day().isAfter(q.to())) {
                    cells.computeIfAbsent(key(q, f), k -> new HashMap<>())
                            .computeIfAbsent(q.granularity().bucketOf(f.day(), q.from()), k -> new ArrayList<>()).add(f);
                }
            }
        }
        List<MeasureRow> rows = new ArrayList<>();
        cells.forEach((group, byBucket) -> byBucket.forEach(
                (bucket, cell) -> rows.add(new MeasureRow(bucket, group, aggregate(q.measure(), cell)))));
        return rows;
    }

    private static boolean counts(Measure m, Fact f) {
        return switch (m) {
            case ACTIVE_USERS, ACTIVE_USERS_ROLLING_7D, ACTIVE_USERS_ROLLING_30D -> f.activity();
            case NEW_USERS -> f.kind() == Kind.REGISTRATION;
            case PAYING_USERS, GROSS_REVENUE -> f.kind() == Kind.PAYMENT;
            case REFUNDS -> f.kind() == Kind.REFUND;
            case SESSIONS, PLAYTIME_SECONDS -> f.kind() == Kind.SESSION;
        };
    }

    private static boolean passes(MeasureQuery q, Fact f) {
        for (Map.Entry<Dimension, Set<String>> filter : q.filters().entrySet()) {
            if (!filter.getValue().contains(f.value(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> key(MeasureQuery q, Fact f) {
        List<String> key = new ArrayList<>();
        for (Dimension d : q.dimensions()) {
            key.add(f.value(d));
        }
        return key;
    }

    private static BigDecimal aggregate(Measure m, List<Fact> cell) {
        return switch (m) {
            case ACTIVE_USERS, ACTIVE_USERS_ROLLING_7D, ACTIVE_USERS_ROLLING_30D, NEW_USERS, PAYING_USERS -> {
                Set<String> users = new HashSet<>();
                cell.forEach(f -> users.add(f.user()));
                yield BigDecimal.valueOf(users.size());
            }
            case GROSS_REVENUE, REFUNDS, PLAYTIME_SECONDS -> cell.stream().map(Fact::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            case SESSIONS -> BigDecimal.valueOf(cell.size());
        };
    }
}
