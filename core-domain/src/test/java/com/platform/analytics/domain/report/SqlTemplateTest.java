package com.platform.analytics.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTemplateTest {
    @Test
    void aSelectWithParametersIsAcceptedAndItsPlaceholdersRead() {
        SqlTemplate t = SqlTemplate.parse("""
                -- monthly; not a second statement; DROP TABLE x
                WITH {from:Date} AS f /* a comment; with ; /* nested ; */ still comment */
                SELECT game_id, 'it''s; {not:String}' AS s, "odd;name", `x;y`, format('{}', 1)
                FROM analytics.events WHERE ts >= f AND ts < {to:DateTime64(3, 'UTC')} AND developer_id = {developer_id:String}
                """);
        assertThat(t.placeholders()).containsExactly(Map.entry("from", "Date"), Map.entry("to", "DateTime64(3, 'UTC')"),
                Map.entry("developer_id", "String"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DROP TABLE analytics.events",
        "SELECT 1;",
        "SELECT 'a\\'; DROP TABLE t; --'; DROP TABLE t",
        "SELECT 'a'';' ; SELECT 2",
        "INSERT INTO analytics.events SELECT * FROM analytics.events",
        "DROP TABLE analytics.events",
        "  /* SELECT */ ALTER TABLE t DELETE WHERE 1",
        "SYSTEM SHUTDOWN",
        "SET readonly = 0",
        "SELECT 1 SETTINGS readonly = 0",
        "SELECT 1 FORMAT Native",
        "SELECT * FROM numbers(10) INTO OUTFILE '/tmp/x'",
        "SELECT 1 # comment ; DROP",
        "SELECT 'unterminated",
        "SELECT 1 /* /* nested */ ; DROP TABLE t",
        "SELECT 1 /* /* */ ' */ ; DROP TABLE t '",
        "SELECT {x} AS a",
        "SELECT {x:String AS a",
        "SELECT {X:String}",
        "SELECT {a:String}, {a:Int64}",
        "EXPLAIN SELECT 1",
        "",
        "-- only a comment"
    })
    void hostileOrForeignTemplatesAreRefused(String sql) {
        assertThatThrownBy(() -> SqlTemplate.parse(sql)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRefusalSaysWhatAndWhere() {
        assertThatThrownBy(() -> SqlTemplate.parse("SELECT 1; DROP TABLE t"))
                .hasMessage("the SQL template is refused at character 8: a second statement (';')");
        assertThatThrownBy(() -> SqlTemplate.parse("DELETE FROM t WHERE 1"))
                .hasMessageContaining("a statement other than SELECT or WITH ... SELECT (DELETE)");
    }
}
