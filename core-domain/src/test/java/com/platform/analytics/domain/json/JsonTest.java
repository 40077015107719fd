package com.platform.analytics.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Map<String, Object> m = Json.parseObject(
                " {\"s\":\"x\", \"i\":42, \"f\":1.5, \"t\":true, \"b\":false, \"n\":null, \"a\":[1,\"two\",{}], \"o\":{\"k\":[]}} ");
        assertThat(m).containsOnlyKeys("s", "i", "f", "t", "b", "n", "a", "o");
        assertThat(m.get("s")).isEqualTo("x");
        assertThat(m.get("i")).isEqualTo(42L);
        assertThat(m.get("f")).isEqualTo(new BigDecimal("1.5"));
        assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("b")).isEqualTo(Boolean.FALSE);
        assertThat(m.get("n")).isSameAs(Json.NULL);
        assertThat(m.get("a")).isEqualTo(List.of(1L, "two", Map.of()));
        assertThat(m.get("o")).isEqualTo(Map.of("k", List.of()));
        assertThat(m.keySet()).containsExactly("s", "i", "f", "t", "b", "n", "a", "o"); // insertion order
    }

    @Test
    void aPresentNullIsNotAnAbsentKey() {
        Map<String, Object> m = Json.parseObject("{\"a\":null}");
        assertThat(m).containsKey("a");
        assertThat(m.get("a")).isSameAs(Json.NULL).isNotNull();
        assertThat(m).doesNotContainKey("b");
        assertThat(Json.typeName(m.get("a"))).isEqualTo("null");
        assertThat(Json.write(m)).isEqualTo("{\"a\":null}");
    }

    @Test
    void roundTripsCompactText() {
        String text = "{\"id\":\"e-1\",\"n\":-7,\"x\":0.25,\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true,\"none\":null},\"empty\":[]}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
        assertThat(Json.write(Json.parse("[]"))).isEqualTo("[]");
        assertThat(Json.write(Json.parse("\"just a string\""))).isEqualTo("\"just a string\"");
        assertThat(Json.parse("  7  ")).isEqualTo(7L);
    }

    @Test
    void integersAreLongsUntilTheyDoNotFit() {
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
        assertThat(Json.parse("123456789012345678901234567890"))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(Json.typeName(Json.parse("123456789012345678901234567890"))).isEqualTo("integer");
        assertThat(Json.write(Json.parse("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void fractionsAndExponentsAreBigDecimals() {
        assertThat(Json.parse("1.5e3")).isEqualTo(new BigDecimal("1.5E+3"));
        assertThat(Json.parse("2E-2")).isEqualTo(new BigDecimal("0.02"));
        assertThat(Json.parse("-0.125")).isEqualTo(new BigDecimal("-0.125"));
        assertThat(Json.parse("1e2")).isInstanceOf(BigDecimal.class);
        assertThat(Json.typeName(Json.parse("1.0"))).isEqualTo("number");
        // written in plain notation, never with an exponent
        assertThat(Json.write(Json.parse("1.5e3"))).isEqualTo("1500");
        assertThat(Json.write(Json.parse("2E-2"))).isEqualTo("0.02");
        assertThat(Json.write(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void refusesMalformedNumbers() {
        for (String bad : List.of("-", "-a", "1.", "1.e3", "1e", "1e+", ".5", "+1")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(Json.JsonException.class);
        }
        // a leading zero ends the number; the rest is garbage after the value
        assertThatThrownBy(() -> Json.parse("01")).isInstanceOf(Json.JsonException.class)
                .satisfies(e -> assertThat(((Json.JsonException) e).offset()).isEqualTo(1));
    }

    @Test
    void readsEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"")).isEqualTo("a\"b\\c/d\b\f\n\r\t");
        assertThat(Json.parse("\"\\u0041\\u00e9\\u042F\"")).isEqualTo("AéЯ");
        assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00"); // a surrogate pair
        assertThat(Json.parse("\"плain ascii and кириллица\"")).isEqualTo("плain ascii and кириллица");
    }

    @Test
    void refusesBadEscapesAndRawControlCharacters() {
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).isInstanceOf(Json.JsonException.class).hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> Json.parse("\"\\u12G4\"")).isInstanceOf(Json.JsonException.class).hasMessageContaining("\\u escape");
        assertThatThrownBy(() -> Json.parse("\"\\u12")).isInstanceOf(Json.JsonException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).isInstanceOf(Json.JsonException.class)
                .hasMessageContaining("control character")
                .satisfies(e -> assertThat(((Json.JsonException) e).offset()).isEqualTo(2));
        assertThatThrownBy(() -> Json.parse("\"abc")).isInstanceOf(Json.JsonException.class).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("\"abc\\")).isInstanceOf(Json.JsonException.class).hasMessageContaining("unterminated string");
    }

    @Test
    void writesEscapesForQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("q\"b\\n\nr\rt\tb\bf\f")).isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\"");
        assertThat(Json.write("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(Json.write("line\u2028para\u2029")).isEqualTo("\"line\\u2028para\\u2029\"");
        assertThat(Json.write("é/Я")).isEqualTo("\"é/Я\"");
        String tricky = "\u0000 \" \\ \n \u001f \u2028 ✓ \uD83D\uDE00";
        assertThat(Json.parse(Json.write(tricky))).isEqualTo(tricky);
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"b\":2,\"a\":3}"))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("duplicate key \"a\"");
        assertThatThrownBy(() -> Json.parse("{\"a\":null,\"a\":null}"))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("duplicate key");
        // the same key in different objects is fine
        assertThat(Json.parse("{\"a\":{\"a\":1}}")).isEqualTo(Map.of("a", Map.of("a", 1L)));
    }

    @Test
    void limitsNestingDepthWithoutOverflowingTheStack() {
        assertThat(Json.parse(nestedArrays(200))).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse(nestedArrays(300)))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("nesting deeper than");
        assertThatThrownBy(() -> Json.parse(nestedArrays(100_000)))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("nesting deeper than");
        String deepObjects = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
        assertThatThrownBy(() -> Json.parse(deepObjects))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("nesting deeper than");
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void refusesTrailingGarbageNamingItsOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x"))
                .isInstanceOf(Json.JsonException.class)
                .hasMessageContaining("after the JSON value")
                .hasMessageEndingWith("at offset 8")
                .satisfies(e -> assertThat(((Json.JsonException) e).offset()).isEqualTo(8));
        assertThatThrownBy(() -> Json.parse("[1] [2]"))
                .isInstanceOf(Json.JsonException.class)
                .satisfies(e -> assertThat(((Json.JsonException) e).offset()).isEqualTo(4));
        assertThatThrownBy(() -> Json.parse("truex")).isInstanceOf(Json.JsonException.class)
                .satisfies(e -> assertThat(((Json.JsonException) e).offset()).isEqualTo(4));
    }

    @Test
    void refusesOtherMalformedDocuments() {
        for (String bad : List.of("", "   ", "{", "[", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}",
                "{\"a\":1 \"b\":2}", "tru", "nul", "'x'", "[1,,2]")) {
            assertThatThrownBy(() -> Json.parse(bad)).as("<%s>", bad).isInstanceOf(Json.JsonException.class);
        }
    }

    @Test
    void parseObjectRefusesOtherTopLevelValues() {
        assertThatThrownBy(() -> Json.parseObject("[1]"))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("expected a JSON object, found array");
        assertThatThrownBy(() -> Json.parseObject("null"))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("found null");
    }

    @Test
    void writesNonFiniteDoublesAndJavaNullsAsNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("ninf", Double.NEGATIVE_INFINITY);
        m.put("javaNull", null);
        m.put("d", 0.5d);
        m.put("i", 3);
        assertThat(Json.write(m)).isEqualTo("{\"nan\":null,\"inf\":null,\"ninf\":null,\"javaNull\":null,\"d\":0.5,\"i\":3}");
        assertThat(Json.parse(Json.write(m))).isInstanceOf(Map.class);
    }

    @Test
    void writesCollectionsAndOtherObjectsAsStrings() {
        List<Object> items = new ArrayList<>(Arrays.asList(1L, null, Json.NULL, "x", true));
        assertThat(Json.write(items)).isEqualTo("[1,null,null,\"x\",true]");
        assertThat(Json.write(java.util.Set.of("only"))).isEqualTo("[\"only\"]");
        assertThat(Json.write(java.time.LocalDate.parse("2026-03-01"))).isEqualTo("\"2026-03-01\"");
        assertThat(Json.write(Map.of(7, "seven"))).isEqualTo("{\"7\":\"seven\"}");
    }
}
