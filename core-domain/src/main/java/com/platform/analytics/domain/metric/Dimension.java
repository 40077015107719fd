package com.platform.analytics.domain.metric;

import java.util.Locale;

/**
 * What a metric can be broken down by and filtered on: the dimensions events carry. A user with events in
 * two groups counts once in each.
 */
public enum Dimension {
    GAME_ID("gameId", "game_id"),
    DEVELOPER_ID("developerId", "developer_id"),
    PLATFORM("platform", "platform"),
    COUNTRY("country", "country"),
    GENRE("genre", "genre"),
    ITEM_TYPE("itemType", "item_type"),
    CAMPAIGN_ID("campaignId", "campaign_id");

    private final String fieldName;
    private final String column;

    Dimension(String fieldName, String column) {
        this.fieldName = fieldName;
        this.column = column;
    }

    /** The event's data field name, also the name used in API responses. */
    public String fieldName() {
        return fieldName;
    }

    /** The warehouse column. */
    public String column() {
        return column;
    }

    /** Accepts the field name ({@code gameId}) or the column name ({@code game_id}); null if neither. */
    public static Dimension parse(String text) {
        String t = text.trim();
        for (Dimension d : values()) {
            if (d.fieldName.equals(t) || d.column.equals(t.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        return null;
    }
}
