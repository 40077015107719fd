package com.platform.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {
    private static List<JsonSchema.Violation> check(String schema, String instance) {
        return JsonSchema.parse(schema).validate(Json.parse(instance), "/data");
    }

    private static void valid(String schema, String instance) {
        assertThat(check(schema, instance)).as(instance).isEmpty();
    }

    private static void invalid(String schema, String instance, String pointer, String messagePart) {
        assertThat(check(schema, instance)).as(instance).isNotEmpty().first().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo(pointer);
            assertThat(v.message()).contains(messagePart);
        });
    }

    @Test
    void typeNamesIntegerAndNumberApart() {
        String integer = "{\"type\":\"integer\"}";
        valid(integer, "5");
        valid(integer, "5.0");
        valid(integer, "123456789012345678901234567890");
        invalid(integer, "5.5", "/data", "must be an integer, found a number");
        invalid(integer, "\"5\"", "/data", "must be an integer, found a string");
        valid("{\"type\":\"number\"}", "5");
        valid("{\"type\":\"number\"}", "5.5");
        invalid("{\"type\":\"number\"}", "true", "/data", "must be a number, found a boolean");
        valid("{\"type\":[\"string\",\"null\"]}", "null");
        valid("{\"type\":[\"string\",\"null\"]}", "\"x\"");
        invalid("{\"type\":[\"string\",\"null\"]}", "{}", "/data", "must be one of string, null, found an object");
        invalid("{\"type\":\"array\"}", "{}", "/data", "must be an array");
    }

    @Test
    void requiredPropertiesAndAdditionalProperties() {
        String schema = """
                {"type":"object","required":["value","currency"],"additionalProperties":false,
                 "properties":{"value":{"type":"string"},"currency":{"type":"string"}}}""";
        valid(schema, "{\"value\":\"1\",\"currency\":\"RUB\"}");
        invalid(schema, "{\"value\":\"1\"}", "/data/currency", "is required but missing");
        invalid(schema, "{\"value\":\"1\",\"currency\":\"RUB\",\"x/y\":1}", "/data/x~1y", "not an allowed property");
        invalid(schema, "{\"value\":1,\"currency\":\"RUB\"}", "/data/value", "must be a string");
        String open = "{\"type\":\"object\",\"additionalProperties\":true,\"properties\":{\"a\":{\"type\":\"string\"}}}";
        valid(open, "{\"a\":\"x\",\"b\":[1,2]}");
        String typedExtras = "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}";
        valid(typedExtras, "{\"a\":1}");
        invalid(typedExtras, "{\"a\":\"1\"}", "/data/a", "must be an integer");
    }

    @Test
    void itemsAndArraySizes() {
        String schema = "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,\"maxItems\":2}";
        valid(schema, "[\"a\"]");
        invalid(schema, "[\"a\", 3]", "/data/1", "must be a string");
        invalid(schema, "[]", "/data", "at least 1 items");
        invalid(schema, "[\"a\",\"b\",\"c\"]", "/data", "at most 2 items");
    }

    @Test
    void enumAndConstCompareJsonValues() {
        String schema = "{\"enum\":[\"pc\",\"web\",1]}";
        valid(schema, "\"pc\"");
        valid(schema, "1.0");
        invalid(schema, "\"xbox\"", "/data", "must be one of \"pc\", \"web\", 1");
        valid("{\"const\":{\"a\":[1,2]}}", "{\"a\":[1.0,2]}");
        invalid("{\"const\":\"1.0\"}", "\"1.1\"", "/data", "must be \"1.0\"");
    }

    @Test
    void patternIsFoundAnywhereUnlessAnchored() {
        valid("{\"pattern\":\"[0-9]\"}", "\"abc1def\"");
        invalid("{\"pattern\":\"^[A-Z]{2}$\"}", "\"RUS\"", "/data", "does not match the pattern ^[A-Z]{2}$");
        valid("{\"pattern\":\"^[A-Z]{2}$\"}", "5");
        String amount = "{\"type\":\"string\",\"pattern\":\"^-?[0-9]{1,12}(\\\\.[0-9]{1,2})?$\"}";
        valid(amount, "\"1499.00\"");
        valid(amount, "\"-5\"");
        invalid(amount, "\"1499.001\"", "/data", "does not match the pattern");
        invalid(amount, "\"1,5\"", "/data", "does not match the pattern");
    }

    @Test
    void numericBounds() {
        String schema = "{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}";
        valid(schema, "1");
        valid(schema, "10");
        invalid(schema, "0", "/data", "must be at least 1, found 0");
        invalid(schema, "11", "/data", "must be at most 10, found 11");
        String exclusive = "{\"exclusiveMinimum\":0,\"exclusiveMaximum\":1.5}";
        valid(exclusive, "0.1");
        invalid(exclusive, "0", "/data", "greater than 0");
        invalid(exclusive, "1.5", "/data", "less than 1.5");
    }

    @Test
    void stringLengthsCountCharactersNotUtf16Units() {
        String schema = "{\"minLength\":2,\"maxLength\":3}";
        valid(schema, "\"ab\"");
        valid(schema, "\"\uD83D\uDE00\uD83D\uDE00\"");
        invalid(schema, "\"\uD83D\uDE00\"", "/data", "at least 2 characters long, found 1");
        invalid(schema, "\"abcd\"", "/data", "at most 3 characters long, found 4");
    }

    @Test
    void formatsAreAssertions() {
        String uuid = "{\"type\":\"string\",\"format\":\"uuid\"}";
        valid(uuid, "\"3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f60\"");
        valid(uuid, "\"3F1C2B9E-8A4D-4C1E-9F2A-1B2C3D4E5F60\"");
        invalid(uuid, "\"3f1c2b9e8a4d4c1e9f2a1b2c3d4e5f60\"", "/data", "must be a UUID");
        invalid(uuid, "\"3f1c2b9e-8a4d-4c1e-9f2a-1b2c3d4e5f6g\"", "/data", "must be a UUID");
        String dateTime = "{\"format\":\"date-time\"}";
        valid(dateTime, "\"2026-03-14T09:26:53.589Z\"");
        valid(dateTime, "\"2026-03-14T12:26:53+03:00\"");
        invalid(dateTime, "\"2026-03-14T09:26:53\"", "/data", "RFC 3339 date-time with a time zone offset");
        invalid(dateTime, "\"2026-03-14\"", "/data", "RFC 3339");
        String date = "{\"format\":\"date\"}";
        valid(date, "\"2026-04-01\"");
        invalid(date, "\"2026-04-31\"", "/data", "calendar date");
        String email = "{\"format\":\"email\"}";
        valid(email, "\"ivan.petrov@example.ru\"");
        valid(email, "\"a+b@mail.example.co.uk\"");
        invalid(email, "\"ivan.petrov\"", "/data", "email address");
        invalid(email, "\"ivan@localhost\"", "/data", "email address");
        invalid(email, "\"iv an@example.ru\"", "/data", "email address");
        // formats apply to strings only
        valid(uuid.replace("\"type\":\"string\",", ""), "42");
    }

    @Test
    void messagesDoNotRepeatTheOffendingText() {
        List<JsonSchema.Violation> violations = check("{\"format\":\"email\",\"pattern\":\"^x\"}", "\"secret@localhost\"");
        assertThat(violations).hasSize(2);
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).doesNotContain("secret"));
    }

    @Test
    void reportsEveryViolationWithItsPointer() {
        String schema = """
                {"type":"object","required":["a"],"properties":{
                  "b":{"type":"object","properties":{"c":{"type":"integer"}}},
                  "l":{"type":"array","items":{"type":"object","required":["id"]}}}}""";
        assertThat(check(schema, "{\"b\":{\"c\":\"x\"},\"l\":[{\"id\":1},{}]}"))
                .extracting(JsonSchema.Violation::pointer)
                .containsExactly("/data/a", "/data/b/c", "/data/l/1/id");
        assertThat(JsonSchema.parse(schema).validate(Json.parse("{}")))
                .extracting(JsonSchema.Violation::toString).containsExactly("/a: is required but missing");
    }

    @Test
    void booleanSchemas() {
        valid("true", "{\"anything\":1}");
        invalid("false", "1", "/data", "is not allowed");
    }

    @Test
    void unsupportedKeywordsAndFormatsFailAtLoad() {
        assertThatThrownBy(() -> JsonSchema.parse("{\"properties\":{\"a\":{\"oneOf\":[]}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/properties/a/oneOf").hasMessageContaining("unsupported JSON Schema keyword 'oneOf'");
        assertThatThrownBy(() -> JsonSchema.parse("{\"format\":\"ipv4\"}"))
                .hasMessageContaining("unsupported format 'ipv4'");
        assertThatThrownBy(() -> JsonSchema.parse("{\"$ref\":\"#/defs/x\"}")).hasMessageContaining("'$ref'");
        assertThatThrownBy(() -> JsonSchema.parse("{\"type\":\"str\"}")).hasMessageContaining("unknown type 'str'");
        assertThatThrownBy(() -> JsonSchema.parse("{\"pattern\":\"[a-\"}")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> JsonSchema.parse("{\"minLength\":-1}")).hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> JsonSchema.parse("{\"$schema\":\"http://json-schema.org/draft-07/schema#\"}"))
                .hasMessageContaining("draft 2020-12");
        assertThatThrownBy(() -> JsonSchema.parse("{\"enum\":[]}")).hasMessageContaining("non-empty array");
        assertThatThrownBy(() -> JsonSchema.parse("{\"required\":[1]}")).hasMessageContaining("array of strings");
    }

    @Test
    void annotationsAreAccepted() {
        valid("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$id\":\"urn:x\",\"title\":\"t\","
                + "\"description\":\"d\",\"$comment\":\"c\",\"examples\":[1],\"default\":1}", "1");
    }
}
