package com.platform.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.domain.access.Principal;
import com.platform.analytics.domain.access.Role;
import com.platform.analytics.domain.error.AnalyticsException;
import com.platform.analytics.domain.error.ErrorCode;
import com.platform.analytics.domain.privacy.PseudonymizationKey;
import com.platform.analytics.domain.privacy.Pseudonymizer;
import com.platform.analytics.port.in.UserPredictionsUseCase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The requests' checks of the by-user predictions, before any model is asked (the answers themselves are checked
 * through the real warehouse, trainers and registry in BuiltInModelsIT).
 */
class UserPredictionsServiceTest {
    private static final Principal SERVICE = new Principal("svc", Set.of(Role.SERVICE), Set.of(), Optional.empty());

    private final OutboxRelayTest.MutableClock clock = new OutboxRelayTest.MutableClock(ChurnModelTrainingTest.NOW);
    private final InMemoryModelRegistry store = new InMemoryModelRegistry();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final LogisticModelRuntime runtime = new LogisticModelRuntime();
    private final ModelRegistryService registry = new ModelRegistryService(store, runtime, objects, clock);
    private final PredictionService predictions = new PredictionService(store, runtime, objects,
            new PredictionServiceTest.RecordingMetrics(), clock);
    private final PlantedChurnFeatures features = new PlantedChurnFeatures(10, 3, ChurnModelTrainingTest.TODAY);
    private final UserPredictionsService service = new UserPredictionsService(new ChurnScoringService(features, registry,
            predictions), features, predictions, new Pseudonymizer(new PseudonymizationKey("k1",
            "user-predictions-test-secret-0123456789".getBytes(StandardCharsets.US_ASCII))), clock);

    private static void refused(Runnable call, ErrorCode code, String where, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AnalyticsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (where != null) {
                assertThat(e.pointer().or(e::parameter)).contains(where);
            }
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void churnRequestsNameTheirBadIdAndTheirLimit() {
        refused(() -> service.churnRisk(SERVICE, List.of()), ErrorCode.INVALID_REQUEST_BODY, "/userIds", "no user");
        refused(() -> service.churnRisk(SERVICE, null), ErrorCode.INVALID_REQUEST_BODY, "/userIds", "no user");
        refused(() -> service.churnRisk(SERVICE, List.of("a", 7L)), ErrorCode.INVALID_REQUEST_BODY, "/userIds/1", "string");
        refused(() -> service.churnRisk(SERVICE, List.of("a", " ")), ErrorCode.INVALID_REQUEST_BODY, "/userIds/1", "non-empty");
        List<Object> many = new ArrayList<>(Collections.nCopies(1001, "u"));
        refused(() -> service.churnRisk(SERVICE, many), ErrorCode.INVALID_REQUEST_BODY, "/userIds", "at most 1000");
        // well-formed, but the features were never computed
        refused(() -> service.churnRisk(SERVICE, List.of("alice")), ErrorCode.DATA_NOT_YET_AVAILABLE, null, "never");
        // computed, but no churn model in production yet
        features.refreshChurnFeatures(ChurnModelTrainingTest.TODAY);
        refused(() -> service.churnRisk(SERVICE, List.of("alice")), ErrorCode.ML_MODEL_NOT_FOUND, null, "churn");
    }

    @Test
    void churnIsScoredFromTheLatestRefreshNotAfterToday() {
        new ChurnModelTraining(features, GradientLogisticTrainer.fitted(), registry, predictions,
                ChurnTrainingSettings.DEFAULTS, clock).train(ChurnModelTrainingTest.TODAY.minusDays(1));
        // the training refreshed yesterday's features; today's refresh has not run yet
        assertThat(features.latestChurnFeatures(ChurnModelTrainingTest.TODAY)).contains(ChurnModelTrainingTest.TODAY.minusDays(1));
        features.refreshChurnFeatures(ChurnModelTrainingTest.TODAY.plusDays(3)); // a later date is never used

        UserPredictionsUseCase.ChurnRisk risk = service.churnRisk(SERVICE, List.of("alice", "bob"));

        assertThat(risk.asOf()).isEqualTo(ChurnModelTrainingTest.TODAY.minusDays(1));
        // the planted users are known by their pseudonyms only: real ids that map to none of them go unscored
        assertThat(risk.probabilities()).isEmpty();
        assertThat(risk.unscored()).containsExactly("alice", "bob");
    }

    @Test
    void recommendationRequestsNameTheirBadParameter() {
        refused(() -> service.recommendations(SERVICE, " ", 10), ErrorCode.INVALID_QUERY_PARAMETERS, "user_id", "non-empty");
        refused(() -> service.recommendations(SERVICE, "alice", 0), ErrorCode.INVALID_QUERY_PARAMETERS, "n", "1..100");
        refused(() -> service.recommendations(SERVICE, "alice", 101), ErrorCode.INVALID_QUERY_PARAMETERS, "n", "1..100");
    }
}
