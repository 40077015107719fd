package com.platform.analytics.application;

import com.platform.analytics.domain.ml.features.ChurnFeatureRow;
import com.platform.analytics.domain.ml.features.DailyRevenue;
import com.platform.analytics.domain.ml.features.PaymentFeatureRow;
import com.platform.analytics.domain.ml.features.UserItemInteraction;
import com.platform.analytics.port.out.ModelFeatures;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The base of the model-feature fakes: each serves the features of the model it stands for and inherits a refusal of
 * the rest, so a test that reaches for the wrong features fails loudly.
 */
abstract class UnservedModelFeatures implements ModelFeatures {
    private UnsupportedOperationException unserved(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " does not serve " + what);
    }

    @Override
    public List<ChurnFeatureRow> churnRows(LocalDate asOf, boolean withLabels) {
        throw unserved("churn rows");
    }

    @Override
    public long refreshChurnFeatures(LocalDate asOf) {
        throw unserved("the churn feature table");
    }

    @Override
    public Optional<LocalDate> latestChurnFeatures(LocalDate notAfter) {
        throw unserved("the churn feature table");
    }

    @Override
    public List<ChurnFeatureRow> churnFeatures(LocalDate asOf) {
        throw unserved("the churn feature table");
    }

    @Override
    public List<ChurnFeatureRow> churnFeatures(LocalDate asOf, Collection<String> userPseudonyms) {
        throw unserved("the churn feature table");
    }

    @Override
    public List<DailyRevenue> dailyRevenue(LocalDate from, LocalDate to, Optional<String> gameId) {
        throw unserved("daily revenue");
    }

    @Override
    public List<UserItemInteraction> interactions(LocalDate from, LocalDate to) {
        throw unserved("interactions");
    }

    @Override
    public List<String> ownedGames(String userPseudonym) {
        throw unserved("libraries");
    }

    @Override
    public List<PaymentFeatureRow> paymentRows(LocalDate from, LocalDate to) {
        throw unserved("payments");
    }
}
