package com.platform.analytics.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's classes (main code of every module, no tests) against the hexagon's rules.
 *
 * <p>Every test first asserts that the packages its rule talks about hold classes: a rule over a package
 * that does not exist passes silently (buckpal's lesson in STYLE.md), and a renamed package must fail
 * here rather than quietly switch a rule off.
 */
class HexagonArchitectureTest {
    private static final String ROOT = "com.platform.analytics";
    private static final HexagonRules RULES = new HexagonRules(ROOT);

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void coreDomainDependsOnlyOnTheJdk() {
        assertHoldsClasses(RULES.domain());
        RULES.domainDependsOnlyOnTheJdk().check(product);
    }

    @Test
    void portsDependOnlyOnTheDomain() {
        assertHoldsClasses(ROOT + ".port.in..", ROOT + ".port.out..", RULES.domain());
        RULES.portsDependOnlyOnTheDomain().check(product);
    }

    @Test
    void applicationDependsOnlyOnPortsDomainAndJakartaInject() {
        assertHoldsClasses(RULES.application(), RULES.ports(), RULES.domain());
        RULES.applicationDependsOnlyOnPortsAndDomain().check(product);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        assertHoldsClasses(adapterPackages());
        RULES.adaptersDoNotDependOnEachOther().check(product);
    }

    @Test
    void adaptersDoNotDependOnApplicationOrBootstrap() {
        assertHoldsClasses(adapterPackages());
        assertHoldsClasses(RULES.application(), RULES.bootstrap());
        RULES.adaptersDoNotDependOnApplicationOrBootstrap().check(product);
    }

    @Test
    void nothingDependsOnBootstrap() {
        assertHoldsClasses(RULES.bootstrap());
        RULES.nothingDependsOnBootstrap().check(product);
    }

    @Test
    void postgresLibrariesStayInThePostgresAdapter() {
        assertHoldsClasses(RULES.adapter("postgres"));
        RULES.libraryStaysIn("jOOQ, Flyway, the PostgreSQL driver, embedded PostgreSQL and HikariCP",
                new String[] {"org.jooq..", "org.flywaydb..", "org.postgresql..", "io.zonky..", "com.zaxxer.."},
                RULES.adapter("postgres")).check(product);
    }

    @Test
    void jnaStaysInTheClickHouseAdapter() {
        assertHoldsClasses(RULES.adapter("clickhouse"));
        RULES.libraryStaysIn("JNA (chDB's C API)", new String[] {"com.sun.jna.."}, RULES.adapter("clickhouse"))
                .check(product);
    }

    @Test
    void vertxStaysInTheHttpAdapter() {
        assertHoldsClasses(RULES.adapter("http"));
        RULES.libraryStaysIn("Vert.x", new String[] {"io.vertx.."}, RULES.adapter("http")).check(product);
    }

    @Test
    void guiceStaysInBootstrap() {
        assertHoldsClasses(RULES.bootstrap());
        RULES.libraryStaysIn("Guice", new String[] {"com.google.inject.."}, RULES.bootstrap()).check(product);
    }

    @Test
    void awsSdkIsReservedForItsAdapter() {
        // The S3 adapter comes with a later issue; until then the library is forbidden everywhere else.
        // The rule's subject is every product class, so it cannot be vacuous as long as the product exists.
        assertHoldsClasses(RULES.domain(), RULES.adapter("objectstore"));
        RULES.libraryStaysIn("The AWS SDK", new String[] {"software.amazon.."},
                RULES.adapter("objectstore"), RULES.adapter("s3")).check(product);
    }

    @Test
    void kafkaClientsStayInTheKafkaAdapter() {
        assertHoldsClasses(RULES.adapter("kafka"));
        RULES.libraryStaysIn("kafka-clients", new String[] {"org.apache.kafka.."}, RULES.adapter("kafka"))
                .check(product);
    }

    @Test
    void nimbusStaysInTheJwtAdapter() {
        assertHoldsClasses(RULES.adapter("jwt"));
        RULES.libraryStaysIn("Nimbus JOSE+JWT", new String[] {"com.nimbusds.."}, RULES.adapter("jwt")).check(product);
    }

    @Test
    void grpcAndProtobufStayInTheGrpcAdapter() {
        assertHoldsClasses(RULES.adapter("grpc"));
        RULES.libraryStaysIn("grpc-java and protobuf", new String[] {"io.grpc..", "com.google.protobuf.."}, RULES.adapter("grpc"))
                .check(product);
    }

    @Test
    void prometheusStaysInTheMetricsAdapterAndOpenTelemetryInTheTracingAdapter() {
        assertHoldsClasses(RULES.adapter("metrics"), RULES.adapter("tracing"));
        RULES.libraryStaysIn("the Prometheus client", new String[] {"io.prometheus.."}, RULES.adapter("metrics")).check(product);
        RULES.libraryStaysIn("OpenTelemetry", new String[] {"io.opentelemetry.."}, RULES.adapter("tracing")).check(product);
    }

    @Test
    void onnxRuntimeStaysInTheOnnxAdapterAndTribuoInTheTribuoAdapter() {
        assertHoldsClasses(RULES.adapter("onnx"), RULES.adapter("tribuo"));
        RULES.libraryStaysIn("ONNX Runtime", new String[] {"ai.onnxruntime.."}, RULES.adapter("onnx")).check(product);
        RULES.libraryStaysIn("Tribuo and its OLCUT", new String[] {"org.tribuo..", "com.oracle.labs.mlrg.olcut.."},
                RULES.adapter("tribuo")).check(product);
        // the ONNX protobuf classes write the trained model: the trainer's business, nobody else's
        RULES.libraryStaysIn("the ONNX protobuf model classes", new String[] {"ai.onnx.proto.."}, RULES.adapter("tribuo"))
                .check(product);
    }

    private static String[] adapterPackages() {
        return new String[] {
            RULES.adapter("clickhouse"), RULES.adapter("postgres"), RULES.adapter("objectstore"), RULES.adapter("http"),
            RULES.adapter("kafka"), RULES.adapter("jwt"), RULES.adapter("grpc"), RULES.adapter("metrics"), RULES.adapter("tracing"),
            RULES.adapter("onnx"), RULES.adapter("tribuo")};
    }

    private static void assertHoldsClasses(String... packages) {
        assertThat(HexagonRules.emptyPackages(product, packages))
                .as("packages without classes (a rule over them would pass vacuously)")
                .isEmpty();
    }
}
