package com.platform.analytics.adapter.http;

import static java.util.Objects.requireNonNull;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.json.Json;
import com.platform.analytics.domain.ml.ModelFormat;
import com.platform.analytics.domain.ml.ModelSignature;
import com.platform.analytics.domain.ml.ModelStage;
import com.platform.analytics.domain.ml.ModelVersion;
import com.platform.analytics.domain.ml.StageChange;
import com.platform.analytics.port.in.ModelRegistryUseCase;
import com.platform.analytics.port.in.ModelRegistryUseCase.ModelRegistration;
import com.platform.analytics.port.in.PredictionUseCase;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The model registry and predictions (spec 3.1.4, issue 7), under {@code basePath}:
 * <ul>
 *   <li>{@code GET /predictions/models?name=&stage=} (paginated, with an ETag) and {@code GET /predictions/models/{model_id}}
 *       (a version's id, or a name for its production version): {@code predictions:run};</li>
 *   <li>{@code GET /predictions/models/{model_name}/history}: the name's recorded stage changes, oldest first;</li>
 *   <li>{@code POST /predictions/models}: registration, {@code multipart/form-data} with a file part {@code artifact} (the
 *       model) and a part {@code metadata} (JSON); 201 with the version and its {@code Location}: {@code models:write};</li>
 *   <li>{@code POST /predictions/models/{model_id}/stage} {@code {"stage":"production","reason":".."}} and
 *       {@code POST /predictions/models/{model_name}/rollback} {@code {"reason":".."}}: {@code models:write};</li>
 *   <li>{@code POST /predictions/{model_name_or_id}/predict} {@code {"instances":[{feature: value, ..}, ..]}}:
 *       {@code predictions:run}.</li>
 * </ul>
 * Uploads are written by Vert.x to {@code uploadsDirectory} as they arrive (a model may be tens of MiB: never held
 * twice in memory while the body is read) and deleted when the response ends, whatever the outcome.
 */
public final class PredictionsEndpoint implements RouteGroup {
    /** The largest registration request (the model file, its metadata and the multipart framing). */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 64L * 1024 * 1024;
    static final String MODEL_ID = "model_id";
    static final String MODEL_NAME = "model_name";
    static final String MODEL_NAME_OR_ID = "model_name_or_id";
    static final String NAME = "name";
    static final String STAGE = "stage";
    static final String ARTIFACT_PART = "artifact";
    static final String METADATA_PART = "metadata";
    private static final String MULTIPART_FORM_DATA = "multipart/form-data";
    private static final List<String> METADATA_FIELDS = List.of("name", "version", "format", "descriptionRu",
            "descriptionEn", "algorithm", "hyperparameters", "performanceMetrics", "trainingDatasetRef", "trainedAt",
            "signature");

    private final ModelRegistryUseCase registry;
    private final PredictionUseCase predictions;
    private final Path uploadsDirectory;
    private final long maxUploadBytes;
    private long bodyLimit = Long.MAX_VALUE;
    private Vertx vertx;
    private String basePath;

    /** Uploads of at most {@value #DEFAULT_MAX_UPLOAD_BYTES} bytes, spooled under the system's temporary directory. */
    @jakarta.inject.Inject
    public PredictionsEndpoint(ModelRegistryUseCase registry, PredictionUseCase predictions) {
        this(registry, predictions, Path.of(System.getProperty("java.io.tmpdir"), "analytics-model-uploads"),
                DEFAULT_MAX_UPLOAD_BYTES);
    }

    /**
     * @param uploadsDirectory where uploaded parts are spooled while a registration is read (created when missing)
     * @param maxUploadBytes the largest registration request; larger is a 413
     */
    public PredictionsEndpoint(ModelRegistryUseCase registry, PredictionUseCase predictions, Path uploadsDirectory,
            long maxUploadBytes) {
        this.registry = requireNonNull(registry, "registry is null");
        this.predictions = requireNonNull(predictions, "predictions is null");
        this.uploadsDirectory = requireNonNull(uploadsDirectory, "uploadsDirectory is null");
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes must be positive, got " + maxUploadBytes);
        }
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public Map<String, Long> uploadLimits(String basePath) {
        return Map.of(basePath + "/predictions/models", maxUploadBytes);
    }

    @Override
    public void register(Vertx vertx, Router router, String basePath, long maxBodyBytes) {
        this.vertx = requireNonNull(vertx, "vertx is null");
        this.basePath = requireNonNull(basePath, "basePath is null");
        this.bodyLimit = Math.min(bodyLimit, maxBodyBytes);
        String models = basePath + "/predictions/models";
        router.get(models).handler(this::list);
        router.post(models).handler(ctx -> checkContentType(ctx, MULTIPART_FORM_DATA, maxUploadBytes));
        router.post(models).handler(BodyHandler.create(uploadsDirectory.toString())
                        .setBodyLimit(maxUploadBytes)
                        .setDeleteUploadedFilesOnEnd(true)
                        .setMergeFormAttributes(false))
                .handler(this::registerModel)
                .failureHandler(this::uploadFailed);
        router.route(models).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET, POST"));

        String model = models + "/:" + MODEL_ID;
        router.get(model).handler(this::model);
        router.route(model).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        String history = models + "/:" + MODEL_NAME + "/history";
        router.get(history).handler(this::history);
        router.route(history).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "GET"));
        jsonPost(router, models + "/:" + MODEL_ID + "/stage", this::changeStage);
        jsonPost(router, models + "/:" + MODEL_NAME + "/rollback", this::rollback);
        // after the models' routes: "/predictions/models/predict" is a request about the registry, not a model named
        // "models" (which is predicted by its id)
        jsonPost(router, basePath + "/predictions/:" + MODEL_NAME_OR_ID + "/predict", this::predict);
    }

    private void jsonPost(Router router, String path, io.vertx.core.Handler<RoutingContext> handler) {
        router.post(path).handler(ctx -> checkContentType(ctx, JsonResponses.APPLICATION_JSON, bodyLimit));
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(handler);
        router.route(path).handler(ctx -> ErrorResponses.methodNotAllowed(ctx, "POST"));
    }

    /** The type is checked before the body is read, so a body of the wrong type is never read (nor spooled). */
    private static void checkContentType(RoutingContext ctx, String expected, long limit) {
        String contentType = ctx.request().getHeader("Content-Type");
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(expected)) {
            ctx.fail(new AnalyticsException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, (contentType == null
                    ? "The request has no Content-Type" : "Content-Type '" + contentType + "' is not accepted")
                    + "; send " + expected));
            return;
        }
        // the 413 then names the limit
        ctx.put(EventsEndpoint.BODY_LIMIT_KEY, limit);
        ctx.next();
    }

    /**
     * When a body without a declared length passes the limit, Vert.x cancels the part being spooled, and the
     * cancelled stream's own failure may reach the route before the body handler's 413: a client that sent too much
     * gets the 413 whichever comes first.
     */
    private void uploadFailed(RoutingContext ctx) {
        if (!(ctx.failure() instanceof AnalyticsException) && ctx.request().bytesRead() > maxUploadBytes) {
            ErrorResponses.payloadTooLarge(ctx);
            return;
        }
        ctx.next();
    }

    // ---- the registry

    private void list(RoutingContext ctx) {
        Optional<String> name;
        Optional<ModelStage> stage;
        Pages.PageRequest page;
        try {
            name = single(ctx, NAME).map(n -> {
                if (!ModelVersion.validName(n)) {
                    throw AnalyticsException.invalidParameter(NAME, "name must be a model name (lower-case letters, digits,"
                            + " '_' and '-'); got '" + n + "'");
                }
                return n;
            });
            stage = single(ctx, STAGE).map(s -> ModelStage.fromWire(s).orElseThrow(() -> AnalyticsException.invalidParameter(
                    STAGE, "stage must be one of " + stageNames() + "; got '" + s + "'")));
            page = Pages.read(ctx, "predictions/models?" + NAME + "=" + name.orElse("") + "&" + STAGE + "="
                    + stage.map(ModelStage::wireName).orElse(""), Set.of(NAME, STAGE));
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        Map<String, String> filters = new LinkedHashMap<>();
        name.ifPresent(n -> filters.put(NAME, n));
        stage.ifPresent(s -> filters.put(STAGE, s.wireName()));
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> Pages.slice(ctx, page, registry.models(name, stage),
                PredictionsEndpoint::modelDocument, filters)), false)
                .onSuccess(document -> JsonResponses.sendWithETag(ctx, 200, document)).onFailure(ctx::fail);
    }

    private void model(RoutingContext ctx) {
        String nameOrId = ctx.pathParam(MODEL_ID);
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> registry.model(nameOrId)), false)
                .onSuccess(m -> JsonResponses.sendWithETag(ctx, 200, Map.of("data", modelDocument(m))))
                .onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        String name = ctx.pathParam(MODEL_NAME);
        Pages.PageRequest page;
        try {
            page = Pages.read(ctx, "predictions/models/" + name + "/history");
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            // every version's registration is recorded: a name without a record is a name never registered
            List<StageChange> changes = ModelVersion.validName(name) ? registry.history(name) : List.of();
            if (changes.isEmpty()) {
                throw noModel(name);
            }
            return Pages.slice(ctx, page, changes, PredictionsEndpoint::changeDocument);
        }), false).onSuccess(document -> JsonResponses.send(ctx, 200, document)).onFailure(ctx::fail);
    }

    private void registerModel(RoutingContext ctx) {
        Principal caller = HttpApiServer.caller(ctx);
        Parts parts;
        try {
            parts = parts(ctx);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        vertx.executeBlocking(RequestObservation.onWorker(ctx, () -> {
            byte[] artifact = read(parts.artifact());
            if (artifact.length == 0) {
                throw AnalyticsException.invalidBody("/" + ARTIFACT_PART, "the artifact part is empty");
            }
            String metadata = parts.metadataFile() != null
                    ? new String(read(parts.metadataFile()), StandardCharsets.UTF_8) : parts.metadataText();
            return registry.register(caller, registration(metadata, artifact));
        }), false).onSuccess(created -> {
            ctx.response().putHeader("Location", basePath + "/predictions/models/" + created.id());
            JsonResponses.send(ctx, 201, Map.of("data", modelDocument(created)));
        }).onFailure(ctx::fail);
    }

    /** The parts of a registration: the artifact always a file; the metadata a form field or a file. */
    private record Parts(FileUpload artifact, String metadataText, FileUpload metadataFile) {
    }

    private static Parts parts(RoutingContext ctx) {
        MultiMap fields = ctx.request().formAttributes();
        List<FileUpload> files = ctx.fileUploads();
        for (String field : fields.names()) {
            if (!field.equals(METADATA_PART)) {
                throw AnalyticsException.invalidBody("/" + field, field.equals(ARTIFACT_PART)
                        ? "the artifact must be a file part (Content-Disposition with a filename), not a form field"
                        : "unknown part '" + field + "'; a registration has the parts artifact (the model file) and metadata (JSON)");
            }
        }
        for (FileUpload file : files) {
            if (!file.name().equals(ARTIFACT_PART) && !file.name().equals(METADATA_PART)) {
                throw AnalyticsException.invalidBody("/" + file.name(), "unknown part '" + file.name()
                        + "'; a registration has the parts artifact (the model file) and metadata (JSON)");
            }
        }
        List<FileUpload> artifacts = files.stream().filter(f -> f.name().equals(ARTIFACT_PART)).toList();
        List<FileUpload> metadataFiles = files.stream().filter(f -> f.name().equals(METADATA_PART)).toList();
        List<String> metadataTexts = fields.getAll(METADATA_PART);
        if (artifacts.isEmpty()) {
            throw AnalyticsException.invalidBody("/" + ARTIFACT_PART, "the part artifact (the model file) is missing");
        }
        if (artifacts.size() > 1) {
            throw AnalyticsException.invalidBody("/" + ARTIFACT_PART, "the part artifact is given more than once");
        }
        if (metadataFiles.size() + metadataTexts.size() == 0) {
            throw AnalyticsException.invalidBody("/" + METADATA_PART, "the part metadata (a JSON object) is missing");
        }
        if (metadataFiles.size() + metadataTexts.size() > 1) {
            throw AnalyticsException.invalidBody("/" + METADATA_PART, "the part metadata is given more than once");
        }
        return new Parts(artifacts.get(0), metadataTexts.isEmpty() ? null : metadataTexts.get(0),
                metadataFiles.isEmpty() ? null : metadataFiles.get(0));
    }

    private static byte[] read(FileUpload upload) {
        try {
            return Files.readAllBytes(Path.of(upload.uploadedFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part " + upload.name(), e);
        }
    }

    /**
     * The registration the metadata describes, every field checked here with its pointer ({@code /metadata/<field>})
     * so the client learns what is wrong before the artifact is stored.
     */
    static ModelRegistration registration(String metadataText, byte[] artifact) {
        Map<String, Object> m;
        try {
            m = Json.parseObject(metadataText == null ? "" : metadataText);
        } catch (Json.JsonException e) {
            throw AnalyticsException.invalidBody("/" + METADATA_PART, "the metadata part is not a JSON object: " + e.getMessage());
        }
        for (String field : m.keySet()) {
            if (!METADATA_FIELDS.contains(field)) {
                throw invalidMetadata(field, "unknown field '" + field + "'; known: " + String.join(", ", METADATA_FIELDS));
            }
        }
        String name = text(m, "name");
        if (name == null || !ModelVersion.validName(name)) {
            throw invalidMetadata("name", "name is required: lower-case letters, digits, '_' and '-', starting with a letter"
                    + " (at most 128)");
        }
        String version = text(m, "version");
        if (version == null || !ModelVersion.validVersion(version)) {
            throw invalidMetadata("version", "version is required: letters, digits, '.', '_' and '-' (at most 50)");
        }
        String formatName = text(m, "format");
        ModelFormat format = formatName == null ? ModelFormat.ONNX : ModelFormat.fromWire(formatName).orElseThrow(() ->
                invalidMetadata("format", "format must be one of " + Arrays.stream(ModelFormat.values())
                        .map(ModelFormat::wireName).collect(Collectors.joining(", ")) + "; got '" + formatName + "'"));
        String trainedAtText = text(m, "trainedAt");
        Instant trainedAt = null;
        if (trainedAtText != null) {
            try {
                trainedAt = Instant.parse(trainedAtText);
            } catch (DateTimeParseException e) {
                throw invalidMetadata("trainedAt", "trainedAt must be an ISO-8601 instant such as 2026-03-01T12:00:00Z;"
                        + " got '" + trainedAtText + "'");
            }
        }
        return new ModelRegistration(name, version, format, text(m, "descriptionRu"), text(m, "descriptionEn"),
                text(m, "algorithm"), object(m, "hyperparameters"), object(m, "performanceMetrics"),
                text(m, "trainingDatasetRef"), trainedAt, signature(m.get("signature")), artifact);
    }

    private static ModelSignature signature(Object value) {
        if (value == null || value == Json.NULL) {
            return null;
        }
        if (!(value instanceof Map<?, ?> s)) {
            throw invalidMetadata("signature", "signature must be an object {\"inputs\":[..],\"outputs\":[..]}");
        }
        for (Object key : s.keySet()) {
            if (!key.equals("inputs") && !key.equals("outputs")) {
                throw invalidMetadata("signature/" + key, "unknown field '" + key + "'; a signature has inputs and outputs");
            }
        }
        if (!(s.get("inputs") instanceof List<?> inputs)) {
            throw invalidMetadata("signature/inputs", "inputs must be an array of {\"name\",\"type\",\"features\"}");
        }
        Object outputs = s.get("outputs");
        if (outputs != null && outputs != Json.NULL && !(outputs instanceof List<?>)) {
            throw invalidMetadata("signature/outputs", "outputs must be an array of {\"name\",\"type\",\"labels\"}");
        }
        try {
            return ModelSignature.fromJson(inputs, outputs instanceof List<?> list ? list : List.of());
        } catch (IllegalArgumentException e) {
            throw invalidMetadata("signature", "the signature is not valid: " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> m, String field) {
        Object value = m.get(field);
        if (value == null || value == Json.NULL) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalidMetadata(field, field + " must be a string, not " + Json.typeName(value));
        }
        return s;
    }

    private static Map<String, Object> object(Map<String, Object> m, String field) {
        Object value = m.get(field);
        if (value == null || value == Json.NULL) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalidMetadata(field, field + " must be an object, not " + Json.typeName(value));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put((String) k, v));
        return copy;
    }

    private static AnalyticsException invalidMetadata(String field, String detail) {
        return AnalyticsException.invalidBody("/" + METADATA_PART + "/" + field, detail);
    }

    private void changeStage(RoutingContext ctx) {
        Principal caller = HttpApiServer.caller(ctx);
        UUID id;
        ModelStage to;
        String reason;
        try {
            id = modelId(ctx.pathParam(MODEL_ID));
            Map<String, Object> body = AnalysisPost.objectBody(ctx);
            AnalysisPost.knownFields(body, List.of("stage", "reason"));
            Object stage = body.get("stage");
            if (!(stage instanceof String s)) {
                throw AnalyticsException.invalidBody("/stage", "stage is required: one of " + stageNames());
            }
            to = ModelStage.fromWire(s).orElseThrow(() -> AnalyticsException.invalidBody("/stage",
                    "stage must be one of " + stageNames() + "; got '" + s + "'"));
            reason = reason(body);
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        AnalysisPost.respond(vertx, ctx, 200, () -> modelDocument(registry.changeStage(caller, id, to, reason)));
    }

    private void rollback(RoutingContext ctx) {
        Principal caller = HttpApiServer.caller(ctx);
        String name = ctx.pathParam(MODEL_NAME);
        String reason;
        try {
            Map<String, Object> body = AnalysisPost.objectBody(ctx);
            AnalysisPost.knownFields(body, List.of("reason"));
            reason = reason(body);
            if (!ModelVersion.validName(name)) {
                throw noModel(name);
            }
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        AnalysisPost.respond(vertx, ctx, 200, () -> modelDocument(registry.rollback(caller, name, reason)));
    }

    // ---- predictions

    private void predict(RoutingContext ctx) {
        Principal caller = HttpApiServer.caller(ctx);
        String model = ctx.pathParam(MODEL_NAME_OR_ID);
        List<?> instances;
        try {
            Map<String, Object> body = AnalysisPost.objectBody(ctx);
            AnalysisPost.knownFields(body, List.of("instances"));
            if (!(body.get("instances") instanceof List<?> list)) {
                throw AnalyticsException.invalidBody("/instances", "instances is required: an array of objects of feature values");
            }
            instances = list;
        } catch (AnalyticsException e) {
            ctx.fail(e);
            return;
        }
        AnalysisPost.respond(vertx, ctx, 200, () -> {
            PredictionUseCase.PredictionResult result = predictions.predict(caller, model, instances);
            Map<String, Object> scored = new LinkedHashMap<>();
            scored.put("id", result.modelId().toString());
            scored.put("name", result.modelName());
            scored.put("version", result.version());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("model", scored);
            data.put("predictions", result.predictions());
            return data;
        });
    }

    // ---- documents

    static Map<String, Object> modelDocument(ModelVersion m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id().toString());
        json.put("name", m.name());
        json.put("version", m.version());
        json.put("format", m.format().wireName());
        json.put("stage", m.stage().wireName());
        json.put("algorithm", m.algorithm());
        json.put("descriptionRu", m.descriptionRu());
        json.put("descriptionEn", m.descriptionEn());
        json.put("hyperparameters", m.hyperparameters());
        json.put("performanceMetrics", m.performanceMetrics());
        json.put("trainingDatasetRef", m.trainingDatasetRef());
        json.put("artifactPath", m.artifactPath());
        json.put("inputSchema", m.signature().inputsJson());
        json.put("outputSchema", m.signature().outputsJson());
        json.put("registeredBy", m.registeredBy());
        json.put("trainedAt", m.trainedAt() == null ? null : m.trainedAt().toString());
        json.put("createdAt", m.createdAt().toString());
        json.put("updatedAt", m.updatedAt().toString());
        return json;
    }

    static Map<String, Object> changeDocument(StageChange c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("modelId", c.modelId().toString());
        json.put("modelName", c.modelName());
        json.put("version", c.version());
        json.put("from", c.from() == null ? null : c.from().wireName());
        json.put("to", c.to().wireName());
        json.put("actor", c.actor());
        json.put("reason", c.reason());
        json.put("at", c.at().toString());
        return json;
    }

    // ---- small readers

    private static Optional<String> single(RoutingContext ctx, String parameter) {
        List<String> values = ctx.queryParams().getAll(parameter);
        if (values.size() > 1) {
            throw AnalyticsException.invalidParameter(parameter, parameter + " is given more than once");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }


    private static String reason(Map<String, Object> body) {
        Object reason = body.get("reason");
        if (reason == null || reason == Json.NULL) {
            return null;
        }
        if (!(reason instanceof String s)) {
            throw AnalyticsException.invalidBody("/reason", "reason must be a string");
        }
        return s;
    }

    /** A version's id; anything that is not a UUID names no version. */
    private static UUID modelId(String raw) {
        java.util.Optional<UUID> id = AnalysisPost.canonicalUuid(raw);
        if (id.isPresent()) {
            return id.get();
        }
        throw new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model version with id '" + raw
                + "' (a stage is changed by the version's id)");
    }

    private static AnalyticsException noModel(String name) {
        return new AnalyticsException(ErrorCode.ML_MODEL_NOT_FOUND, "no model named '" + name + "'");
    }

    private static String stageNames() {
        List<String> names = new ArrayList<>();
        for (ModelStage s : ModelStage.values()) {
            names.add(s.wireName());
        }
        return String.join(", ", names);
    }
}
