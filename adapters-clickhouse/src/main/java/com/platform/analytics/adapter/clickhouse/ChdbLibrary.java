package com.platform.analytics.adapter.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of chDB's C API ({@code programs/local/chdb.h}, the {@code chdb_*} functions) this adapter
 * calls. {@code size_t} is mapped to {@code long}: libchdb exists for 64-bit platforms only. Strings go in
 * as NUL-terminated UTF-8 byte arrays so the JVM's default charset never matters.
 */
interface ChdbLibrary extends Library {
    /** {@code chdb_connection* chdb_connect(int argc, char** argv)}; NULL on failure. */
    Pointer chdb_connect(int argc, Pointer argv);

    /** {@code void chdb_close_conn(chdb_connection* conn)}. */
    void chdb_close_conn(Pointer connection);

    /** {@code chdb_result* chdb_query_n(chdb_connection, const char*, size_t, const char*, size_t)}. */
    Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    /** Null when the statement succeeded. */
    Pointer chdb_result_error(Pointer result);

    void chdb_destroy_query_result(Pointer result);
}
