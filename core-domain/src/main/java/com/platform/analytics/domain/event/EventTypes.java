package com.platform.analytics.domain.event;

import java.util.Set;

/** Names of the platform's event types that metrics refer to, and which of them count as activity. */
public final class EventTypes {
    public static final String USER_REGISTERED = "com.platform.auth.user.registered.v1";
    public static final String USER_LOGGED_IN = "com.platform.auth.user.loggedin.v1";
    public static final String PROFILE_UPDATED = "com.platform.account.profile.updated.v1";
    public static final String STATUS_UPDATED = "com.platform.account.status.updated.v1";
    public static final String GAME_VIEWED = "com.platform.catalog.game.viewed.v1";
    public static final String GAME_SEARCHED = "com.platform.catalog.game.searched.v1";
    public static final String GAME_ADDED = "com.platform.library.game.added.v1";
    public static final String SESSION_STARTED = "com.platform.library.session.started.v1";
    public static final String SESSION_ENDED = "com.platform.library.session.ended.v1";
    public static final String TRANSACTION_COMPLETED = "com.platform.payment.transaction.completed.v1";
    public static final String REFUND_PROCESSED = "com.platform.payment.refund.processed.v1";
    public static final String DOWNLOAD_STARTED = "com.platform.download.started.v1";
    public static final String DOWNLOAD_COMPLETED = "com.platform.download.completed.v1";
    public static final String REVIEW_CREATED = "com.platform.social.review.created.v1";
    public static final String FRIEND_ADDED = "com.platform.social.friend.added.v1";
    public static final String NOTIFICATION_SENT = "com.platform.notification.sent.v1";
    public static final String NOTIFICATION_FAILED = "com.platform.notification.failed.v1";
    public static final String GAME_PUBLISHED = "com.platform.developer.game.published.v1";
    public static final String USER_BANNED = "com.platform.admin.user.banned.v1";
    public static final String EXPERIMENT_EXPOSED = "com.platform.marketing.experiment.exposed.v1";

    /** Activity events: a user is active on a day where they have at least one (KPI_DEFINITIONS.md). */
    public static final Set<String> ACTIVITY = Set.of(
            USER_REGISTERED, USER_LOGGED_IN, PROFILE_UPDATED, GAME_VIEWED, GAME_SEARCHED, GAME_ADDED,
            SESSION_STARTED, SESSION_ENDED, TRANSACTION_COMPLETED, DOWNLOAD_STARTED, REVIEW_CREATED, FRIEND_ADDED);

    private EventTypes() {
    }

    public static boolean isActivity(String type) {
        return ACTIVITY.contains(type);
    }
}
