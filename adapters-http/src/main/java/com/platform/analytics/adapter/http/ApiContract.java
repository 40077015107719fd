package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Permission;
import com.platform.analytics.domain.error.AnalyticsException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST contract: the hand-written OpenAPI 3.1 document ({@code openapi.json} beside this class), served as it
 * is, and the JSON Schemas of its request bodies, which every JSON body is checked against before its handler's own
 * (domain) validation. The document is read with vertx-openapi, which also proves it a valid OpenAPI 3.1 document:
 * a broken one stops the server from starting.
 */
final class ApiContract {
    static final String RESOURCE = "openapi.json";
    // "... in the enumeration [..]" and similar come from the validator; the property name comes from these
    /** Keywords that only carry the errors of the schemas below them. */
    private static final java.util.Set<String> WRAPPERS = java.util.Set.of("properties", "items", "prefixItems",
            "additionalProperties", "$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "if", "then", "else", "not",
            "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "#");
    private static final Pattern QUOTED_PROPERTY = Pattern.compile("[Pp]roperty \"([^\"]*)\"");

    private final Buffer document;
    private final Map<String, Validator> bodyValidators;
    private final Map<String, Access> access;

    private ApiContract(Buffer document, Map<String, Validator> bodyValidators) {
        this.document = requireNonNull(document, "document is null");
        this.bodyValidators = Map.copyOf(bodyValidators);
        this.access = Map.copyOf(access(new JsonObject(document)));
    }

    /**
     * Who may call an operation, as the document says: public ({@code security: []}) or the permission named by its
     * {@code x-permission}. An operation behind the global {@code bearerAuth} without one is a mistake in the document,
     * refused when it is loaded.
     */
    record Access(boolean open, Optional<Permission> permission) {
    }

    private static Map<String, Access> access(JsonObject document) {
        Map<String, Access> all = new HashMap<>();
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject operation = item.getJsonObject(method);
                io.vertx.core.json.JsonArray security = operation.getJsonArray("security");
                String key = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                if (security != null && security.isEmpty()) {
                    all.put(key, new Access(true, Optional.empty()));
                    continue;
                }
                String claim = operation.getString("x-permission");
                Permission permission = claim == null ? null : Permission.fromClaim(claim).orElse(null);
                if (permission == null) {
                    throw new IllegalStateException("the OpenAPI document's " + key + " needs an x-permission naming a known"
                            + " permission, got " + claim);
                }
                all.put(key, new Access(false, Optional.of(permission)));
            }
        }
        return all;
    }

    /** The access rule of the documented operation, or empty for one the document does not have (a 404 or 405). */
    Optional<Access> accessOf(HttpMethod method, String openApiPath) {
        return Optional.ofNullable(access.get(key(method, openApiPath)));
    }

    /** The document's bytes, as served at {@code {basePath}/openapi.json}. */
    static Buffer documentBytes() {
        try (InputStream in = ApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
    }

    /** Reads and checks the document and prepares a validator per JSON request body. */
    static Future<ApiContract> load(Vertx vertx) {
        Buffer bytes = documentBytes();
        JsonObject json = new JsonObject(bytes);
        return OpenAPIContract.from(vertx, withValidatableMediaTypesOnly(json)).map(contract -> {
            Map<String, Validator> validators = new HashMap<>();
            JsonSchemaOptions options = new JsonSchemaOptions()
                    .setDraft(io.vertx.json.schema.Draft.DRAFT202012)
                    .setBaseUri("app://")
                    .setOutputFormat(OutputFormat.Basic);
            for (Operation operation : contract.operations()) {
                if (operation.getRequestBody() == null) {
                    continue;
                }
                MediaType media = operation.getRequestBody().getContent().get(JsonResponses.APPLICATION_JSON);
                if (media == null || operation.getOpenAPIPath().endsWith("/events")) {
                    // events are CloudEvents judged one by one by the ingestion (an invalid one is rejected alone)
                    continue;
                }
                validators.put(key(operation.getHttpMethod(), operation.getOpenAPIPath()),
                        contract.getSchemaRepository().validator(media.getSchema(), options));
            }
            return new ApiContract(bytes, validators);
        });
    }

    /**
     * vertx-openapi refuses a contract with media types it cannot validate (the CloudEvents types and NDJSON of
     * {@code POST /events}, a report's CSV and JSON lines); it is handed a copy without them. Events are judged by the
     * ingestion itself.
     */
    private static JsonObject withValidatableMediaTypesOnly(JsonObject document) {
        JsonObject copy = document.copy();
        JsonObject paths = copy.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject operation = item.getJsonObject(method);
                JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
                if (content != null) {
                    content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
                }
                // and responses of other types (a report's CSV, JSON lines): documented, not validated
                JsonObject responses = operation.getJsonObject("responses", new JsonObject());
                for (String status : responses.fieldNames()) {
                    JsonObject answer = responses.getJsonObject(status).getJsonObject("content");
                    if (answer != null) {
                        answer.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
                    }
                }
            }
        }
        return copy;
    }

    Buffer document() {
        return document;
    }

    /**
     * Checks a JSON body against the request schema of the operation at {@code routePattern} (a Vert.x path such as
     * {@code /segments/:segment_id/members}); a body of an operation without a schema passes. A body that is not
     * JSON at all is left to the handler's parsing (its message says where).
     *
     * @throws AnalyticsException INVALID_REQUEST_BODY with the pointer of the first offending member
     */
    void validateBody(HttpMethod method, String routePattern, String body) {
        Validator validator = routePattern == null ? null : bodyValidators.get(key(method, openApiPath(routePattern)));
        if (validator == null) {
            return;
        }
        Object json;
        try {
            json = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            return;
        }
        OutputUnit result = validator.validate(json);
        if (Boolean.TRUE.equals(result.getValid())) {
            return;
        }
        throw violation(result);
    }

    boolean validatesBodyOf(HttpMethod method, String openApiPath) {
        return bodyValidators.containsKey(key(method, openApiPath));
    }

    /**
     * The error a client can act on. The validator reports every schema it passed through (properties, items, if/then,
     * and an additionalProperties echo of a declared member that failed); the answer is the deepest error of a leaf
     * keyword (type, enum, required, minimum...), else the deepest unknown member.
     */
    private static AnalyticsException violation(OutputUnit result) {
        List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
        List<OutputUnit> leaves = errors.stream().filter(e -> e.getError() != null && !WRAPPERS.contains(keyword(e))).toList();
        List<OutputUnit> candidates = leaves.isEmpty()
                ? errors.stream().filter(e -> e.getError() != null).toList()
                : leaves;
        OutputUnit chosen = errors.get(0);
        int deepest = -1;
        for (OutputUnit e : candidates) {
            int depth = depth(pointer(e));
            if (depth > deepest) {
                deepest = depth;
                chosen = e;
            }
        }
        String pointer = pointer(chosen);
        return AnalyticsException.invalidBody(pointer, "The request body does not match the API's schema at '"
                + (pointer.isEmpty() ? "/" : pointer) + "': " + explain(chosen));
    }

    /** The validator's message in the words of an API error. */
    private static String explain(OutputUnit error) {
        String message = error.getError() == null ? "does not match" : error.getError();
        Matcher property = QUOTED_PROPERTY.matcher(message);
        return switch (keyword(error)) {
            case "required" -> property.find() ? "'" + property.group(1) + "' is required" : message;
            case "additionalProperties" -> property.find()
                    ? "unknown member '" + property.group(1) + "'; the schema lists the members this request takes"
                    : message;
            case "enum" -> message.replace("Instance does not match any of", "must be one of");
            case "type" -> message.replace("Instance type", "a value of type").replace(" is invalid. Expected", " is given where the schema expects");
            case "minItems" -> "the array has too few items";
            case "maxItems" -> "the array has too many items";
            default -> message.replace("Instance", "the value");
        };
    }

    private static String keyword(OutputUnit error) {
        String location = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The member's JSON pointer: a missing or unknown property is named by its own pointer, not its parent's. */
    static String pointer(OutputUnit error) {
        String instance = error.getInstanceLocation() == null ? "" : error.getInstanceLocation();
        if (instance.startsWith("#")) {
            instance = instance.substring(1);
        }
        String keyword = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
        boolean namesProperty = error.getErrorType() == OutputErrorType.MISSING_VALUE || keyword.endsWith("/required")
                || keyword.endsWith("/additionalProperties");
        if (namesProperty && error.getError() != null) {
            Matcher m = QUOTED_PROPERTY.matcher(error.getError());
            if (m.find()) {
                String name = m.group(1).replace("~", "~0").replace("/", "~1");
                if (!instance.endsWith("/" + name)) {
                    return instance + "/" + name;
                }
            }
        }
        return instance;
    }

    private static int depth(String pointer) {
        return pointer.isEmpty() ? 0 : pointer.split("/", -1).length;
    }

    /** {@code /a/:b/c} as OpenAPI writes it: {@code /a/{b}/c}. */
    static String openApiPath(String routePattern) {
        return routePattern.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    }

    private static String key(HttpMethod method, String openApiPath) {
        return method.name() + " " + openApiPath;
    }
}
