package com.platform.analytics.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules against a deliberately bad hexagon: they must report exactly the planted violations. */
class BadHexagonTest {
    private static final HexagonRules RULES = new HexagonRules("com.platform.analytics.archexample");

    private static JavaClasses badExample;

    @BeforeAll
    static void importBadExample() {
        badExample = new ClassFileImporter().importPackages("com.platform.analytics.archexample");
    }

    @Test
    void domainRuleReportsTheGuiceDependency() {
        EvaluationResult result = RULES.domainDependsOnlyOnTheJdk().evaluate(badExample);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).containsExactlyInAnyOrder(
                "Method <com.platform.analytics.archexample.domain.PricingPolicy.bindingKey()> calls method"
                        + " <com.google.inject.Key.get(java.lang.Class)> in (PricingPolicy.java:8)",
                "Method <com.platform.analytics.archexample.domain.PricingPolicy.bindingKey()> has return type"
                        + " <com.google.inject.Key> in (PricingPolicy.java:0)");
    }

    @Test
    void guiceRuleReportsTheDomainClass() {
        EvaluationResult result = RULES.libraryStaysIn("Guice", new String[] {"com.google.inject.."}, RULES.bootstrap())
                .evaluate(badExample);

        assertThat(result.getFailureReport().getDetails()).containsExactlyInAnyOrder(
                "Method <com.platform.analytics.archexample.domain.PricingPolicy.bindingKey()> calls method"
                        + " <com.google.inject.Key.get(java.lang.Class)> in (PricingPolicy.java:8)",
                "Method <com.platform.analytics.archexample.domain.PricingPolicy.bindingKey()> has return type"
                        + " <com.google.inject.Key> in (PricingPolicy.java:0)");
    }

    @Test
    void adapterSliceRuleReportsAlphaCallingBeta() {
        EvaluationResult result = RULES.adaptersDoNotDependOnEachOther().evaluate(badExample);

        assertThat(result.getFailureReport().getDetails()).containsExactly(String.join("\n",
                "Slice alpha depends on Slice beta:",
                "Field <com.platform.analytics.archexample.adapter.alpha.AlphaStore.client> has type"
                        + " <com.platform.analytics.archexample.adapter.beta.BetaClient> in (AlphaStore.java:0)",
                "Constructor <com.platform.analytics.archexample.adapter.alpha.AlphaStore.<init>()> calls constructor"
                        + " <com.platform.analytics.archexample.adapter.beta.BetaClient.<init>()> in (AlphaStore.java:7)",
                "Method <com.platform.analytics.archexample.adapter.alpha.AlphaStore.read()> calls method"
                        + " <com.platform.analytics.archexample.adapter.beta.BetaClient.fetch()> in (AlphaStore.java:10)"));
    }

    @Test
    void cleanPartsOfTheExamplePass() {
        // The same rules stay quiet where nothing was planted: beta depends on no adapter, nothing on bootstrap.
        assertThat(RULES.nothingDependsOnBootstrap().evaluate(badExample).hasViolation()).isFalse();
        assertThat(RULES.adaptersDoNotDependOnApplicationOrBootstrap().evaluate(badExample).hasViolation()).isFalse();
    }

    @Test
    void aRuleOverAMissingPackagePassesSoItsPackageIsCheckedFirst() {
        // The example has no clickhouse adapter: a rule about it passes vacuously, and only the presence check
        // notices. This is why every product rule asserts its packages first.
        assertThat(RULES.libraryStaysIn("JNA", new String[] {"com.sun.jna.."}, RULES.adapter("clickhouse"))
                .evaluate(badExample).hasViolation()).isFalse();
        assertThat(HexagonRules.emptyPackages(badExample, RULES.domain(), RULES.adapter("alpha"),
                RULES.adapter("clickhouse"), RULES.bootstrap()))
                .containsExactly("com.platform.analytics.archexample.adapter.clickhouse..",
                        "com.platform.analytics.archexample.bootstrap..");
    }
}
