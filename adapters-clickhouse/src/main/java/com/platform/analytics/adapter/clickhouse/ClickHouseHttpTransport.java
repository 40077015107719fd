package com.platform.analytics.adapter.clickhouse;

import static java.util.Objects.requireNonNull;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this adapter's SQL on a ClickHouse server over its HTTP interface (ClickHouse's client-v2).
 *
 * <p>Every statement gets a fresh query id (logged with the statement when it fails, and named in the error),
 * the server settings of the {@link ClickHouseHttpConfig} plus {@code max_execution_time} (the query timeout)
 * and any per-call settings. Results are read as the raw bytes of the requested text format, which the SQL
 * classes parse themselves; {@code wait_end_of_query=1} makes the server finish a query before it answers, so
 * an error met half-way arrives as an error, not as a truncated result. Inserts send the caller's rows as
 * they are, in the caller's format. Compression is off unless configured (ClickHouse 18.16 breaks it).
 *
 * <p>Retries, only where sending again cannot change the outcome, with exponential backoff and jitter, at most
 * {@link ClickHouseHttpConfig#maxRetries()} times:
 * <ul>
 *   <li>any statement whose connection could not be opened (refused, unknown host, connect timeout): it never
 *       reached the server;</li>
 *   <li>a query ({@link #query}) also when the server closed the connection without answering, the answer broke
 *       off, or the server said it is overloaded: reading twice is harmless;</li>
 *   <li>an INSERT is never sent again once it may have reached the server (a second copy could be stored),
 *       unless its SQL carries {@code insert_deduplication_token}, which lets a replicated table drop the
 *       repeat; then it is retried as a query is. The same holds for {@link #execute}: DDL and
 *       {@code INSERT ... SELECT} are not re-sent after they may have arrived.</li>
 * </ul>
 * A statement that runs longer than the socket timeout is not retried either: it fails with a timeout.
 *
 * <p>Errors become {@link AnalyticsException}s: the server's code and message, the query id and the start of
 * the statement in the detail; overload and timeout codes are {@code STORAGE_UNAVAILABLE}, others
 * {@code INTERNAL_ERROR} (see {@link ClickHouseErrors}); an unreachable server is {@code STORAGE_UNAVAILABLE}.
 */
public final class ClickHouseHttpTransport implements ClickHouseTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseHttpTransport.class);
    private static final int SQL_IN_ERRORS = 300;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    private static final Pattern INSERT_INTO = Pattern.compile("^\\s*INSERT\\s+INTO\\s+(.+?)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** What a statement does, which decides when it may be sent again. */
    enum Kind {
        /** A query: reading again is harmless. */
        READ,
        /** DDL, INSERT: may be sent again only if it cannot have reached the server. */
        WRITE
    }

    /** How a statement failed, as far as retrying is concerned. */
    enum Failure {
        /** The connection was never opened: nothing reached the server. */
        NOT_SENT,
        /** Sent, but no answer, or the answer broke off. */
        LOST,
        /** The server answered with an error that a moment later may not recur (overload). */
        SERVER_TRANSIENT,
        /** The server answered with an error. */
        SERVER,
        /** No answer within the socket timeout. */
        TIMED_OUT,
        /** The client refused or failed on its side (misconfiguration, unreadable answer): nothing to retry. */
        CLIENT
    }

    private final ClickHouseHttpConfig config;
    private final Client client;

    @Inject
    public ClickHouseHttpTransport(ClickHouseHttpConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.client = new Client.Builder()
                .addEndpoint(config.endpoint().toString())
                .setUsername(config.user())
                .setPassword(config.password())
                .setDefaultDatabase(config.database())
                .setConnectTimeout(config.connectTimeout().toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(config.socketTimeout().toMillis(), ChronoUnit.MILLIS)
                .compressServerResponse(config.compression())
                .compressClientRequest(config.compression())
                .useHttpCompression(false)
                // this class decides what is retried; the client's own retries would re-send inserts
                .setMaxRetries(0)
                .retryOnFailures(ClientFaultCause.None)
                .setClientName("analytics-service")
                .build();
    }

    @Override
    public void execute(String sql) {
        run(Kind.WRITE, sql, Map.of(), queryId -> {
            drain(sql, queryId, Map.of(), ClickHouseFormat.TabSeparated);
            return null;
        });
    }

    /**
     * The parameters go as the HTTP interface's {@code param_<name>} URL parameters. Servers before 19.x know no
     * query parameters and refuse them as unknown settings.
     */
    @Override
    public void execute(String sql, Map<String, String> parameters) {
        requireNonNull(sql, "sql is null");
        Map<String, String> settings = new LinkedHashMap<>();
        QueryParameters.checked(parameters).forEach((name, value) -> settings.put("param_" + name, QueryParameters.escaped(value)));
        run(Kind.WRITE, sql, settings, queryId -> {
            drain(sql, queryId, settings, ClickHouseFormat.TabSeparated);
            return null;
        });
    }

    @Override
    public String query(String sql, String format) {
        return query(sql, format, Map.of());
    }

    /** As {@link #query(String, String)}, with {@code settings} added to this statement's server settings. */
    public String query(String sql, String format, Map<String, String> settings) {
        requireNonNull(sql, "sql is null");
        ClickHouseFormat outputFormat = format(format);
        return run(Kind.READ, sql, settings, queryId -> {
            QuerySettings querySettings = querySettings(queryId, settings, outputFormat);
            try (QueryResponse response = await(client.query(sql, querySettings))) {
                return new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    @Override
    public void insert(String insertSql, String format, byte[] utf8Rows) {
        insert(insertSql, format, utf8Rows, Map.of());
    }

    /**
     * Sends {@code rows} (in {@code format}) as the data of {@code insertSql} ({@code INSERT INTO <table> [(columns)]
     * [SETTINGS ...]}, without FORMAT), with {@code settings} added to this statement's server settings.
     */
    public void insert(String insertSql, String format, byte[] rows, Map<String, String> settings) {
        requireNonNull(rows, "rows is null");
        Matcher m = INSERT_INTO.matcher(requireNonNull(insertSql, "insertSql is null"));
        if (!m.matches()) {
            throw new IllegalArgumentException("not an INSERT INTO statement: " + abbreviate(insertSql));
        }
        String target = m.group(1);
        ClickHouseFormat inputFormat = format(format);
        // with a deduplication token the server drops a repeated block, so a lost answer may be retried
        Kind kind = insertSql.contains("insert_deduplication_token") || settings.containsKey("insert_deduplication_token")
                ? Kind.READ : Kind.WRITE;
        run(kind, insertSql, settings, queryId -> {
            InsertSettings insertSettings = new InsertSettings().setQueryId(queryId);
            serverSettings(settings, insertSettings::serverSetting);
            await(client.insert(target, new ByteArrayInputStream(rows), inputFormat, insertSettings));
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private void drain(String sql, String queryId, Map<String, String> settings, ClickHouseFormat outputFormat)
            throws Exception {
        try (QueryResponse response = await(client.query(sql, querySettings(queryId, settings, outputFormat)))) {
            response.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }

    private QuerySettings querySettings(String queryId, Map<String, String> settings, ClickHouseFormat outputFormat) {
        QuerySettings querySettings = new QuerySettings().setQueryId(queryId).setFormat(outputFormat).waitEndOfQuery(true);
        querySettings.serverSetting("default_format", outputFormat.name());
        serverSettings(settings, querySettings::serverSetting);
        return querySettings;
    }

    /** The settings every statement carries, then the configured ones, then the call's own. */
    private void serverSettings(Map<String, String> perCall, BiConsumer<String, String> sink) {
        Map<String, String> all = new LinkedHashMap<>();
        // the database as a URL parameter too: servers before 19.x ignore the X-ClickHouse-Database header
        all.put("database", config.database());
        all.put("max_execution_time", Long.toString(config.queryTimeout().toSeconds()));
        all.putAll(config.serverSettings());
        all.putAll(requireNonNull(perCall, "settings is null"));
        all.forEach(sink);
    }

    private static ClickHouseFormat format(String name) {
        requireNonNull(name, "format is null");
        try {
            return ClickHouseFormat.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ClickHouse format '" + name + "'", e);
        }
    }

    private <T> T await(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A call that sends one statement under the given query id. */
    @FunctionalInterface
    private interface Call<T> {
        T send(String queryId) throws Exception;
    }

    private <T> T run(Kind kind, String sql, Map<String, String> settings, Call<T> call) {
        requireNonNull(settings, "settings is null");
        for (int attempt = 1; ; attempt++) {
            String queryId = UUID.randomUUID().toString();
            try {
                return call.send(queryId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while ClickHouse ran query "
                        + queryId, null, null, e);
            } catch (Exception e) {
                Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                Failure how = classify(failure);
                if (attempt <= config.maxRetries() && retryable(kind, how)) {
                    long backoff = backoffMillis(attempt);
                    LOG.warn("ClickHouse query {} failed ({}), attempt {} of {}; sending again in {} ms: {}", queryId, how,
                            attempt, config.maxRetries() + 1, backoff, failure.toString());
                    sleep(backoff);
                    continue;
                }
                LOG.warn("ClickHouse query {} failed ({}) after {} attempt(s): {} -- in: {}", queryId, how, attempt,
                        failure.toString(), abbreviate(sql));
                throw translate(how, failure, queryId, attempt, sql);
            }
        }
    }

    /** Whether a statement of {@code kind} that failed {@code how} may be sent again. */
    static boolean retryable(Kind kind, Failure how) {
        return switch (how) {
            case NOT_SENT -> true;
            case LOST, SERVER_TRANSIENT -> kind == Kind.READ;
            case SERVER, TIMED_OUT, CLIENT -> false;
        };
    }

    static Failure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof ConnectTimeoutException) {
                return Failure.NOT_SENT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException se) {
                OptionalInt code = serverCode(se);
                return code.isPresent() && ClickHouseErrors.retryableRead(code.getAsInt())
                        ? Failure.SERVER_TRANSIENT : Failure.SERVER;
            }
            if (t instanceof NoHttpResponseException) {
                return Failure.LOST;
            }
            if (t instanceof SocketTimeoutException) {
                return Failure.TIMED_OUT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return Failure.LOST;
            }
        }
        return Failure.CLIENT;
    }

    private AnalyticsException translate(Failure how, Throwable failure, String queryId, int attempts, String sql) {
        String where = " (query id " + queryId + ", " + attempts + (attempts == 1 ? " attempt" : " attempts") + ") -- in: "
                + abbreviate(sql);
        return switch (how) {
            case SERVER, SERVER_TRANSIENT -> {
                ServerException se = serverException(failure);
                OptionalInt code = serverCode(se);
                String message = se.getMessage().strip();
                String timeout = code.isPresent() && code.getAsInt() == ClickHouseErrors.TIMEOUT_EXCEEDED
                        ? " (the statement ran into its time limit, max_execution_time)" : "";
                yield new AnalyticsException(ClickHouseErrors.errorCode(code), "ClickHouse server error "
                        + (code.isPresent() ? code.getAsInt() : "?") + timeout + ": " + message + where, null, null, failure);
            }
            case TIMED_OUT -> new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "ClickHouse at " + config.endpoint()
                    + " did not answer within the socket timeout of " + config.socketTimeout().toMillis()
                    + " ms; the statement may still be running there" + where, null, null, failure);
            case NOT_SENT -> new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "could not connect to ClickHouse at "
                    + config.endpoint() + ": " + rootMessage(failure) + where, null, null, failure);
            case LOST -> new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "the connection to ClickHouse at "
                    + config.endpoint() + " failed: " + rootMessage(failure) + where, null, null, failure);
            case CLIENT -> new AnalyticsException(ErrorCode.INTERNAL_ERROR, "the ClickHouse client failed: "
                    + rootMessage(failure) + where, null, null, failure);
        };
    }

    private static ServerException serverException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException se) {
                return se;
            }
        }
        throw new IllegalStateException("no server error in " + failure, failure);
    }

    /** The code the server sent; servers before 19.x send it only in the message, not in a header. */
    private static OptionalInt serverCode(ServerException se) {
        return se.getCode() > 0 ? OptionalInt.of(se.getCode()) : ClickHouseErrors.codeIn(se.getMessage());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + ": " + root;
    }

    private static long backoffMillis(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyticsException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while waiting to retry a ClickHouse "
                    + "statement");
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() <= SQL_IN_ERRORS ? s : s.substring(0, SQL_IN_ERRORS) + "...";
    }

    @Override
    public String toString() {
        return "ClickHouseHttpTransport[" + config.endpoint() + "]";
    }
}
