package com.platform.analytics.domain.alert;

import static com.platform.analytics.domain.alert.AlertDeduplication.Action.OPEN;
import static com.platform.analytics.domain.alert.AlertDeduplication.Action.RESOLVE;
import static com.platform.analytics.domain.alert.AlertDeduplication.Action.STAY_FIRING;
import static com.platform.analytics.domain.alert.AlertDeduplication.Action.STAY_QUIET;
import static com.platform.analytics.domain.alert.AlertEvaluation.Outcome.CLEAR;
import static com.platform.analytics.domain.alert.AlertEvaluation.Outcome.FIRING;
import static com.platform.analytics.domain.alert.AlertEvaluation.Outcome.INSUFFICIENT_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.platform.analytics.domain.alert.AlertDeduplication.Action;
import com.platform.analytics.domain.alert.AlertEvaluation.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertDeduplicationTest {
    @Test
    void everyTransition() {
        assertThat(AlertDeduplication.next(false, FIRING)).isEqualTo(OPEN);
        assertThat(AlertDeduplication.next(true, FIRING)).isEqualTo(STAY_FIRING);
        assertThat(AlertDeduplication.next(true, CLEAR)).isEqualTo(RESOLVE);
        assertThat(AlertDeduplication.next(false, CLEAR)).isEqualTo(STAY_QUIET);
        assertThat(AlertDeduplication.next(true, INSUFFICIENT_DATA)).as("no data is not an all-clear").isEqualTo(STAY_FIRING);
        assertThat(AlertDeduplication.next(false, INSUFFICIENT_DATA)).isEqualTo(STAY_QUIET);
    }

    @Test
    void aPersistingConditionFiresOnceResolvesAndMayFireAgain() {
        List<Outcome> evaluations = List.of(CLEAR, FIRING, FIRING, INSUFFICIENT_DATA, FIRING, CLEAR, CLEAR, FIRING, CLEAR);
        List<Action> actions = new ArrayList<>();
        boolean firing = false;
        for (Outcome o : evaluations) {
            Action a = AlertDeduplication.next(firing, o);
            actions.add(a);
            firing = a == OPEN || a == STAY_FIRING;
        }

        assertThat(actions).containsExactly(STAY_QUIET, OPEN, STAY_FIRING, STAY_FIRING, STAY_FIRING, RESOLVE, STAY_QUIET, OPEN, RESOLVE);
    }
}
