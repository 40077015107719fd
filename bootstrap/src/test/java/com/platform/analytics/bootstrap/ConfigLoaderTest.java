package com.platform.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.platform.analytics.bootstrap.ConfigLoader.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration: every key's default, every key's mapping from YAML, the repository's own file, the
 * precedence file < environment < command line, and refusals that name the key at fault.
 */
class ConfigLoaderTest {
    private static final Map<String, BigDecimal> DEFAULT_RATES = Map.of(
            "USD", new BigDecimal("92.50"), "EUR", new BigDecimal("100.20"),
            "KZT", new BigDecimal("0.19"), "BYN", new BigDecimal("28.40"));

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("analytics_config.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static AnalyticsConfig defaults() {
        return ConfigLoader.load(null, Map.of(), Map.of());
    }

    /** Rates compared by value: 92.5 from YAML and "92.50" are the same rate. */
    private static void assertRates(AnalyticsConfig config, Map<String, BigDecimal> expected) {
        assertThat(config.ratesRub()).containsOnlyKeys(expected.keySet());
        expected.forEach((currency, rate) -> assertThat(config.ratesRub().get(currency)).as(currency).isEqualByComparingTo(rate));
    }

    @Test
    void everyKeyHasADefault() {
        AnalyticsConfig c = defaults();

        assertThat(c.profile()).isEqualTo("embedded");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.maxBodyBytes()).isEqualTo(10_485_760L);
        assertThat(c.maxEvents()).isEqualTo(10_000);
        assertThat(c.pseudonymizationKeyId()).isEqualTo("k1");
        assertThat(c.pseudonymizationSecretFile()).isNull();
        assertThat(c.secretFile()).isEqualTo(Path.of("./data/secrets/pseudonymization.key"));
        assertThat(c.warehouseDatabase()).isEqualTo("analytics");
        assertThat(c.warehousePoolSize()).isEqualTo(3);
        assertThat(c.metadataPort()).isZero();
        assertThat(c.lakeRolling()).isEqualTo(new AnalyticsConfig.LakeRolling(null, 64L << 20, 256L << 20, java.time.Duration.ofSeconds(60)));
        assertThat(c.lakeJournalDir()).isEqualTo(Path.of("./data/lake-journal"));
        assertRates(c, DEFAULT_RATES);
        assertThat(c.warehouseDir()).isEqualTo(Path.of("./data/warehouse"));
        assertThat(c.metadataDir()).isEqualTo(Path.of("./data/metadata"));
        assertThat(c.lakeDir()).isEqualTo(Path.of("./data/lake"));
    }

    @Test
    void everyKeyMapsFromTheYamlFile() throws IOException {
        Path file = yaml("""
                profile: embedded
                server:
                  host: 0.0.0.0
                  port: 9191
                data_dir: /var/lib/analytics
                ingest:
                  max_body_bytes: 2048
                  max_events: 50
                pseudonymization:
                  key_id: k7
                  secret_file: /etc/analytics/secret.key
                currency:
                  rates_rub:
                    USD: 90.10
                    CNY: "12.75"
                warehouse:
                  database: wh_test
                  pool_size: 5
                metadata:
                  port: 15432
                grpc:
                  enabled: false
                auth:
                  mode: jwt
                  jwt:
                    issuer: https://id.example.com/
                    audiences: analytics-api
                    public_key_file: /etc/analytics/idp.pem
                """);

        AnalyticsConfig c = ConfigLoader.load(file, Map.of(), Map.of());

        assertThat(c.profile()).isEqualTo("embedded");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9191);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/analytics"));
        assertThat(c.lakeDir()).isEqualTo(Path.of("/var/lib/analytics/lake"));
        assertThat(c.maxBodyBytes()).isEqualTo(2048L);
        assertThat(c.maxEvents()).isEqualTo(50);
        assertThat(c.pseudonymizationKeyId()).isEqualTo("k7");
        assertThat(c.pseudonymizationSecretFile()).isEqualTo(Path.of("/etc/analytics/secret.key"));
        assertThat(c.secretFile()).isEqualTo(Path.of("/etc/analytics/secret.key"));
        assertThat(c.warehouseDatabase()).isEqualTo("wh_test");
        assertThat(c.warehousePoolSize()).isEqualTo(5);
        assertThat(c.metadataPort()).isEqualTo(15432);
        // a file adds to the default rates and may change them
        assertRates(c, Map.of("USD", new BigDecimal("90.10"), "EUR", new BigDecimal("100.20"), "KZT", new BigDecimal("0.19"),
                "BYN", new BigDecimal("28.40"), "CNY", new BigDecimal("12.75")));
    }

    @Test
    void anEmptyFileLeavesTheDefaults() throws IOException {
        assertThat(ConfigLoader.load(yaml("# nothing set\n"), Map.of(), Map.of())).isEqualTo(defaults());
    }

    @Test
    void theRepositorysOwnConfigurationLoadsAndStatesTheDefaults() {
        Path file = Path.of(System.getProperty("project.root", "..")).resolve("configs/analytics_config.yaml");
        assertThat(file).isRegularFile();

        AnalyticsConfig c = ConfigLoader.load(file, Map.of(), Map.of());
        AnalyticsConfig d = defaults();

        assertThat(c.profile()).isEqualTo(d.profile());
        assertThat(c.host()).isEqualTo(d.host());
        assertThat(c.port()).isEqualTo(d.port());
        assertThat(c.dataDir()).isEqualTo(d.dataDir());
        assertThat(c.maxBodyBytes()).isEqualTo(d.maxBodyBytes());
        assertThat(c.maxEvents()).isEqualTo(d.maxEvents());
        assertThat(c.pseudonymizationKeyId()).isEqualTo(d.pseudonymizationKeyId());
        assertThat(c.pseudonymizationSecretFile()).isNull();
        assertThat(c.warehouseDatabase()).isEqualTo(d.warehouseDatabase());
        assertThat(c.warehousePoolSize()).isEqualTo(d.warehousePoolSize());
        assertThat(c.metadataPort()).isEqualTo(d.metadataPort());
        assertThat(c.lakeRolling()).isEqualTo(d.lakeRolling());
        assertRates(c, DEFAULT_RATES);
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        Path file = yaml("server:\n  port: 8181\n  host: 10.0.0.1\ngrpc:\n  host: 10.0.0.1\nauth:\n  mode: jwt\n  jwt:\n"
                + "    issuer: i\n    audiences: a\n    jwks_url: https://id.example.com/jwks\n");
        Map<String, String> env = Map.of(
                "ANALYTICS_SERVER_PORT", "9090",
                "ANALYTICS_CURRENCY_RATES_RUB_CNY", "12.60",
                "ANALYTICS_INGEST_MAX_EVENTS", "77",
                "ANALYTICS_DATA_DIR", "/srv/data",
                "PATH", "/usr/bin", // not ANALYTICS_: none of ours
                "HOME", "/root");

        AnalyticsConfig c = ConfigLoader.load(file, env, Map.of());

        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.host()).isEqualTo("10.0.0.1");
        assertThat(c.maxEvents()).isEqualTo(77);
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/data"));
        assertThat(c.ratesRub().get("CNY")).isEqualByComparingTo("12.60");
        assertThat(c.ratesRub().get("USD")).isEqualByComparingTo("92.50");
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentAndTheFile() throws IOException {
        Path file = yaml("server:\n  port: 8181\ndata_dir: /from/file\n");
        Map<String, String> env = Map.of("ANALYTICS_SERVER_PORT", "8282", "ANALYTICS_DATA_DIR", "/from/env");

        AnalyticsConfig c = ConfigLoader.load(file, env, Map.of("server.port", "8383", "data_dir", "/from/command/line"));

        assertThat(c.port()).isEqualTo(8383);
        assertThat(c.dataDir()).isEqualTo(Path.of("/from/command/line"));
    }

    @Test
    void thePseudonymizationSecretVariableIsNotAConfigurationKey() {
        AnalyticsConfig c = ConfigLoader.load(null,
                Map.of("ANALYTICS_PSEUDONYMIZATION_SECRET", "a-secret-that-must-not-end-up-in-the-config"), Map.of());

        assertThat(c).isEqualTo(defaults());
        assertThat(c.toString()).doesNotContain("a-secret-that-must-not-end-up-in-the-config");
    }

    @Test
    void anUnknownKeyInTheFileIsRefusedByName() throws IOException {
        Path file = yaml("server:\n  prot: 8080\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'server.prot'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void anUnknownEnvironmentVariableIsRefusedByName() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ANALYTICS_SERVR_PORT", "9090"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ANALYTICS_SERVR_PORT")
                .hasMessageContaining("servr_port");
    }

    @Test
    void anUnknownCommandLineKeyIsRefusedByName() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.hots", "::1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'server.hots'");
    }

    @Test
    void tlsTakesACertificateAndItsKeyTogetherAndBothMustBeReadable() throws IOException {
        Path cert = Files.writeString(dir.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n");

        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).surface().tls()).as("plain by default").isNull();
        assertThat(ConfigLoader.load(null, Map.of("ANALYTICS_TLS_CERT_FILE", cert.toString(), "ANALYTICS_TLS_KEY_FILE",
                key.toString()), Map.of()).surface().tls()).isEqualTo(new ServiceSurface.Tls(cert, key));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("tls.cert_file", cert.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only tls.cert_file is set");
        Path missing = dir.resolve("absent.key");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("tls.cert_file", cert.toString(), "tls.key_file",
                missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port")
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ANALYTICS_METADATA_PORT", "-1"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("metadata.port");
    }

    @Test
    void aNonIntegerIsRefusedNamingTheKey() throws IOException {
        Path file = yaml("ingest:\n  max_events: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.max_events")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("warehouse.pool_size", "2.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.pool_size");
    }

    @Test
    void aRateThatIsNotPositiveOrNotANumberIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ANALYTICS_CURRENCY_RATES_RUB_USD", "-1"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("currency.rates_rub.USD");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("currency.rates_rub.EUR", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("currency.rates_rub.EUR");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("currency.rates_rub.EUR", "cheap")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("currency.rates_rub.EUR");
    }

    @Test
    void aCurrencyThatIsNotAnIsoCodeIsRefusedNamingTheKey() throws IOException {
        Path file = yaml("currency:\n  rates_rub:\n    usd: 92.5\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("currency.rates_rub.usd");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ANALYTICS_CURRENCY_RATES_RUB_DOLLAR", "92.5"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("currency.rates_rub.DOLLAR");
    }

    @Test
    void onlyTheEmbeddedAndClusterProfilesAreAccepted() throws IOException {
        Path file = yaml("profile: distributed\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("profile")
                .hasMessageContaining("distributed");
        assertThat(defaults().cluster()).as("embedded: no servers").isNull();
    }

    @Test
    void theRepositorysClusterConfigurationNamesEveryServer() {
        AnalyticsConfig c = ConfigLoader.load(Path.of("../configs/cluster-local.yaml"), Map.of(), Map.of());
        assertThat(c.cluster().warehouse().inProcess()).as("no modern ClickHouse server on loopback here").isTrue();

        assertThat(c.isCluster()).isTrue();
        ClusterSettings s = c.cluster();
        assertThat(s.warehouse().url()).as("not used while the engine is embedded").isNull();
        assertThat(s.warehouse().user()).isEqualTo("default");
        assertThat(s.warehouse().passwordFile()).isNull();
        assertThat(s.warehouse().cluster()).isEmpty();
        assertThat(s.warehouse().queryTimeout()).hasSeconds(300);
        assertThat(s.metadata().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/analytics");
        assertThat(s.metadata().user()).isEqualTo("analytics");
        assertThat(s.metadata().poolSize()).isEqualTo(4);
        assertThat(s.lake().endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(s.lake().bucket()).isEqualTo("analytics-lake");
        assertThat(s.lake().pathStyle()).isTrue();
        assertThat(s.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(s.kafka().topics()).isEmpty();
        assertThat(s.kafka().topicPattern()).isEqualTo("com\\.platform\\.(?!analytics\\.).+");
        assertThat(s.kafka().deadLetterSuffix()).isEqualTo(".dlq");
        assertThat(s.kafka().consumers()).isEqualTo(2);
        assertThat(s.kafka().publishTopic()).isEqualTo("com.platform.analytics.events.v1");
        assertThat(java.util.regex.Pattern.compile(s.kafka().topicPattern()).matcher("com.platform.payment.events").matches()).isTrue();
        assertThat(java.util.regex.Pattern.compile(s.kafka().topicPattern()).matcher("com.platform.analytics.events.v1").matches())
                .as("never its own published events").isFalse();
    }

    @Test
    void clusterKeysComeFromTheEnvironmentAndTopicsMayBeAList() throws IOException {
        Path file = yaml("""
                profile: cluster
                kafka:
                  topics: [com.platform.auth.events, com.platform.payment.events]
                """);
        Map<String, String> env = Map.of(
                "ANALYTICS_WAREHOUSE_URL", "http://ch.internal:8123",
                "ANALYTICS_WAREHOUSE_CLUSTER", "analytics_cluster",
                "ANALYTICS_METADATA_JDBC_URL", "jdbc:postgresql://pg.internal:5432/analytics",
                "ANALYTICS_LAKE_S3_BUCKET", "lake",
                "ANALYTICS_LAKE_S3_PATH_STYLE", "true",
                "ANALYTICS_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                // secrets are read where they are used, never configuration keys
                "ANALYTICS_WAREHOUSE_PASSWORD", "ch-secret",
                "ANALYTICS_METADATA_PASSWORD", "pg-secret",
                "ANALYTICS_LAKE_S3_ACCESS_KEY_ID", "AKIA",
                "ANALYTICS_LAKE_S3_SECRET_ACCESS_KEY", "s3-secret");

        AnalyticsConfig c = ConfigLoader.load(file, env, Map.of());

        assertThat(c.cluster().warehouse().url()).hasToString("http://ch.internal:8123");
        assertThat(c.cluster().warehouse().cluster()).isEqualTo("analytics_cluster");
        assertThat(c.cluster().kafka().topics()).containsExactly("com.platform.auth.events", "com.platform.payment.events");
        assertThat(c.cluster().kafka().topicPattern()).as("topics win over the pattern").isNull();
        assertThat(c.cluster().lake().pathStyle()).isTrue();
        assertThat(c.toString()).doesNotContain("ch-secret", "pg-secret", "s3-secret");
    }

    @Test
    void aMissingClusterKeyIsRefusedByName() throws IOException {
        Path file = yaml("profile: cluster\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("warehouse.url must be set on the cluster profile");
        Map<String, String> env = Map.of("ANALYTICS_WAREHOUSE_URL", "ftp://x", "ANALYTICS_METADATA_JDBC_URL", "jdbc:postgresql://h/db");
        assertThatThrownBy(() -> ConfigLoader.load(file, env, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.url must be an http(s) URL");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("ANALYTICS_WAREHOUSE_URL", "http://h:8123",
                "ANALYTICS_METADATA_JDBC_URL", "jdbc:postgresql://h/db", "ANALYTICS_LAKE_S3_BUCKET", "b",
                "ANALYTICS_KAFKA_BOOTSTRAP_SERVERS", "h:9092", "ANALYTICS_KAFKA_TOPIC_PATTERN", "com.(unclosed"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.topic_pattern");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("lake:\n  s3:\n    bucket_name: x\n"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown configuration key 'lake.s3.bucket_name'");
    }

    @Test
    void aMissingSecretIsNamedWithBothPlacesItMayComeFrom(@TempDir Path secrets) throws IOException {
        assertThatThrownBy(() -> Secrets.require(null, "lake.s3.secret_access_key_file", "ANALYTICS_LAKE_S3_SECRET_ACCESS_KEY", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("secret missing: set the environment variable ANALYTICS_LAKE_S3_SECRET_ACCESS_KEY or name a file in "
                        + "lake.s3.secret_access_key_file");
        Path file = secrets.resolve("s3-secret");
        Files.writeString(file, "from-file\n");
        assertThat(Secrets.require(file, "k", "V", Map.of("V", "from-env"))).as("a named file wins").isEqualTo("from-file");
        assertThat(Secrets.require(null, "k", "V", Map.of("V", "from-env"))).isEqualTo("from-env");
    }

    @Test
    void aListOrBrokenYamlIsRefused() throws IOException {
        Path list = yaml("server:\n  host: [a, b]\n");
        assertThatThrownBy(() -> ConfigLoader.load(list, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.host");
        Path broken = yaml("server:\n  port: 8080\n bad-indent: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void authenticationOffIsAllowedOnlyOnLoopbackListeners() {
        AnalyticsConfig c = defaults();
        assertThat(c.surface().auth().jwt()).isFalse();
        assertThat(c.surface().grpc()).isEqualTo(new ServiceSurface.Endpoint("127.0.0.1", 9090));
        assertThat(c.surface().management()).isEqualTo(new ServiceSurface.Endpoint("127.0.0.1", 9464));
        assertThat(c.surface().tracing()).isNull();
        for (String host : new String[] {"localhost", "127.0.0.2", "::1", "[::1]"}) {
            assertThat(ConfigLoader.load(null, Map.of(), Map.of("server.host", host)).host()).isEqualTo(host);
        }
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.host", "0.0.0.0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.host").hasMessageContaining("auth.mode");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ANALYTICS_GRPC_HOST", "10.1.2.3"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("grpc.host");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.host", "analytics.internal")))
                .as("a name other than localhost may resolve anywhere").isInstanceOf(ConfigException.class);
        // gRPC off: only the API's address matters; the management port carries no data and may listen anywhere
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("grpc.enabled", "false", "grpc.host", "0.0.0.0",
                "management.host", "0.0.0.0")).surface().grpc()).isNull();
    }

    @Test
    void jwtNeedsAnIssuerAudiencesAndExactlyOneKeySource() throws IOException {
        Path file = yaml("""
                server: {host: 0.0.0.0}
                grpc: {host: 0.0.0.0}
                auth:
                  mode: jwt
                  jwt:
                    issuer: https://id.example.com/
                    audiences: [analytics-api, analytics-grpc]
                    jwks_url: https://id.example.com/.well-known/jwks.json
                    clock_skew_seconds: 30
                """);
        ServiceSurface.Auth auth = ConfigLoader.load(file, Map.of(), Map.of()).surface().auth();
        assertThat(auth.jwt()).isTrue();
        assertThat(auth.audiences()).containsExactly("analytics-api", "analytics-grpc");
        assertThat(auth.algorithms()).containsExactly("RS256", "ES256");
        assertThat(auth.clockSkewSeconds()).isEqualTo(30);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "jwt")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.jwt.issuer");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "jwt", "auth.jwt.issuer", "i",
                "auth.jwt.audiences", "a"))).isInstanceOf(ConfigException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "oauth")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.mode");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("tracing.otlp_endpoint", "http://127.0.0.1:4318",
                "tracing.sample_ratio", "2"))).isInstanceOf(ConfigException.class).hasMessageContaining("tracing.sample_ratio");
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("tracing.otlp_endpoint", "http://127.0.0.1:4318")).surface()
                .tracing().otlpEndpoint()).isEqualTo("http://127.0.0.1:4318");
    }
}
