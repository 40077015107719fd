package com.platform.analytics.adapter.http;

import com.platform.analytics.domain.error.AnalyticsException;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pagination of the list endpoints: {@code page[size]} (1..{@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}) and
 * {@code page[cursor]}, an opaque base64url token from the previous page's {@code links.next}. The cursor holds the
 * list it belongs to, the offset and a checksum: an edited, truncated or foreign cursor is a 400 naming
 * {@code page[cursor]}. It is not a credential (every page is authorized on its own), only a place in a list.
 */
final class Pages {
    static final String SIZE = "page[size]";
    static final String CURSOR = "page[cursor]";
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    private static final Set<String> PARAMETERS = Set.of(SIZE, CURSOR);
    private static final String VERSION = "c1";

    private Pages() {
    }

    /**
     * A page asked for.
     *
     * @param list what the cursor must belong to (a route and its path parameters)
     * @param offset how many items come before the page
     */
    record PageRequest(String list, int size, long offset) {
        PageRequest {
            if (size < 1 || size > MAX_SIZE || offset < 0) {
                throw new IllegalArgumentException("size 1.." + MAX_SIZE + " and a non-negative offset; got " + size + ", " + offset);
            }
        }
    }

    /** Reads the page parameters; any other query parameter is refused, as elsewhere in the API. */
    static PageRequest read(RoutingContext ctx, String list) {
        return read(ctx, list, Set.of());
    }

    /**
     * Reads the page parameters of a list that also takes {@code filters} (its own query parameters, read by its
     * endpoint); any other query parameter is refused. {@code list} should name the filters' values, so a cursor of
     * one filter is refused for another.
     */
    static PageRequest read(RoutingContext ctx, String list, Set<String> filters) {
        var parameters = ctx.queryParams();
        for (String name : parameters.names()) {
            if (!PARAMETERS.contains(name) && !filters.contains(name)) {
                List<String> known = new java.util.ArrayList<>(new java.util.TreeSet<>(filters));
                known.add(SIZE);
                known.add(CURSOR);
                throw AnalyticsException.invalidParameter(name, "unknown query parameter '" + name + "'; known: "
                        + String.join(", ", known));
            }
            if (parameters.getAll(name).size() > 1) {
                throw AnalyticsException.invalidParameter(name, name + " is given more than once");
            }
        }
        int size = DEFAULT_SIZE;
        String sizeText = parameters.get(SIZE);
        if (sizeText != null) {
            try {
                size = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_SIZE) {
                throw AnalyticsException.invalidParameter(SIZE, SIZE + " must be an integer 1.." + MAX_SIZE + "; got '" + sizeText + "'");
            }
        }
        String cursor = parameters.get(CURSOR);
        return new PageRequest(list, size, cursor == null ? 0 : offsetOf(cursor, list));
    }

    static String cursor(String list, long offset) {
        return seal(VERSION, Long.toString(offset), list);
    }

    private static long offsetOf(String cursor, String list) {
        String[] fields = unseal(cursor, VERSION, 2, list, "another list");
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw badCursor("it was altered");
        }
    }

    /**
     * A cursor: the version of its layout, the fields (only the last may hold {@code |}), and a checksum over them,
     * base64url. Lists that page by key rather than offset (pipeline runs) seal their key with this too.
     */
    static String seal(String version, String... fields) {
        String payload = version + "|" + String.join("|", fields);
        String token = payload + "|" + checksum(payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The fields of a cursor {@link #seal}ed with {@code version}, its last field being {@code owner} (the list or
     * filters it was made for); anything else — not base64url, altered, another layout, another owner — is a 400
     * naming {@code page[cursor]}.
     */
    static String[] unseal(String cursor, String version, int fields, String owner, String otherOwner) {
        String token;
        try {
            token = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badCursor("it is not base64url");
        }
        int last = token.lastIndexOf('|');
        String[] parts = last < 0 ? new String[0] : token.substring(0, last).split("\\|", fields + 1);
        if (parts.length != fields + 1 || !version.equals(parts[0])
                || !checksum(token.substring(0, last)).equals(token.substring(last + 1))) {
            throw badCursor("it was altered or is not a cursor of this list");
        }
        if (!parts[fields].equals(owner)) {
            throw badCursor("it belongs to " + otherOwner);
        }
        return java.util.Arrays.copyOfRange(parts, 1, fields + 1);
    }

    static AnalyticsException badCursor(String why) {
        return AnalyticsException.invalidParameter(CURSOR, CURSOR + " is not valid: " + why
                + "; pass links.next of the previous page as it is");
    }

    /** The answer {@code {"data": items, "links": {"next": ...}}}; {@code next} is null on the last page. */
    static Map<String, Object> document(RoutingContext ctx, PageRequest page, Object data, boolean more) {
        return document(ctx, page, data, more, Map.of());
    }

    /** As {@link #document(RoutingContext, PageRequest, Object, boolean)}, {@code links.next} keeping the filters given. */
    static Map<String, Object> document(RoutingContext ctx, PageRequest page, Object data, boolean more,
            Map<String, String> filters) {
        StringBuilder next = new StringBuilder(ctx.request().path()).append('?');
        new java.util.TreeMap<>(filters).forEach((name, value) -> next.append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")).append('&'));
        next.append("page%5Bsize%5D=").append(page.size()).append("&page%5Bcursor%5D=")
                .append(cursor(page.list(), page.offset() + page.size()));
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("next", more ? next.toString() : null);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("data", data);
        document.put("links", links);
        return document;
    }

    /** The page of an in-memory list (the definitions: a few hundred at most). */
    static <T> Map<String, Object> slice(RoutingContext ctx, PageRequest page, List<T> all, java.util.function.Function<T, Object> toJson) {
        return slice(ctx, page, all, toJson, Map.of());
    }

    /** The same, for a list read with its own filters (kept in {@code links.next}). */
    static <T> Map<String, Object> slice(RoutingContext ctx, PageRequest page, List<T> all, java.util.function.Function<T, Object> toJson,
            Map<String, String> filters) {
        int from = (int) Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) from + page.size(), all.size());
        List<Object> data = all.subList(from, to).stream().map(toJson).toList();
        return document(ctx, page, data, to < all.size(), filters);
    }

    private static String checksum(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
