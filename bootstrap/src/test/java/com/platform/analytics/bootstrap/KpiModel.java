package com.platform.analytics.bootstrap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent, deliberately naive computation of KPI_DEFINITIONS.md over the events a test sent: plain
 * loops over parsed events, nothing shared with the service but the JSON reader. The test compares the
 * service's answers with this.
 */
final class KpiModel {
    static final Set<String> ACTIVITY = Set.of(
            "com.platform.auth.user.registered.v1", "com.platform.auth.user.loggedin.v1",
            "com.platform.account.profile.updated.v1", "com.platform.catalog.game.viewed.v1",
            "com.platform.catalog.game.searched.v1", "com.platform.library.game.added.v1",
            "com.platform.library.session.started.v1", "com.platform.library.session.ended.v1",
            "com.platform.payment.transaction.completed.v1", "com.platform.download.started.v1",
            "com.platform.social.review.created.v1", "com.platform.social.friend.added.v1");

    private final List<Map<String, Object>> events;
    private final Map<String, BigDecimal> ratesRub;

    /** @param events accepted events, duplicates already removed */
    KpiModel(List<Map<String, Object>> events, Map<String, BigDecimal> ratesRub) {
        this.events = events;
        this.ratesRub = ratesRub;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> e) {
        return (Map<String, Object>) e.getOrDefault("data", Map.of());
    }

    private static LocalDate day(Map<String, Object> e, ZoneId zone) {
        return OffsetDateTime.parse((String) e.get("time")).atZoneSameInstant(zone).toLocalDate();
    }

    private Set<String> users(LocalDate from, LocalDate to, ZoneId zone, String type, String platform) {
        Set<String> out = new HashSet<>();
        for (Map<String, Object> e : events) {
            String t = (String) e.get("type");
            boolean matches = type == null ? ACTIVITY.contains(t) : type.equals(t);
            Object user = data(e).get("userId");
            LocalDate d = day(e, zone);
            if (matches && user != null && !d.isBefore(from) && !d.isAfter(to)
                    && (platform == null || platform.equals(data(e).get("platform")))) {
                out.add((String) user);
            }
        }
        return out;
    }

    private BigDecimal sumAmount(LocalDate from, LocalDate to, String type) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> e : events) {
            LocalDate d = day(e, ZoneId.of("UTC"));
            if (type.equals(e.get("type")) && !d.isBefore(from) && !d.isAfter(to)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> amount = (Map<String, Object>) data(e).get("amount");
                BigDecimal rate = ratesRub.get((String) amount.get("currency"));
                sum = sum.add(new BigDecimal((String) amount.get("value")).multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
            }
        }
        return sum;
    }

    private long[] sessions(LocalDate day) {
        long count = 0;
        long seconds = 0;
        for (Map<String, Object> e : events) {
            if ("com.platform.library.session.ended.v1".equals(e.get("type")) && day(e, ZoneId.of("UTC")).equals(day)) {
                count++;
                seconds += ((Number) data(e).get("durationSeconds")).longValue();
            }
        }
        return new long[] {count, seconds};
    }

    /** Every user metric for one UTC day, by metric name; null where undefined. */
    Map<String, BigDecimal> daily(LocalDate d) {
        ZoneId utc = ZoneId.of("UTC");
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        long dau = users(d, d, utc, null, null).size();
        long mau = users(d.minusDays(29), d, utc, null, null).size();
        m.put("dau", BigDecimal.valueOf(dau));
        m.put("wau", BigDecimal.valueOf(users(d.minusDays(6), d, utc, null, null).size()));
        m.put("mau", BigDecimal.valueOf(mau));
        m.put("stickiness", mau == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(dau).divide(BigDecimal.valueOf(mau), 4, RoundingMode.HALF_UP));
        m.put("new_users", BigDecimal.valueOf(users(d, d, utc, "com.platform.auth.user.registered.v1", null).size()));
        m.put("paying_users", BigDecimal.valueOf(users(d, d, utc, "com.platform.payment.transaction.completed.v1", null).size()));
        BigDecimal gross = sumAmount(d, d, "com.platform.payment.transaction.completed.v1");
        BigDecimal refunds = sumAmount(d, d, "com.platform.payment.refund.processed.v1");
        m.put("gross_revenue", gross);
        m.put("refunds", refunds);
        m.put("net_revenue", gross.subtract(refunds));
        long[] s = sessions(d);
        m.put("sessions", BigDecimal.valueOf(s[0]));
        m.put("playtime_seconds", BigDecimal.valueOf(s[1]));
        m.put("avg_session_seconds", s[0] == 0 ? null : BigDecimal.valueOf(s[1]).divide(BigDecimal.valueOf(s[0]), 4, RoundingMode.HALF_UP));
        return m;
    }

    /** arpu, arppu and paying_conversion over a whole range. */
    Map<String, BigDecimal> period(LocalDate from, LocalDate to) {
        ZoneId utc = ZoneId.of("UTC");
        long active = users(from, to, utc, null, null).size();
        long paying = users(from, to, utc, "com.platform.payment.transaction.completed.v1", null).size();
        BigDecimal net = sumAmount(from, to, "com.platform.payment.transaction.completed.v1")
                .subtract(sumAmount(from, to, "com.platform.payment.refund.processed.v1"));
        Map<String, BigDecimal> m = new HashMap<>();
        m.put("dau", BigDecimal.valueOf(active));
        m.put("arpu", net.divide(BigDecimal.valueOf(active), 2, RoundingMode.HALF_UP));
        m.put("arppu", net.divide(BigDecimal.valueOf(paying), 2, RoundingMode.HALF_UP));
        m.put("paying_conversion", BigDecimal.valueOf(paying).divide(BigDecimal.valueOf(active), 4, RoundingMode.HALF_UP));
        m.put("net_revenue", net);
        return m;
    }

    long dau(LocalDate d, ZoneId zone, String platform) {
        return users(d, d, zone, null, platform).size();
    }
}
