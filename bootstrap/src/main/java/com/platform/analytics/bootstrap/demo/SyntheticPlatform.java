package com.platform.analytics.bootstrap.demo;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic synthetic game store: developers publish games, users register over the window (with a
 * country and platform mix), come back on a retention curve (many churn, a core stays), browse and
 * search the catalog (some as anonymous visitors), add free games, buy games, DLC and in-game items (a
 * few percent pay, most in RUB, a few in USD or EUR), refund some purchases, download, play sessions,
 * review, add friends, see A/B test variants, update profiles, get re-engagement notifications and,
 * rarely, get banned.
 *
 * <p>It plants learnable structure for the built-in models ({@link PlantedSignals}, counted in the summary):
 * <ul>
 *   <li>churn: besides the users who leave in their first days, retained users may start to fade (a daily
 *       hazard, higher for users without friends, purchases or games); over the 14 to 21 days of the fade
 *       their activity, session length, sessions per day, purchases and new friends shrink, then they stop.
 *       Some retained users have a quiet spell and come back, so churn is learnable but not separable.</li>
 *   <li>seasonal sales: the propensity to pay follows the day of week (weekend peak) and a mild upward trend.</li>
 *   <li>taste clusters: games have genres, pairs of genres form clusters, every user has one or two clusters and
 *       mostly views, buys and plays their games.</li>
 *   <li>fraud rings: about 0.3% of the users are new accounts registering in groups within minutes (one
 *       country, one platform, a couple of shared IP addresses in {@code ipAddress}), buying fast right after
 *       registration with many refunds, befriending the ring's first account, then vanishing.</li>
 * </ul>
 *
 * <p>Every event is a CloudEvents 1.0 JSON line valid against the platform contract
 * ({@code platform-events/schemas}). Lines are produced one UTC day at a time, in time order, so only one
 * day (plus the few events already scheduled for later days, such as refunds) is held in memory. All
 * randomness, event ids included, comes from one {@link SplittableRandom} seeded from the settings, so
 * the same settings give byte-identical output.
 */
public final class SyntheticPlatform {
    private final GenerationSettings settings;

    public SyntheticPlatform(GenerationSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public GenerationSettings settings() {
        return settings;
    }

    /**
     * Generates the whole window, handing each event to {@code lineSink} as one JSON line (no line break),
     * in time order (ties keep generation order).
     */
    public GenerationSummary generate(Consumer<String> lineSink) {
        requireNonNull(lineSink, "lineSink is null");
        return new Run(settings, lineSink, false).execute();
    }

    /** Generates like {@link #generate} and also returns the planted ground truth; for tests. */
    PlantedTruth generateRecordingTruth(Consumer<String> lineSink) {
        requireNonNull(lineSink, "lineSink is null");
        Run run = new Run(settings, lineSink, true);
        run.execute();
        return run.truth;
    }

    static final String REGISTERED = "com.platform.auth.user.registered.v1";
    static final String LOGGED_IN = "com.platform.auth.user.loggedin.v1";
    static final String PROFILE_UPDATED = "com.platform.account.profile.updated.v1";
    static final String STATUS_UPDATED = "com.platform.account.status.updated.v1";
    static final String GAME_VIEWED = "com.platform.catalog.game.viewed.v1";
    static final String GAME_SEARCHED = "com.platform.catalog.game.searched.v1";
    static final String GAME_ADDED = "com.platform.library.game.added.v1";
    static final String SESSION_STARTED = "com.platform.library.session.started.v1";
    static final String SESSION_ENDED = "com.platform.library.session.ended.v1";
    static final String TRANSACTION_COMPLETED = "com.platform.payment.transaction.completed.v1";
    static final String REFUND_PROCESSED = "com.platform.payment.refund.processed.v1";
    static final String DOWNLOAD_STARTED = "com.platform.download.started.v1";
    static final String DOWNLOAD_COMPLETED = "com.platform.download.completed.v1";
    static final String REVIEW_CREATED = "com.platform.social.review.created.v1";
    static final String FRIEND_ADDED = "com.platform.social.friend.added.v1";
    static final String NOTIFICATION_SENT = "com.platform.notification.sent.v1";
    static final String NOTIFICATION_FAILED = "com.platform.notification.failed.v1";
    static final String GAME_PUBLISHED = "com.platform.developer.game.published.v1";
    static final String USER_BANNED = "com.platform.admin.user.banned.v1";
    static final String EXPERIMENT_EXPOSED = "com.platform.marketing.experiment.exposed.v1";

    /** The experiment keys the demo runs; analyses of the demo data can refer to them. */
    public static final String STOREFRONT_EXPERIMENT = "store_front_layout_v2";
    public static final String ONBOARDING_EXPERIMENT = "onboarding_tutorial";

    /** A game in the store. Prices are in kopecks (RUB minor units). */
    private record Game(
            int index, String id, String developerId, String title, String genre, int tasteCluster,
            long priceKopecks, long sizeBytes, double weight) {
        boolean free() {
            return priceKopecks == 0;
        }
    }

    /** An event waiting for its day: ordered by time, then by when it was generated. */
    private record TimedLine(long time, long sequence, String type, String line) {
    }

    private static final Comparator<TimedLine> IN_TIME_ORDER =
            Comparator.comparingLong(TimedLine::time).thenComparingLong(TimedLine::sequence);

    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private static final String[] PLATFORMS = {"pc", "mobile_android", "mobile_ios", "web", "unknown"};
    private static final double[] PLATFORM_WEIGHTS = {0.55, 0.18, 0.10, 0.15, 0.02};
    private static final String[] COUNTRIES = {"RU", "KZ", "BY", "UZ", "AM", "GE", "KG", "DE", "US", "FR", "RS", "TR"};
    private static final double[] COUNTRY_WEIGHTS = {0.62, 0.08, 0.06, 0.05, 0.03, 0.03, 0.02, 0.03, 0.03, 0.01, 0.02, 0.02};
    private static final String[] GENRES = {
        "action", "rpg", "strategy", "simulation", "indie", "adventure", "racing", "sports", "puzzle", "shooter"};
    private static final String[][] GENRE_TAGS = {
        {"action", "singleplayer", "controller"}, {"rpg", "open_world", "story_rich"},
        {"strategy", "turn_based", "4x"}, {"simulation", "sandbox", "building"}, {"indie", "pixel_art", "casual"},
        {"adventure", "exploration", "atmospheric"}, {"racing", "multiplayer", "cars"},
        {"sports", "football", "multiplayer"}, {"puzzle", "relaxing", "casual"}, {"shooter", "fps", "pvp"}};
    private static final String[] TITLE_FIRST = {
        "Iron", "Silent", "Crimson", "Lost", "Northern", "Hollow", "Neon", "Ancient", "Frozen", "Wild", "Last",
        "Broken", "Golden", "Shadow", "Steel", "Quiet", "Burning", "Distant", "Electric", "Forgotten"};
    private static final String[] TITLE_SECOND = {
        "Frontier", "Kingdom", "Harbor", "Legion", "Orbit", "Tundra", "Dynasty", "Circuit", "Garden", "Citadel",
        "Expedition", "Protocol", "Outpost", "Odyssey", "Arena", "Village", "Empire", "Signal", "Voyage", "Forge"};
    private static final long[] PRICES_KOPECKS = {
        0, 19_900, 29_900, 49_900, 79_900, 99_900, 149_900, 199_900, 249_900, 349_900};
    private static final double[] PRICE_WEIGHTS = {0.18, 0.08, 0.10, 0.14, 0.12, 0.12, 0.11, 0.07, 0.05, 0.03};
    private static final double[] HOUR_WEIGHTS = {
        2, 1.5, 1, 0.8, 0.8, 1, 1.5, 2.5, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 8, 9, 9.5, 9, 8, 6, 4, 3};
    private static final String[] PLACEMENTS = {"store_front", "recommendation", "wishlist", "external"};
    private static final String[] SEARCH_QUERIES = {
        "rpg", "open world", "стратегия", "гонки", "coop shooter", "симулятор фермы", "indie puzzle", "football",
        "survival", "roguelike", "хоррор", "space", "minecraft like", "free to play", "аниме", "city builder"};
    private static final String[] REFERRERS = {"vk_ads", "yandex_direct", "telegram", "youtube", "friend_invite"};
    private static final String[] PAYMENT_METHODS_RUB = {"mir_card", "sbp", "bank_card", "wallet_balance"};
    private static final String[] PAYMENT_METHODS_FOREIGN = {"bank_card", "paypal", "wallet_balance"};
    private static final String[] REFUND_REASONS = {
        "not_as_expected", "technical_issues", "accidental_purchase", "performance"};
    private static final String[] BAN_REASONS = {"cheating", "fraud", "spam", "harassment"};
    private static final String[] CLIENT_VERSIONS_PC = {"3.12.0", "3.12.1", "3.13.0"};
    private static final String[] CLIENT_VERSIONS_MOBILE = {"2.8.4", "2.9.0"};
    private static final String[] LANGUAGES = {"ru", "ru", "ru", "en", "kk"};

    /** Taste clusters: pairs of genres (indexes into GENRES); every genre belongs to exactly one cluster. */
    private static final int[][] TASTE_CLUSTERS = {{0, 9}, {1, 5}, {2, 3}, {4, 8}, {6, 7}};
    private static final double[] TASTE_CLUSTER_WEIGHTS = {0.28, 0.24, 0.18, 0.16, 0.14};
    private static final int[] CLUSTER_OF_GENRE = new int[GENRES.length];

    static {
        for (int c = 0; c < TASTE_CLUSTERS.length; c++) {
            for (int genre : TASTE_CLUSTERS[c]) {
                CLUSTER_OF_GENRE[genre] = c;
            }
        }
    }

    /** Share of a user's catalog views drawn from the user's own taste clusters. */
    private static final double IN_TASTE_VIEWS = 0.6;
    private static final double IN_TASTE_PURCHASE_FACTOR = 1.3;
    private static final double OUT_OF_TASTE_PURCHASE_FACTOR = 0.5;

    /** Propensity to pay by day of week, Monday first: weekend peak, quiet midweek. */
    private static final double[] WEEKDAY_PURCHASE_FACTORS = {0.93, 0.9, 0.9, 0.93, 1.04, 1.27, 1.22};
    /** The propensity to pay grows by this share from the window's first day to its last. */
    private static final double PURCHASE_TREND = 0.1;

    /** Daily hazard that a retained (casual or core) user starts to fade, before the modifiers. */
    private static final double CASUAL_DECLINE_HAZARD = 0.009;
    private static final double CORE_DECLINE_HAZARD = 0.007;
    private static final int DECLINE_MIN_AGE = 5;
    private static final int DECLINE_MIN_DAYS = 14;
    private static final int DECLINE_EXTRA_DAYS = 8;
    /** Engagement left at the end of a fade (it falls linearly from 1 to this). */
    private static final double DECLINE_FLOOR = 0.15;
    /** Daily probability that a lapsed user still shows up once. */
    private static final double LAPSED_RETURN = 0.003;
    private static final double DIP_HAZARD = 0.004;
    private static final double DIP_LEVEL = 0.35;

    /** Fraud rings: this share of the users (at least 3 once there are 300 users), in rings of up to 12. */
    private static final double RING_SHARE = 0.003;
    private static final int RING_MAX_SIZE = 12;
    private static final double RING_REFUND_SHARE = 0.5;
    private static final int NO_RING = -1;
    private static final int NEVER = Integer.MAX_VALUE;

    /** Probability that a user of each engagement class is active N days after registering. */
    private static final int CHURNER = 0;
    private static final int CASUAL = 1;
    private static final int CORE = 2;

    private static final byte ACTIVE = 0;
    private static final byte SUSPENDED = 1;
    private static final byte DELETED = 2;

    private static final byte NOT_EXPOSED = 0;
    private static final byte CONTROL = 1;
    private static final byte TREATMENT = 2;

    /** The mutable state of one generation, so that the generator itself can run again identically. */
    private static final class Run {
        private final GenerationSettings settings;
        private final Consumer<String> sink;
        private final SplittableRandom random;
        private final long windowStart;
        private final int days;
        private final CloudEventLine event = new CloudEventLine();
        private final Map<Integer, List<TimedLine>> eventsByDay = new HashMap<>();
        private final Map<String, Long> counts = new TreeMap<>();
        private final Map<Long, String> dayPrefixes = new HashMap<>();
        private long sequence;
        private long emitted;
        private long afterWindow;

        private final List<String> developers = new ArrayList<>();
        private final List<Game> games = new ArrayList<>();
        private double[] cumulativeWeights = new double[0];
        private int gamesInStore;
        private final String[] admins;

        private final int userCount;
        private final String[] userIds;
        private final int[] registrationDay;
        private final byte[] country;
        private final byte[] platform;
        private final byte[] engagement;
        private final boolean[] spender;
        private final boolean[] paid;
        private final byte[] status;
        private final int[] lastActiveDay;
        private final int[][] owned;
        private final int[] ownedCount;
        private final byte[] storefrontVariant;
        private final byte[] onboardingVariant;
        private final Set<Long> reviewed = new HashSet<>();
        private int payingUsers;

        // Planted signals: churn (decline, dips), taste clusters, fraud rings.
        private final int[] declineStart;
        private final byte[] declineLength;
        private final int[] dipStart;
        private final byte[] dipLength;
        private final short[] friendCount;
        private final byte[] tasteFirst;
        private final byte[] tasteSecond;
        private final int[] ringOf;
        private final List<Ring> rings = new ArrayList<>();
        private final int[][] clusterGames = new int[TASTE_CLUSTERS.length][8];
        private final double[][] clusterCumulativeWeights = new double[TASTE_CLUSTERS.length][8];
        private final int[] clusterSize = new int[TASTE_CLUSTERS.length];
        private final int[] clusterInStore = new int[TASTE_CLUSTERS.length];
        /** The current user's engagement today, 1 unless fading or in a dip. */
        private double level = 1;
        private int decliningUsers;
        private int temporaryDips;
        private final boolean recordTruth;
        private PlantedTruth truth;

        private final int saleFirstDay;
        private final int saleLastDay;
        private final int storefrontExperimentDay;
        private final int onboardingExperimentDay;

        Run(GenerationSettings settings, Consumer<String> sink, boolean recordTruth) {
            this.settings = settings;
            this.sink = sink;
            this.recordTruth = recordTruth;
            this.random = new SplittableRandom(settings.seed());
            this.windowStart = settings.firstDay().toEpochDay() * DAY;
            this.days = settings.days();
            this.userCount = settings.users();
            this.userIds = new String[userCount];
            this.registrationDay = new int[userCount];
            this.country = new byte[userCount];
            this.platform = new byte[userCount];
            this.engagement = new byte[userCount];
            this.spender = new boolean[userCount];
            this.paid = new boolean[userCount];
            this.status = new byte[userCount];
            this.lastActiveDay = new int[userCount];
            this.owned = new int[userCount][];
            this.ownedCount = new int[userCount];
            this.storefrontVariant = new byte[userCount];
            this.onboardingVariant = new byte[userCount];
            this.declineStart = new int[userCount];
            this.declineLength = new byte[userCount];
            this.dipStart = new int[userCount];
            this.dipLength = new byte[userCount];
            this.friendCount = new short[userCount];
            this.tasteFirst = new byte[userCount];
            this.tasteSecond = new byte[userCount];
            this.ringOf = new int[userCount];
            Arrays.fill(declineStart, NEVER);
            Arrays.fill(dipStart, NEVER);
            Arrays.fill(ringOf, NO_RING);
            this.admins = new String[] {uuid(), uuid(), uuid()};
            this.saleFirstDay = days * 2 / 5;
            this.saleLastDay = saleFirstDay + 6;
            this.storefrontExperimentDay = days / 4;
            this.onboardingExperimentDay = days / 2;
        }

        GenerationSummary execute() {
            assignRegistrationDays();
            formFraudRings();
            for (int day = 0; day < days; day++) {
                long dayStart = windowStart + day * DAY;
                if (day == 0) {
                    publishInitialCatalog(dayStart);
                } else if (day % 5 == 0) {
                    publishGame(dayStart + 2 * HOUR + random.nextLong(HOUR), day);
                }
                for (int user = 0; user < userCount && registrationDay[user] <= day; user++) {
                    if (status[user] != ACTIVE) {
                        continue;
                    }
                    if (ringOf[user] != NO_RING) {
                        fraudDay(user, day, dayStart);
                        continue;
                    }
                    driftEngagement(user, day);
                    if (isActive(user, day)) {
                        level = engagementLevel(user, day);
                        userDay(user, day, dayStart);
                        level = 1;
                    }
                }
                anonymousVisitors(day, dayStart);
                if (day % 7 == 2) {
                    reengagementCampaign(day, dayStart);
                }
                // A game published today can be found in the store from tomorrow on.
                gamesInStore = games.size();
                System.arraycopy(clusterSize, 0, clusterInStore, 0, clusterSize.length);
                flushDay(day);
            }
            for (List<TimedLine> later : eventsByDay.values()) {
                afterWindow += later.size();
            }
            eventsByDay.clear();
            if (recordTruth) {
                truth = plantedTruth();
            }
            return new GenerationSummary(emitted, counts, userCount, payingUsers, developers.size(), games.size(),
                    settings.firstDay(), settings.lastDay(), afterWindow, plantedSignals());
        }

        private PlantedSignals plantedSignals() {
            int earlyChurners = 0;
            int lapsed = 0;
            for (int user = 0; user < userCount; user++) {
                if (engagement[user] == CHURNER && ringOf[user] == NO_RING) {
                    earlyChurners++;
                }
                if (declineStart[user] != NEVER && lapseDay(user) < days) {
                    lapsed++;
                }
            }
            List<String> clusters = new ArrayList<>();
            for (int[] cluster : TASTE_CLUSTERS) {
                clusters.add(GENRES[cluster[0]] + "+" + GENRES[cluster[1]]);
            }
            List<Double> weekdays = new ArrayList<>();
            for (double factor : WEEKDAY_PURCHASE_FACTORS) {
                weekdays.add(factor);
            }
            int members = 0;
            for (Ring ring : rings) {
                members += ring.size();
            }
            return new PlantedSignals(earlyChurners, decliningUsers, lapsed, temporaryDips, clusters, rings.size(),
                    members, weekdays);
        }

        private PlantedTruth plantedTruth() {
            Map<String, Set<String>> tastes = new HashMap<>();
            Set<String> ringMembers = new HashSet<>();
            Map<String, Integer> lapses = new HashMap<>();
            Map<String, Integer> starts = new HashMap<>();
            for (int user = 0; user < userCount; user++) {
                Set<String> genres = new HashSet<>();
                for (int cluster : tasteClustersOf(user)) {
                    for (int genre : TASTE_CLUSTERS[cluster]) {
                        genres.add(GENRES[genre]);
                    }
                }
                tastes.put(userIds[user], Set.copyOf(genres));
                if (ringOf[user] != NO_RING) {
                    ringMembers.add(userIds[user]);
                }
                if (declineStart[user] != NEVER) {
                    lapses.put(userIds[user], lapseDay(user));
                    starts.put(userIds[user], declineStart[user]);
                }
            }
            return new PlantedTruth(Map.copyOf(tastes), Set.copyOf(ringMembers), Map.copyOf(lapses), Map.copyOf(starts));
        }

        // ---- users and their days ----------------------------------------------------------------------

        /** Registrations grow over the window, peak at weekends and during the sale; users are in day order. */
        private void assignRegistrationDays() {
            double[] weights = new double[days];
            double total = 0;
            for (int day = 0; day < days; day++) {
                LocalDate date = settings.firstDay().plusDays(day);
                double weight = 1.0 + 0.5 * day / days;
                if (date.getDayOfWeek().getValue() >= 6) {
                    weight *= 1.25;
                }
                if (day >= saleFirstDay && day <= saleLastDay) {
                    weight *= 1.6;
                }
                weights[day] = weight;
                total += weight;
            }
            int[] perDay = new int[days];
            double[] remainders = new double[days];
            int assigned = 0;
            for (int day = 0; day < days; day++) {
                double expected = userCount * weights[day] / total;
                perDay[day] = (int) Math.floor(expected);
                remainders[day] = expected - perDay[day];
                assigned += perDay[day];
            }
            // Largest remainders first (earlier day on a tie), so the total is exactly the user count.
            Integer[] order = new Integer[days];
            for (int day = 0; day < days; day++) {
                order[day] = day;
            }
            Arrays.sort(order, (a, b) -> remainders[a] != remainders[b]
                    ? Double.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
            for (int i = 0; assigned < userCount; i = (i + 1) % days) {
                perDay[order[i]]++;
                assigned++;
            }
            int user = 0;
            for (int day = 0; day < days; day++) {
                for (int n = 0; n < perDay[day]; n++) {
                    registrationDay[user] = day;
                    userIds[user] = uuid();
                    country[user] = (byte) pick(COUNTRY_WEIGHTS);
                    platform[user] = (byte) pick(PLATFORM_WEIGHTS);
                    double roll = random.nextDouble();
                    engagement[user] = (byte) (roll < 0.45 ? CHURNER : roll < 0.83 ? CASUAL : CORE);
                    spender[user] = random.nextDouble() < (engagement[user] == CORE ? 0.09 : 0.025);
                    lastActiveDay[user] = day;
                    tasteFirst[user] = (byte) pick(TASTE_CLUSTER_WEIGHTS);
                    tasteSecond[user] = -1;
                    if (random.nextDouble() < 0.3) {
                        int second = random.nextInt(TASTE_CLUSTERS.length - 1);
                        tasteSecond[user] = (byte) (second >= tasteFirst[user] ? second + 1 : second);
                    }
                    user++;
                }
            }
        }

        /**
         * A fraud ring: accounts {@code first .. first + size - 1} (registered on one day) that register a
         * few minutes apart from {@code startOfDay} on, from two IP addresses sharing a /24 network.
         */
        private record Ring(int first, int size, int day, long startOfDay, String network, String paymentMethod) {
        }

        /** Picks the rings' accounts among the users registering on a day in the window's last three quarters. */
        private void formFraudRings() {
            int members = userCount < 300 || days < 4 ? 0 : Math.max(3, (int) Math.round(userCount * RING_SHARE));
            int ringCount = (members + RING_MAX_SIZE - 1) / RING_MAX_SIZE;
            int firstRingDay = Math.max(1, days / 4);
            for (int r = 0; r < ringCount; r++) {
                int size = members / ringCount + (r < members % ringCount ? 1 : 0);
                int day = firstRingDay + random.nextInt(days - 2 - firstRingDay);
                int from = firstUserOf(day);
                int to = firstUserOf(day + 1);
                int free = from;
                while (free < to && ringOf[free] != NO_RING) {
                    free++; // rings formed on the same day take consecutive blocks
                }
                size = Math.min(size, to - free);
                if (size < 2) {
                    continue;
                }
                int ringCountry = pick(COUNTRY_WEIGHTS);
                int ringPlatform = random.nextBoolean() ? 0 : 3; // pc or web
                String network = (31 + random.nextInt(190)) + "." + random.nextInt(256) + "." + random.nextInt(256) + ".";
                String method = COUNTRIES[ringCountry].equals("RU") ? "bank_card" : "paypal";
                long startOfDay = HOUR + random.nextLong(4 * HOUR); // at night, Moscow time
                Ring ring = new Ring(free, size, day, startOfDay, network, method);
                for (int user = free; user < free + size; user++) {
                    ringOf[user] = rings.size();
                    country[user] = (byte) ringCountry;
                    platform[user] = (byte) ringPlatform;
                    engagement[user] = CHURNER;
                    spender[user] = true;
                }
                rings.add(ring);
            }
        }

        private int firstUserOf(int day) {
            int low = 0;
            int high = userCount;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (registrationDay[mid] < day) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /**
         * The daily chance of a retained user to start fading (higher without friends, without purchases, with
         * at most one game) and of a short quiet spell; decided before the day's activity.
         */
        private void driftEngagement(int user, int day) {
            int age = day - registrationDay[user];
            if (engagement[user] == CHURNER || age < DECLINE_MIN_AGE || declineStart[user] != NEVER) {
                return;
            }
            double hazard = engagement[user] == CASUAL ? CASUAL_DECLINE_HAZARD : CORE_DECLINE_HAZARD;
            hazard *= friendCount[user] == 0 ? 1.5 : friendCount[user] >= 2 ? 0.6 : 1.0;
            hazard *= paid[user] ? 0.7 : 1.0;
            hazard *= ownedCount[user] <= 1 ? 1.3 : 1.0;
            if (random.nextDouble() < hazard) {
                declineStart[user] = day;
                declineLength[user] = (byte) (DECLINE_MIN_DAYS + random.nextInt(DECLINE_EXTRA_DAYS));
                decliningUsers++;
            } else if (random.nextDouble() < DIP_HAZARD && (dipStart[user] == NEVER || day > dipStart[user] + 30)) {
                dipStart[user] = day;
                dipLength[user] = (byte) (5 + random.nextInt(8));
                temporaryDips++;
            }
        }

        /** 1 for a steady user, falling linearly to DECLINE_FLOOR over a fade, 0 once lapsed, lower in a dip. */
        private double engagementLevel(int user, int day) {
            double engaged = 1;
            if (day >= declineStart[user]) {
                int into = day - declineStart[user];
                if (into >= declineLength[user]) {
                    return 0;
                }
                engaged = 1 - (1 - DECLINE_FLOOR) * (into + 1) / declineLength[user];
            }
            if (day >= dipStart[user] && day < dipStart[user] + dipLength[user]) {
                engaged *= DIP_LEVEL;
            }
            return engaged;
        }

        private int lapseDay(int user) {
            return declineStart[user] + declineLength[user];
        }

        private boolean isActive(int user, int day) {
            int age = day - registrationDay[user];
            if (age == 0) {
                return true;
            }
            double p = switch (engagement[user]) {
                case CHURNER -> 0.25 * Math.exp(-(age - 1) / 2.0);
                // Casual users settle at about one day in seven: sparse enough to look like churn now and then.
                case CASUAL -> 0.15 + 0.29 * Math.exp(-(age - 1) / 6.0);
                default -> 0.65 + 0.2 * Math.exp(-(age - 1) / 5.0);
            };
            if (age == 1 && onboardingVariant[user] == TREATMENT) {
                p *= 1.12; // the onboarding tutorial brings a few more new users back the next day
            }
            if (engagement[user] != CHURNER && isWeekend(day)) {
                p *= 1.1;
            }
            double engaged = engagementLevel(user, day);
            p = engaged == 0 ? LAPSED_RETURN : p * engaged;
            return random.nextDouble() < p;
        }

        private void userDay(int user, int day, long dayStart) {
            lastActiveDay[user] = day;
            long t = dayStart + timeOfDay();
            if (day == 0) {
                t = Math.max(t, dayStart + 10 * MINUTE); // after the initial catalog is published
            }
            boolean firstDay = day == registrationDay[user];
            if (firstDay) {
                register(user, t);
                t += 2 * SECOND + random.nextLong(8 * SECOND);
                if (day >= onboardingExperimentDay) {
                    onboardingVariant[user] = random.nextBoolean() ? TREATMENT : CONTROL;
                    expose(user, ONBOARDING_EXPERIMENT, onboardingVariant[user], t);
                    t += SECOND;
                }
            }
            login(user, t);
            t += 5 * SECOND + random.nextLong(55 * SECOND);
            if (random.nextDouble() < (firstDay ? 0.25 : 0.01)) {
                profileUpdate(user, t);
                t += 30 * SECOND + random.nextLong(2 * MINUTE);
            }
            t = browse(user, day, t, firstDay);
            if (ownedCount[user] == 0 && firstDay && random.nextDouble() < 0.55) {
                Game free = popularFreeGame();
                if (free != null) {
                    t = acquire(user, free, "free", t);
                }
            }
            if (random.nextDouble() < 0.003) {
                Game game = sampleGame();
                if (!owns(user, game.index())) {
                    t = acquire(user, game, random.nextBoolean() ? "gift" : "key_activation", t);
                }
            }
            if (ownedCount[user] > 0) {
                t = play(user, day, t);
            }
            if (spender[user]) {
                t = extraPurchases(user, day, t);
            }
            if (random.nextDouble() < 0.04 * level && user > 0) {
                friend(user, random.nextInt(user), t); // someone who registered earlier
                t += MINUTE;
            }
            double roll = random.nextDouble();
            if (roll < 0.0002) {
                ban(user, t + random.nextLong(6 * HOUR));
            } else if (roll < 0.0003) {
                delete(user, t + random.nextLong(HOUR));
            }
        }

        /**
         * A fraud ring account's day: on its first day it registers minutes after the ring's previous account
         * and, within the hour, buys several paid games and tops up its wallet (many refunded later); it may
         * come back once or twice over the next two days for more of the same, then never again.
         */
        private void fraudDay(int user, int day, long dayStart) {
            Ring ring = rings.get(ringOf[user]);
            int age = day - registrationDay[user];
            if (age > 2 || (age > 0 && random.nextDouble() >= 0.35)) {
                return;
            }
            lastActiveDay[user] = day;
            long t;
            int purchases;
            if (age == 0) {
                t = dayStart + ring.startOfDay() + (user - ring.first()) * 3 * MINUTE + random.nextLong(2 * MINUTE);
                register(user, t);
                t += 2 * SECOND + random.nextLong(8 * SECOND);
                if (day >= onboardingExperimentDay) {
                    onboardingVariant[user] = random.nextBoolean() ? TREATMENT : CONTROL;
                    expose(user, ONBOARDING_EXPERIMENT, onboardingVariant[user], t);
                    t += SECOND;
                }
                purchases = 3 + random.nextInt(4);
            } else {
                t = dayStart + ring.startOfDay() + random.nextLong(3 * HOUR);
                purchases = 1 + random.nextInt(2);
            }
            login(user, t);
            t += 5 * SECOND + random.nextLong(20 * SECOND);
            if (age == 0 && user > ring.first()) {
                friend(user, ring.first(), t);
                t += 10 * SECOND;
            }
            String currency = currencyOf(user);
            if (random.nextDouble() < 0.6) {
                long topUp = new long[] {200_000, 500_000, 1_000_000}[random.nextInt(3)];
                transaction(user, null, "wallet_topup", localPrice(topUp, currency), currency, null, t);
                t += 30 * SECOND + random.nextLong(2 * MINUTE);
            }
            for (int p = 0; p < purchases; p++) {
                Game game = sampleGame();
                for (int tries = 0; tries < 10 && (game.free() || owns(user, game.index())); tries++) {
                    game = sampleGame();
                }
                if (game.free() || owns(user, game.index())) {
                    continue;
                }
                view(userIds[user], null, game, currency, "search", t);
                t = buyGame(user, day, game, t + 10 * SECOND + random.nextLong(40 * SECOND));
                t += 30 * SECOND + random.nextLong(4 * MINUTE);
            }
        }

        private long browse(int user, int day, long start, boolean firstDay) {
            long t = start;
            boolean searched = false;
            if (random.nextDouble() < 0.3) {
                search(userIds[user], null, t);
                searched = true;
                t += 10 * SECOND + random.nextLong(50 * SECOND);
            }
            int views = 1 + geometric(0.6) + (firstDay ? 1 : 0);
            for (int v = 0; v < views; v++) {
                Game game = tasteGame(user);
                String placement = searched && v == 0 ? "search" : PLACEMENTS[random.nextInt(PLACEMENTS.length)];
                if (day >= storefrontExperimentDay && "store_front".equals(placement)) {
                    t = storefrontExposure(user, t);
                }
                view(userIds[user], null, game, currencyOf(user), placement, t);
                t += 15 * SECOND + random.nextLong(3 * MINUTE);
                if (owns(user, game.index())) {
                    continue;
                }
                if (game.free()) {
                    if (random.nextDouble() < 0.12) {
                        t = acquire(user, game, "free", t);
                    }
                } else if (random.nextDouble() < purchaseProbability(user, day)
                        * (inTaste(user, game) ? IN_TASTE_PURCHASE_FACTOR : OUT_OF_TASTE_PURCHASE_FACTOR)) {
                    t = buyGame(user, day, game, t);
                }
            }
            return t;
        }

        private double purchaseProbability(int user, int day) {
            double p = spender[user] ? 0.12 : 0.002;
            if (isSale(day)) {
                p *= 1.5;
            }
            if (storefrontVariant[user] == TREATMENT) {
                p *= 1.15;
            }
            return p * spendingMood(day) * level;
        }

        /** The day's propensity to pay: weekly seasonality times a mild trend over the window. */
        private double spendingMood(int day) {
            int dayOfWeek = settings.firstDay().plusDays(day).getDayOfWeek().getValue();
            return WEEKDAY_PURCHASE_FACTORS[dayOfWeek - 1] * (1 + PURCHASE_TREND * day / days);
        }

        private long storefrontExposure(int user, long t) {
            if (storefrontVariant[user] == NOT_EXPOSED) {
                storefrontVariant[user] = random.nextBoolean() ? TREATMENT : CONTROL;
                expose(user, STOREFRONT_EXPERIMENT, storefrontVariant[user], t);
                return t + SECOND;
            }
            if (random.nextDouble() < 0.05) {
                // Re-exposures; very rarely the client shows the other variant (a user then seen in both).
                byte shown = random.nextDouble() < 0.005
                        ? (storefrontVariant[user] == TREATMENT ? CONTROL : TREATMENT) : storefrontVariant[user];
                expose(user, STOREFRONT_EXPERIMENT, shown, t);
                return t + SECOND;
            }
            return t;
        }

        private long play(int user, int day, long start) {
            long t = start + MINUTE + random.nextLong(10 * MINUTE);
            double roll = random.nextDouble();
            // A fading user plays fewer and shorter sessions.
            int sessions = roll < 0.7 || level < 0.6 ? 1 : roll < 0.95 ? 2 : 3;
            for (int s = 0; s < sessions; s++) {
                Game game = games.get(owned[user][random.nextInt(ownedCount[user])]);
                if (!inTaste(user, game)) {
                    game = games.get(owned[user][random.nextInt(ownedCount[user])]); // a second pick: to taste, mostly
                }
                long duration = Math.max(60, Math.round(sessionSeconds() * (0.3 + 0.7 * level)));
                String sessionId = uuid();
                sessionStarted(user, game, sessionId, t);
                int inGamePurchases = 0;
                long inGameAmount = 0;
                String currency = currencyOf(user);
                if (spender[user] && random.nextDouble() < 0.15 * spendingMood(day) * level) {
                    inGamePurchases = 1;
                    inGameAmount = localPrice(new long[] {4_900, 9_900, 19_900, 49_900, 99_900}[random.nextInt(5)],
                            currency);
                    long at = t + random.nextLong(Math.max(1, duration)) * SECOND;
                    transaction(user, game, "ingame_item", inGameAmount, currency, null, at);
                }
                long end = t + duration * SECOND;
                sessionEnded(user, game, sessionId, duration, inGamePurchases, inGameAmount, currency, end);
                if (random.nextDouble() < 0.015 && reviewed.add((long) user * 1_000_003L + game.index())) {
                    review(user, game, end + MINUTE + random.nextLong(10 * MINUTE));
                }
                t = end + 5 * MINUTE + random.nextLong(HOUR);
            }
            return t;
        }

        private long extraPurchases(int user, int day, long start) {
            long t = start;
            String currency = currencyOf(user);
            double mood = spendingMood(day) * level;
            if (ownedCount[user] > 0 && random.nextDouble() < 0.02 * mood) {
                Game game = games.get(owned[user][random.nextInt(ownedCount[user])]);
                if (!game.free()) {
                    long price = localPrice(Math.max(9_900, game.priceKopecks() / 100 * 30), currency);
                    transaction(user, game, "dlc", price, currency, isSale(day) ? saleCampaign() : null, t);
                    t += MINUTE;
                }
            }
            double roll = random.nextDouble() / mood;
            if (roll < 0.01) {
                long topUp = new long[] {50_000, 100_000, 200_000}[random.nextInt(3)];
                transaction(user, null, "wallet_topup", localPrice(topUp, currency), currency, null, t);
                t += MINUTE;
            } else if (roll < 0.015) {
                transaction(user, null, "subscription", localPrice(29_900, currency), currency, null, t);
                t += MINUTE;
            }
            return t;
        }

        private long buyGame(int user, int day, Game game, long start) {
            String currency = currencyOf(user);
            long price = game.priceKopecks();
            if (isSale(day)) {
                price = price * 7 / 10 / 100 * 100; // 30% off, whole roubles
            }
            transaction(user, game, "game", localPrice(price, currency), currency,
                    isSale(day) ? saleCampaign() : null, start);
            return acquire(user, game, "purchase", start + 2 * SECOND + random.nextLong(5 * SECOND));
        }

        private long acquire(int user, Game game, String acquisition, long start) {
            own(user, game.index());
            libraryAdded(user, game, acquisition, start);
            long t = start + 3 * SECOND + random.nextLong(20 * SECOND);
            if (random.nextDouble() < 0.9) {
                download(user, game, t);
            }
            return t + SECOND;
        }

        private void anonymousVisitors(int day, long dayStart) {
            int visitors = (int) Math.round(userCount * 0.015 * (isWeekend(day) ? 1.2 : 1.0));
            for (int v = 0; v < visitors; v++) {
                String anonymousId = uuid();
                long t = dayStart + timeOfDay();
                if (day == 0) {
                    t = Math.max(t, dayStart + 10 * MINUTE);
                }
                boolean searched = random.nextDouble() < 0.25;
                if (searched) {
                    search(null, anonymousId, t);
                    t += 20 * SECOND;
                }
                int views = 1 + geometric(0.5);
                for (int i = 0; i < views; i++) {
                    String placement = searched && i == 0 ? "search" : random.nextBoolean() ? "store_front" : "external";
                    view(null, anonymousId, sampleGame(), "RUB", placement, t);
                    t += 20 * SECOND + random.nextLong(2 * MINUTE);
                }
            }
        }

        /** Weekly: a share of the users who have been away for three days or more get a nudge. */
        private void reengagementCampaign(int day, long dayStart) {
            String campaign = "reengage_" + settings.firstDay().plusDays(day);
            for (int user = 0; user < userCount && registrationDay[user] <= day; user++) {
                if (status[user] != ACTIVE || day - lastActiveDay[user] < 3 || random.nextDouble() >= 0.1) {
                    continue;
                }
                long t = dayStart + 10 * HOUR + random.nextLong(30 * MINUTE);
                String channel = random.nextDouble() < 0.6 ? "email" : "push";
                String id = uuid();
                if (random.nextDouble() < 0.04) {
                    String errorCode = "email".equals(channel) ? "mailbox_unavailable" : "invalid_device_token";
                    emit(NOTIFICATION_FAILED, t, event.begin(uuid(), "/notification-service", NOTIFICATION_FAILED,
                                    time(t), userIds[user])
                            .field("userId", userIds[user]).field("notificationId", id).field("channel", channel)
                            .field("errorCode", errorCode).field("campaignId", campaign).end());
                } else {
                    emit(NOTIFICATION_SENT, t, event.begin(uuid(), "/notification-service", NOTIFICATION_SENT,
                                    time(t), userIds[user])
                            .field("userId", userIds[user]).field("notificationId", id).field("channel", channel)
                            .field("campaignId", campaign).field("template", "we_miss_you").end());
                }
            }
        }

        // ---- the catalog ---------------------------------------------------------------------------------

        private void publishInitialCatalog(long dayStart) {
            int developerCount = Math.max(5, Math.min(40, userCount / 1000 + 5));
            for (int d = 0; d < developerCount; d++) {
                developers.add(uuid());
            }
            int gameCount = developerCount * 4;
            for (int g = 0; g < gameCount; g++) {
                double weight = 1.0 / Math.pow(g + 1, 0.9);
                publish(developers.get(g % developerCount), weight, dayStart + g * 3 * SECOND, 0);
            }
            gamesInStore = games.size();
            System.arraycopy(clusterSize, 0, clusterInStore, 0, clusterSize.length);
        }

        private void publishGame(long time, int day) {
            // A new release is popular: as if it ranked somewhere in the top 30.
            double weight = 1.0 / Math.pow(3 + random.nextInt(28), 0.9);
            publish(developers.get(random.nextInt(developers.size())), weight, time, day);
        }

        private void publish(String developerId, double weight, long time, int day) {
            int index = games.size();
            int genre = random.nextInt(GENRES.length);
            String title = TITLE_FIRST[random.nextInt(TITLE_FIRST.length)] + " "
                    + TITLE_SECOND[random.nextInt(TITLE_SECOND.length)] + (index >= 100 ? " " + (index / 100 + 1) : "");
            long price = PRICES_KOPECKS[pick(PRICE_WEIGHTS)];
            long size = (long) (Math.exp(Math.log(500e6) + random.nextDouble() * Math.log(160)));
            Game game = new Game(index, uuid(), developerId, title, GENRES[genre], CLUSTER_OF_GENRE[genre], price, size,
                    weight);
            games.add(game);
            cumulativeWeights = Arrays.copyOf(cumulativeWeights, games.size());
            cumulativeWeights[index] = (index == 0 ? 0 : cumulativeWeights[index - 1]) + weight;
            int cluster = game.tasteCluster();
            int n = clusterSize[cluster];
            if (n == clusterGames[cluster].length) {
                clusterGames[cluster] = Arrays.copyOf(clusterGames[cluster], n * 2);
                clusterCumulativeWeights[cluster] = Arrays.copyOf(clusterCumulativeWeights[cluster], n * 2);
            }
            clusterGames[cluster][n] = index;
            clusterCumulativeWeights[cluster][n] = (n == 0 ? 0 : clusterCumulativeWeights[cluster][n - 1]) + weight;
            clusterSize[cluster] = n + 1;
            emit(GAME_PUBLISHED, time, event.begin(uuid(), "/developer-service", GAME_PUBLISHED, time(time), game.id())
                    .field("developerId", developerId).field("gameId", game.id()).field("title", title)
                    .field("genre", game.genre()).money("price", price, "RUB")
                    .field("tags", List.of(GENRE_TAGS[genre]))
                    .field("releaseDate", settings.firstDay().plusDays(day).toString()).end());
        }

        private Game sampleGame() {
            double total = cumulativeWeights[gamesInStore - 1];
            double target = random.nextDouble() * total;
            int index = Arrays.binarySearch(cumulativeWeights, 0, gamesInStore, target);
            if (index < 0) {
                index = -index - 1;
            }
            return games.get(Math.min(index, gamesInStore - 1));
        }

        /** A game for a user to look at: mostly from one of the user's taste clusters, by popularity there. */
        private Game tasteGame(int user) {
            if (random.nextDouble() >= IN_TASTE_VIEWS) {
                return sampleGame();
            }
            int cluster = tasteSecond[user] >= 0 && random.nextBoolean() ? tasteSecond[user] : tasteFirst[user];
            int inStore = clusterInStore[cluster];
            if (inStore == 0) {
                return sampleGame();
            }
            double[] cumulative = clusterCumulativeWeights[cluster];
            double target = random.nextDouble() * cumulative[inStore - 1];
            int index = Arrays.binarySearch(cumulative, 0, inStore, target);
            if (index < 0) {
                index = -index - 1;
            }
            return games.get(clusterGames[cluster][Math.min(index, inStore - 1)]);
        }

        private boolean inTaste(int user, Game game) {
            return game.tasteCluster() == tasteFirst[user] || game.tasteCluster() == tasteSecond[user];
        }

        private int[] tasteClustersOf(int user) {
            return tasteSecond[user] >= 0 ? new int[] {tasteFirst[user], tasteSecond[user]} : new int[] {tasteFirst[user]};
        }

        private Game popularFreeGame() {
            for (int i = 0; i < gamesInStore; i++) {
                Game game = games.get(random.nextInt(Math.min(gamesInStore, 20)));
                if (game.free()) {
                    return game;
                }
            }
            return null;
        }

        // ---- events --------------------------------------------------------------------------------------

        private void register(int user, long t) {
            String id = userIds[user];
            event.begin(uuid(), "/auth-service", REGISTERED, time(t), id)
                    .field("userId", id).field("registeredAt", time(t))
                    .field("country", COUNTRIES[country[user]]).field("platform", PLATFORMS[platform[user]])
                    .field("email", "player" + user + "@example.org").field("username", "player_" + user);
            if (random.nextDouble() < 0.3) {
                String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
                event.field("referrer", referrer);
                if (!"friend_invite".equals(referrer)) {
                    event.field("campaignId", "acq_" + referrer + "_2026");
                }
            }
            emit(REGISTERED, t, event.field("ipAddress", ipAddress(user)).end());
        }

        private void login(int user, long t) {
            String id = userIds[user];
            emit(LOGGED_IN, t, event.begin(uuid(), "/auth-service", LOGGED_IN, time(t), id)
                    .field("userId", id).field("platform", PLATFORMS[platform[user]])
                    .field("country", COUNTRIES[country[user]]).field("ipAddress", ipAddress(user))
                    .field("clientVersion", clientVersion(user)).end());
        }

        private void profileUpdate(int user, long t) {
            String id = userIds[user];
            event.begin(uuid(), "/account-service", PROFILE_UPDATED, time(t), id).field("userId", id);
            if (random.nextBoolean()) {
                emit(PROFILE_UPDATED, t, event.field("changedFields", List.of("displayName", "birthYear"))
                        .field("displayName", "Player " + user).field("birthYear", 1975 + random.nextInt(35)).end());
            } else {
                emit(PROFILE_UPDATED, t, event.field("changedFields", List.of("avatar")).end());
            }
        }

        private void search(String userId, String anonymousId, long t) {
            event.begin(uuid(), "/catalog-service", GAME_SEARCHED, time(t), userId)
                    .field("query", SEARCH_QUERIES[random.nextInt(SEARCH_QUERIES.length)])
                    .field("resultsCount", random.nextInt(60));
            if (userId != null) {
                event.field("userId", userId);
            } else {
                event.field("anonymousId", anonymousId);
            }
            emit(GAME_SEARCHED, t, event.end());
        }

        private void view(String userId, String anonymousId, Game game, String currency, String placement, long t) {
            event.begin(uuid(), "/catalog-service", GAME_VIEWED, time(t), userId)
                    .field("gameId", game.id()).field("developerId", game.developerId());
            if (userId != null) {
                event.field("userId", userId);
            } else {
                event.field("anonymousId", anonymousId);
            }
            emit(GAME_VIEWED, t, event.field("genre", game.genre())
                    .money("price", localPrice(game.priceKopecks(), currency), currency)
                    .field("placement", placement).end());
        }

        private void libraryAdded(int user, Game game, String acquisition, long t) {
            String id = userIds[user];
            emit(GAME_ADDED, t, event.begin(uuid(), "/library-service", GAME_ADDED, time(t), id)
                    .field("userId", id).field("gameId", game.id()).field("developerId", game.developerId())
                    .field("acquisition", acquisition).end());
        }

        private void download(int user, Game game, long t) {
            String id = userIds[user];
            String downloadId = uuid();
            emit(DOWNLOAD_STARTED, t, event.begin(uuid(), "/download-service", DOWNLOAD_STARTED, time(t), id)
                    .field("userId", id).field("gameId", game.id()).field("downloadId", downloadId)
                    .field("sizeBytes", game.sizeBytes()).field("platform", playPlatform(user)).end());
            if (random.nextDouble() < 0.94) {
                long bytesPerSecond = (5 + random.nextInt(56)) * 1_000_000L;
                long seconds = Math.max(1, game.sizeBytes() / bytesPerSecond);
                long done = t + seconds * SECOND;
                emit(DOWNLOAD_COMPLETED, done, event.begin(uuid(), "/download-service", DOWNLOAD_COMPLETED,
                                time(done), id)
                        .field("userId", id).field("gameId", game.id()).field("downloadId", downloadId)
                        .field("durationSeconds", seconds).field("sizeBytes", game.sizeBytes()).end());
            }
        }

        private void sessionStarted(int user, Game game, String sessionId, long t) {
            String id = userIds[user];
            emit(SESSION_STARTED, t, event.begin(uuid(), "/library-service", SESSION_STARTED, time(t), id)
                    .field("userId", id).field("gameId", game.id()).field("developerId", game.developerId())
                    .field("sessionId", sessionId).field("platform", playPlatform(user))
                    .field("country", COUNTRIES[country[user]]).field("clientVersion", clientVersion(user))
                    .field("ipAddress", ipAddress(user)).end());
        }

        private void sessionEnded(int user, Game game, String sessionId, long seconds, int purchases, long amount,
                String currency, long t) {
            String id = userIds[user];
            event.begin(uuid(), "/library-service", SESSION_ENDED, time(t), id)
                    .field("userId", id).field("gameId", game.id()).field("developerId", game.developerId())
                    .field("sessionId", sessionId).field("durationSeconds", seconds)
                    .field("platform", playPlatform(user)).field("inGamePurchasesCount", purchases);
            if (purchases > 0) {
                event.money("inGamePurchasesAmount", amount, currency);
            }
            emit(SESSION_ENDED, t, event.end());
        }

        private void transaction(int user, Game game, String itemType, long amount, String currency, String campaign,
                long t) {
            if (!paid[user]) {
                paid[user] = true;
                payingUsers++;
            }
            String id = userIds[user];
            String transactionId = uuid();
            event.begin(uuid(), "/payment-service", TRANSACTION_COMPLETED, time(t), id)
                    .field("userId", id).field("transactionId", transactionId).field("itemType", itemType)
                    .money("amount", amount, currency);
            if (game != null) {
                event.field("gameId", game.id()).field("developerId", game.developerId());
            }
            String[] methods = "RUB".equals(currency) ? PAYMENT_METHODS_RUB : PAYMENT_METHODS_FOREIGN;
            boolean ringAccount = ringOf[user] != NO_RING;
            event.field("paymentMethod", ringAccount
                            ? rings.get(ringOf[user]).paymentMethod() : methods[random.nextInt(methods.length)])
                    .field("country", COUNTRIES[country[user]]);
            if (campaign != null) {
                event.field("campaignId", campaign);
            }
            emit(TRANSACTION_COMPLETED, t, event.end());
            double refundShare = switch (itemType) {
                case "game" -> 0.05;
                case "dlc" -> 0.03;
                case "ingame_item" -> 0.01;
                default -> 0.005;
            };
            if (ringAccount) {
                refundShare = RING_REFUND_SHARE;
            }
            if (random.nextDouble() < refundShare) {
                long at = t + 10 * MINUTE + random.nextLong(ringAccount ? 12 * HOUR : 72 * HOUR);
                event.begin(uuid(), "/payment-service", REFUND_PROCESSED, time(at), id)
                        .field("userId", id).field("transactionId", transactionId).field("refundId", uuid())
                        .money("amount", amount, currency);
                if (game != null) {
                    event.field("gameId", game.id()).field("developerId", game.developerId());
                }
                emit(REFUND_PROCESSED, at, event.field("reason", REFUND_REASONS[random.nextInt(REFUND_REASONS.length)])
                        .end());
            }
        }

        private void review(int user, Game game, long t) {
            String id = userIds[user];
            boolean recommended = random.nextDouble() < 0.8;
            int rating = recommended ? 6 + random.nextInt(5) : 1 + random.nextInt(5);
            emit(REVIEW_CREATED, t, event.begin(uuid(), "/social-service", REVIEW_CREATED, time(t), id)
                    .field("userId", id).field("gameId", game.id()).field("developerId", game.developerId())
                    .field("reviewId", uuid()).field("recommended", recommended).field("rating", rating)
                    .field("textLength", random.nextInt(1200)).field("language", LANGUAGES[random.nextInt(LANGUAGES.length)])
                    .end());
        }

        private void friend(int user, int other, long t) {
            friendCount[user] = (short) Math.min(Short.MAX_VALUE, friendCount[user] + 1);
            friendCount[other] = (short) Math.min(Short.MAX_VALUE, friendCount[other] + 1);
            String id = userIds[user];
            emit(FRIEND_ADDED, t, event.begin(uuid(), "/social-service", FRIEND_ADDED, time(t), id)
                    .field("userId", id).field("friendUserId", userIds[other]).end());
        }

        private void expose(int user, String experiment, byte variant, long t) {
            String id = userIds[user];
            event.begin(uuid(), "/marketing-service", EXPERIMENT_EXPOSED, time(t), id)
                    .field("userId", id).field("experimentKey", experiment)
                    .field("variant", variant == TREATMENT ? "treatment" : "control");
            if (STOREFRONT_EXPERIMENT.equals(experiment)) {
                event.field("campaignId", "storefront_redesign");
            }
            emit(EXPERIMENT_EXPOSED, t, event.end());
        }

        private void ban(int user, long t) {
            String id = userIds[user];
            event.begin(uuid(), "/admin-service", USER_BANNED, time(t), id)
                    .field("userId", id).field("adminId", admins[random.nextInt(admins.length)])
                    .field("reason", BAN_REASONS[random.nextInt(BAN_REASONS.length)]);
            if (random.nextBoolean()) {
                event.field("until", time(t + 30 * DAY));
            }
            emit(USER_BANNED, t, event.end());
            statusChange(user, ACTIVE, SUSPENDED, t + SECOND);
        }

        private void delete(int user, long t) {
            statusChange(user, ACTIVE, DELETED, t);
        }

        private void statusChange(int user, byte from, byte to, long t) {
            status[user] = to;
            String[] names = {"active", "suspended", "deleted"};
            String id = userIds[user];
            emit(STATUS_UPDATED, t, event.begin(uuid(), "/account-service", STATUS_UPDATED, time(t), id)
                    .field("userId", id).field("oldStatus", names[from]).field("newStatus", names[to]).end());
        }

        // ---- plumbing ------------------------------------------------------------------------------------

        /** Files an event under its UTC day; an event after the window is counted, not emitted. */
        private void emit(String type, long time, String line) {
            int day = (int) Math.floorDiv(time - windowStart, DAY);
            if (day >= days) {
                afterWindow++;
                return;
            }
            eventsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new TimedLine(time, sequence++, type, line));
        }

        private void flushDay(int day) {
            List<TimedLine> lines = eventsByDay.remove(day);
            if (lines == null) {
                return;
            }
            lines.sort(IN_TIME_ORDER);
            for (TimedLine line : lines) {
                sink.accept(line.line());
                counts.merge(line.type(), 1L, Long::sum);
                emitted++;
            }
        }

        private boolean owns(int user, int game) {
            int[] games = owned[user];
            for (int i = 0; i < ownedCount[user]; i++) {
                if (games[i] == game) {
                    return true;
                }
            }
            return false;
        }

        private void own(int user, int game) {
            if (owned[user] == null) {
                owned[user] = new int[4];
            } else if (ownedCount[user] == owned[user].length) {
                owned[user] = Arrays.copyOf(owned[user], ownedCount[user] * 2);
            }
            owned[user][ownedCount[user]++] = game;
        }

        private boolean isSale(int day) {
            return day >= saleFirstDay && day <= saleLastDay;
        }

        private String saleCampaign() {
            return "midseason_sale_" + settings.firstDay().plusDays(saleFirstDay).getYear();
        }

        private boolean isWeekend(int day) {
            return settings.firstDay().plusDays(day).getDayOfWeek().getValue() >= 6;
        }

        private String currencyOf(int user) {
            return switch (COUNTRIES[country[user]]) {
                case "US" -> "USD";
                case "DE", "FR" -> "EUR";
                default -> "RUB";
            };
        }

        /** A RUB price in the user's currency, rounded the way stores price (x.99). */
        private static long localPrice(long kopecks, String currency) {
            if (kopecks == 0 || "RUB".equals(currency)) {
                return kopecks;
            }
            long rate = "USD".equals(currency) ? 90 : 100;
            long whole = Math.max(1, Math.round(kopecks / 100.0 / rate));
            return whole * 100 - 1;
        }

        private String playPlatform(int user) {
            String name = PLATFORMS[platform[user]];
            return "web".equals(name) || "unknown".equals(name) ? "pc" : name;
        }

        private String clientVersion(int user) {
            return "pc".equals(playPlatform(user))
                    ? CLIENT_VERSIONS_PC[random.nextInt(CLIENT_VERSIONS_PC.length)]
                    : CLIENT_VERSIONS_MOBILE[random.nextInt(CLIENT_VERSIONS_MOBILE.length)];
        }

        private String ipAddress(int user) {
            if (ringOf[user] != NO_RING) {
                // The ring's accounts come from two addresses of one network: the many-accounts signal.
                return rings.get(ringOf[user]).network() + (10 + random.nextInt(2));
            }
            if (platform[user] == 1 || platform[user] == 2) {
                if (random.nextDouble() < 0.3) {
                    return String.format("2a02:6b8:%x:%x::%x", random.nextInt(65536), random.nextInt(65536),
                            1 + random.nextInt(65535));
                }
            }
            return (5 + random.nextInt(218)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254));
        }

        /** Milliseconds into the day, following the platform's daily rhythm (evenings in Moscow). */
        private long timeOfDay() {
            int hour = pick(HOUR_WEIGHTS);
            return hour * HOUR + random.nextLong(HOUR);
        }

        /** Session length: log-normal around 40 minutes, from a minute to six hours. */
        private long sessionSeconds() {
            double gaussian = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5; // ~N(0, 0.5)
            long seconds = Math.round(Math.exp(Math.log(2400) + 1.6 * gaussian));
            return Math.max(60, Math.min(6 * 3600, seconds));
        }

        private int geometric(double stop) {
            int n = 0;
            while (n < 10 && random.nextDouble() >= stop) {
                n++;
            }
            return n;
        }

        private int pick(double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double target = random.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                target -= weights[i];
                if (target < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        private String uuid() {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(most, least).toString();
        }

        /** RFC 3339 in UTC with milliseconds, e.g. {@code 2026-01-05T18:03:07.412Z}. */
        private String time(long epochMillis) {
            long epochDay = Math.floorDiv(epochMillis, DAY);
            String prefix = dayPrefixes.computeIfAbsent(epochDay, d -> LocalDate.ofEpochDay(d) + "T");
            int millisOfDay = (int) (epochMillis - epochDay * DAY);
            char[] clock = new char[13];
            put2(clock, 0, millisOfDay / 3_600_000);
            clock[2] = ':';
            put2(clock, 3, millisOfDay / 60_000 % 60);
            clock[5] = ':';
            put2(clock, 6, millisOfDay / 1000 % 60);
            clock[8] = '.';
            int millis = millisOfDay % 1000;
            clock[9] = (char) ('0' + millis / 100);
            clock[10] = (char) ('0' + millis / 10 % 10);
            clock[11] = (char) ('0' + millis % 10);
            clock[12] = 'Z';
            return prefix + new String(clock);
        }

        private static void put2(char[] target, int at, int value) {
            target[at] = (char) ('0' + value / 10);
            target[at + 1] = (char) ('0' + value % 10);
        }
    }
}
