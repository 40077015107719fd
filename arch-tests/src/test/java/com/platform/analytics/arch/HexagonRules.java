package com.platform.analytics.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Objects.requireNonNull;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The hexagon's rules, over a root package: {@code com.platform.analytics} for the product, another root
 * for the deliberately bad example that proves the rules can fail.
 *
 * <p>Layout under the root: {@code domain..} (core-domain), {@code port..} ({@code port.in}, {@code port.out}),
 * {@code application..}, {@code adapter.<technology>..}, {@code bootstrap..}.
 */
final class HexagonRules {
    private final String root;

    HexagonRules(String root) {
        this.root = requireNonNull(root, "root is null");
    }

    String domain() {
        return root + ".domain..";
    }

    String ports() {
        return root + ".port..";
    }

    String application() {
        return root + ".application..";
    }

    String adapters() {
        return root + ".adapter..";
    }

    String adapter(String technology) {
        return root + ".adapter." + technology + "..";
    }

    String bootstrap() {
        return root + ".bootstrap..";
    }

    /** The domain is plain Java: no framework, no I/O library, nothing of the outer rings. */
    ArchRule domainDependsOnlyOnTheJdk() {
        return classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", domain())
                .because("core-domain depends on the JDK alone (ARCHITECTURE.md)");
    }

    ArchRule portsDependOnlyOnTheDomain() {
        return classes().that().resideInAPackage(ports())
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", domain(), ports())
                .because("ports are the hexagon's edge, expressed in domain terms only");
    }

    ArchRule applicationDependsOnlyOnPortsAndDomain() {
        return classes().that().resideInAPackage(application())
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "jakarta.inject..", domain(), ports(), application())
                .because("use-case services implement inbound ports with outbound ports; jakarta.inject is their"
                        + " only framework");
    }

    ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .because("an adapter sees only ports and domain; adapters are swapped independently");
    }

    ArchRule adaptersDoNotDependOnApplicationOrBootstrap() {
        return noClasses().that().resideInAPackage(adapters())
                .should().dependOnClassesThat().resideInAnyPackage(application(), bootstrap())
                .because("adapters implement or drive ports; wiring them to use cases is bootstrap's job");
    }

    ArchRule nothingDependsOnBootstrap() {
        return noClasses().that().resideOutsideOfPackage(bootstrap())
                .should().dependOnClassesThat().resideInAPackage(bootstrap())
                .because("bootstrap is the outermost ring: it wires everything, nothing knows it");
    }

    /**
     * A library is used only inside the packages given as its home.
     *
     * @param library what the library is, for the message
     * @param libraryPackages the library's packages, e.g. {@code org.jooq..}
     * @param home the packages allowed to use it
     */
    ArchRule libraryStaysIn(String library, String[] libraryPackages, String... home) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(home)
                .should().dependOnClassesThat().resideInAnyPackage(libraryPackages)
                .because(library + " stays inside its adapter; vendor types never leave it");
    }

    /**
     * The package patterns among {@code packages} that hold no class in {@code classes}. A rule over such a
     * package passes whatever the code does, so every rule is checked only after this returns nothing.
     */
    static List<String> emptyPackages(JavaClasses classes, String... packages) {
        List<String> empty = new ArrayList<>();
        for (String pattern : packages) {
            if (classes.that(JavaClass.Predicates.resideInAPackage(pattern)).isEmpty()) {
                empty.add(pattern);
            }
        }
        return empty;
    }
}
