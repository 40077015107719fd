package com.platform.analytics.adapter.clickhouse;

import com.platform.analytics.domain.error.ErrorCode;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a ClickHouse error code means to the service, for every transport. The SQL is this adapter's own, so
 * most errors are internal; those that say the server is overloaded, slow or cut off are
 * {@code STORAGE_UNAVAILABLE}: the same request may succeed later.
 */
final class ClickHouseErrors {
    static final int TIMEOUT_EXCEEDED = 159;

    /** Codes of a server that is busy, slow or unreachable from itself, not of a wrong statement. */
    private static final Set<Integer> UNAVAILABLE = Set.of(
            TIMEOUT_EXCEEDED,
            160, // TOO_SLOW
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY (replica lost its keeper session)
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            999); // KEEPER_EXCEPTION

    /** Of these, a SELECT may simply be sent again. */
    private static final Set<Integer> RETRYABLE_READ = Set.of(202, 203, 209, 210, 999);

    /** "Code: 62. DB::Exception" (current servers) and "Code: 62, e.displayText() = DB::Exception" (18.x). */
    private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");

    private ClickHouseErrors() {
    }

    static ErrorCode errorCode(OptionalInt serverCode) {
        return serverCode.isPresent() && UNAVAILABLE.contains(serverCode.getAsInt())
                ? ErrorCode.STORAGE_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
    }

    static boolean retryableRead(int serverCode) {
        return RETRYABLE_READ.contains(serverCode);
    }

    /** The server's error code at the start of its message, if there is one. */
    static OptionalInt codeIn(String message) {
        if (message == null) {
            return OptionalInt.empty();
        }
        Matcher m = CODE.matcher(message);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
