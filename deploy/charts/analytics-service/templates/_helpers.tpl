{{/* Names and labels */}}
{{- define "analytics-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "analytics-service.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "analytics-service.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "analytics-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "analytics-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "analytics-service.labels" -}}
helm.sh/chart: {{ include "analytics-service.chart" . }}
{{ include "analytics-service.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: api
{{- end -}}

{{- define "analytics-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "analytics-service.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "analytics-service.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Where the pod mounts things; the configuration names these paths */}}
{{- define "analytics-service.dataDir" -}}/var/lib/analytics{{- end -}}
{{- define "analytics-service.configDir" -}}/etc/analytics{{- end -}}
{{- define "analytics-service.secretDir" -}}/etc/analytics/secrets{{- end -}}

{{- define "analytics-service.secretName" -}}
{{- default (printf "%s-secrets" (include "analytics-service.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/*
The Secret keys the pod gets as files, one per line: the listed keys of an existing Secret, or those given a
value here. Each becomes the *_file key of the configuration that reads it.
*/}}
{{- define "analytics-service.secretKeys" -}}
{{- if .Values.secrets.existingSecret -}}
{{- range .Values.secrets.existingSecretKeys }}
{{ . }}
{{- end -}}
{{- else -}}
{{- with .Values.secrets -}}
{{- if .metadataPassword }}
metadata-password
{{- end }}
{{- if .warehousePassword }}
warehouse-password
{{- end }}
{{- if .s3AccessKeyId }}
s3-access-key-id
{{- end }}
{{- if .s3SecretAccessKey }}
s3-secret-access-key
{{- end }}
{{- if .pseudonymizationSecret }}
pseudonymization-secret
{{- end }}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "analytics-service.secretKeyList" -}}
{{- $keys := list -}}
{{- range (include "analytics-service.secretKeys" . | trim | splitList "\n") -}}
{{- if trim . -}}
{{- $keys = append $keys (trim .) -}}
{{- end -}}
{{- end -}}
{{- toJson $keys -}}
{{- end -}}

{{/* Is host a loopback address (the only place auth.mode none may listen)? "true" or "" */}}
{{- define "analytics-service.isLoopback" -}}
{{- $h := . | toString | lower -}}
{{- if or (eq $h "localhost") (eq $h "::1") (eq $h "[::1]") (hasPrefix "127." $h) -}}true{{- end -}}
{{- end -}}

{{/*
Refuses values that would deploy something broken or unsafe. Included by every template, so `helm template`
and `helm install` stop before anything is applied.
*/}}
{{- define "analytics-service.validate" -}}
{{- $v := .Values -}}
{{- $keys := include "analytics-service.secretKeyList" . | fromJsonArray -}}
{{- if not (has $v.profile (list "cluster" "embedded")) -}}
{{- fail (printf "profile must be cluster or embedded, got %q" $v.profile) -}}
{{- end -}}
{{- if eq $v.auth.mode "none" -}}
{{- if not (include "analytics-service.isLoopback" $v.server.host) -}}
{{- fail (printf "auth.mode is none but server.host is %q: without authentication the API may only bind a loopback address (127.0.0.1). Configure auth.mode jwt (auth.jwt.issuer, audiences, jwksUrl), or set server.host: 127.0.0.1" ($v.server.host | toString)) -}}
{{- end -}}
{{- if and $v.grpc.enabled (not (include "analytics-service.isLoopback" $v.grpc.host)) -}}
{{- fail (printf "auth.mode is none but grpc.host is %q: without authentication gRPC may only bind a loopback address. Configure auth.mode jwt, or set grpc.host: 127.0.0.1 (or grpc.enabled: false)" ($v.grpc.host | toString)) -}}
{{- end -}}
{{- else if eq $v.auth.mode "jwt" -}}
{{- if or (not $v.auth.jwt.issuer) (not $v.auth.jwt.jwksUrl) (empty $v.auth.jwt.audiences) -}}
{{- fail "auth.mode jwt needs auth.jwt.issuer, auth.jwt.audiences (at least one) and auth.jwt.jwksUrl" -}}
{{- end -}}
{{- if not (hasPrefix "https://" $v.auth.jwt.jwksUrl) -}}
{{- fail (printf "auth.jwt.jwksUrl must be an https:// URL, got %q" $v.auth.jwt.jwksUrl) -}}
{{- end -}}
{{- else -}}
{{- fail (printf "auth.mode must be jwt or none, got %q" ($v.auth.mode | toString)) -}}
{{- end -}}
{{- if eq $v.profile "embedded" -}}
{{- if or (gt (int $v.replicaCount) 1) $v.autoscaling.enabled -}}
{{- fail "the embedded profile runs chDB and PostgreSQL inside one process on one volume: replicaCount must be 1 and autoscaling.enabled false (use profile: cluster to scale)" -}}
{{- end -}}
{{- if and (not $v.persistence.enabled) (not $v.persistence.existingClaim) -}}
{{- fail "the embedded profile keeps the warehouse, metadata and lake in data_dir: set persistence.enabled true (or persistence.existingClaim)" -}}
{{- end -}}
{{- else -}}
{{- if eq (toString $v.config.warehouse.engine) "embedded" -}}
{{- if or (gt (int $v.replicaCount) 1) $v.autoscaling.enabled -}}
{{- fail "config.warehouse.engine embedded runs chDB inside each pod, a warehouse per replica: run one replica, or a ClickHouse server (engine: server)" -}}
{{- end -}}
{{- else if not $v.config.warehouse.url -}}
{{- fail "the cluster profile needs config.warehouse.url (a ClickHouse server >= 24.8, http(s)://host:8123)" -}}
{{- end -}}
{{- range $k := list "metadata.jdbc_url" "lake.s3.bucket" "kafka.bootstrap_servers" -}}
{{- $parts := splitList "." $k -}}
{{- $node := $v.config -}}
{{- range $parts -}}{{- $node = index $node . -}}{{- end -}}
{{- if not $node -}}
{{- fail (printf "the cluster profile needs config.%s" $k) -}}
{{- end -}}
{{- end -}}
{{- range $k := list "metadata-password" "s3-access-key-id" "s3-secret-access-key" "pseudonymization-secret" -}}
{{- if not (has $k $keys) -}}
{{- fail (printf "the cluster profile needs the secret %s: set it under secrets: (or list it in secrets.existingSecretKeys). The pseudonymization secret must be the same for every replica, or each would pseudonymize users differently" $k) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $keys -}}
{{- if not (has . (list "metadata-password" "warehouse-password" "s3-access-key-id" "s3-secret-access-key" "pseudonymization-secret")) -}}
{{- fail (printf "secrets.existingSecretKeys: unknown key %q" .) -}}
{{- end -}}
{{- end -}}
{{- if and $v.autoscaling.enabled (lt (int $v.autoscaling.maxReplicas) (int $v.autoscaling.minReplicas)) -}}
{{- fail "autoscaling.maxReplicas must be >= autoscaling.minReplicas" -}}
{{- end -}}
{{- end -}}

{{/*
The service's configuration file: values.config with the keys the chart owns (profile, paths, listeners, auth,
the *_file key of each mounted secret) set on top.
*/}}
{{- define "analytics-service.configYaml" -}}
{{- $v := .Values -}}
{{- $keys := include "analytics-service.secretKeyList" . | fromJsonArray -}}
{{- $secretDir := include "analytics-service.secretDir" . -}}
{{- $c := deepCopy $v.config -}}
{{- $_ := set $c "profile" $v.profile -}}
{{- $_ := set $c "data_dir" (include "analytics-service.dataDir" .) -}}
{{- $_ := set $c "server" (dict "host" ($v.server.host | toString) "port" (int $v.server.port)) -}}
{{- $_ := set $c "management" (dict "host" ($v.management.host | toString) "port" (int $v.management.port)) -}}
{{- $_ := set $c "grpc" (dict "enabled" $v.grpc.enabled "host" ($v.grpc.host | toString) "port" (int $v.grpc.port)) -}}
{{- $auth := dict "mode" $v.auth.mode -}}
{{- if eq $v.auth.mode "jwt" -}}
{{- $_ := set $auth "jwt" (dict "issuer" $v.auth.jwt.issuer "audiences" (join "," $v.auth.jwt.audiences) "jwks_url" $v.auth.jwt.jwksUrl "clock_skew_seconds" (int $v.auth.jwt.clockSkewSeconds)) -}}
{{- end -}}
{{- $_ := set $c "auth" $auth -}}
{{- $files := dict
      "metadata-password" (list "metadata" "password_file")
      "warehouse-password" (list "warehouse" "password_file")
      "s3-access-key-id" (list "lake" "s3" "access_key_id_file")
      "s3-secret-access-key" (list "lake" "s3" "secret_access_key_file")
      "pseudonymization-secret" (list "pseudonymization" "secret_file") -}}
{{- range $key := $keys -}}
{{- $path := get $files $key -}}
{{- $node := $c -}}
{{- range $i, $part := $path -}}
{{- if eq (add1 $i) (len $path) -}}
{{- $_ := set $node $part (printf "%s/%s" $secretDir $key) -}}
{{- else -}}
{{- if not (hasKey $node $part) -}}{{- $_ := set $node $part (dict) -}}{{- end -}}
{{- $node = get $node $part -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if eq $v.profile "embedded" -}}
{{- /* the cluster profile's servers are not read on the embedded profile: left out, so the file says what runs */ -}}
{{- $_ := unset $c "kafka" -}}
{{- $m := pick (get $c "metadata" | default (dict)) "port" "password_file" -}}
{{- if $m -}}{{- $_ := set $c "metadata" $m -}}{{- else -}}{{- $_ := unset $c "metadata" -}}{{- end -}}
{{- $_ := set $c "warehouse" (pick (get $c "warehouse" | default (dict)) "database" "pool_size") -}}
{{- $_ := set $c "lake" (pick (get $c "lake" | default (dict)) "roll" "journal_dir") -}}
{{- end -}}
{{- toYaml $c -}}
{{- end -}}
