package com.platform.analytics.port.out;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One condition the service needs before it takes traffic (spec 11.2): migrations applied, a store answering, the
 * consumer group joined. The management endpoint {@code /health/ready} answers 200 only while every registered check
 * is ready, and evaluates each with a time limit, so a check that hangs counts as not ready rather than hanging the
 * probe.
 */
public interface ReadinessCheck {
    /** A short, stable name for operators, e.g. {@code postgres} or {@code migrations}. */
    String name();

    /**
     * Why the service is not ready on this account, or empty when it is. The reason is for operators: bounded, no
     * personal data, no secrets. A check may also throw; the exception counts as a problem.
     */
    Optional<String> problem();

    /** A check named {@code name} whose problem {@code problem} finds. */
    static ReadinessCheck of(String name, Supplier<Optional<String>> problem) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(problem, "problem is null");
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                return problem.get();
            }
        };
    }
}
