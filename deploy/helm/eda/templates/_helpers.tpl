{{/*
Names and labels. The release's objects are called <fullname>-<program> (eda-order, eda-edge, ...).
*/}}
{{- define "eda.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "eda.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: eda
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "eda.selectorLabels" . }}
{{- end -}}

{{- define "eda.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "eda.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := printf "%s%s" $img.repositoryPrefix .name -}}
{{- if $img.registry }}{{ $repo = printf "%s/%s" $img.registry $repo }}{{ end -}}
{{- printf "%s:%s" $repo (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}

{{/*
The programs this release runs besides the edge, as YAML: every service, and with
simulators.enabled the Toss sandbox and the carrier simulator. Each entry is the service's values
over .Values.defaults, plus "simulator" (bool). Templates read it with fromYaml.
*/}}
{{- define "eda.workloads" -}}
{{- $out := dict -}}
{{- range $name, $svc := .Values.services -}}
{{- $_ := set $out $name (mergeOverwrite (deepCopy $.Values.defaults) (deepCopy $svc) (dict "simulator" false)) -}}
{{- end -}}
{{- if .Values.simulators.enabled -}}
{{- range $name := list "toss-sandbox" "carrier-sim" -}}
{{- $sim := index $.Values.simulators $name -}}
{{- $uses := ternary (list "payment") (list) (eq $name "toss-sandbox") -}}
{{- $_ := set $out $name (mergeOverwrite (deepCopy $.Values.defaults) (deepCopy $sim) (dict "simulator" true "uses" $uses)) -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* The address of a program's Service inside the cluster. */}}
{{- define "eda.url" -}}
{{- printf "http://%s-%s:%v" (include "eda.fullname" .root) .name .port -}}
{{- end -}}

{{- define "eda.kafkaBootstrap" -}}
{{- $k := .Values.infrastructure.kafka -}}
{{- default (printf "%s-kafka-bootstrap:%s" $k.name (ternary "9093" "9092" (eq (toString $k.tls) "true"))) $k.bootstrap -}}
{{- end -}}
{{- define "eda.mariadbHost" -}}
{{- default .Values.infrastructure.mariadb.name .Values.infrastructure.mariadb.host -}}
{{- end -}}
{{- define "eda.cassandraHost" -}}
{{- $c := .Values.infrastructure.cassandra -}}
{{- default (printf "%s-%s-service" $c.clusterName $c.datacenter) $c.host -}}
{{- end -}}

{{/* The Secret holding a program's generated passwords (mysql-password, redis-password, cassandra-password). */}}
{{- define "eda.passwordSecret" -}}
{{- printf "%s-%s-passwords" (include "eda.fullname" .root) .name -}}
{{- end -}}
{{- define "eda.jwtSecret" -}}
{{- default (printf "%s-jwt" (include "eda.fullname" .)) .Values.secrets.jwt.existingSecret -}}
{{- end -}}
{{- define "eda.tossSecret" -}}
{{- default (printf "%s-toss" (include "eda.fullname" .)) .Values.secrets.toss.existingSecret -}}
{{- end -}}
{{/* The bearer token every program requires on GET /metrics (libs/http), and the token delivery
presents to order's /orders/internal routes (order checks it): Secrets with the key "token". */}}
{{- define "eda.metricsSecret" -}}
{{- default (printf "%s-metrics" (include "eda.fullname" .)) .Values.secrets.metrics.existingSecret -}}
{{- end -}}
{{- define "eda.orderDeliverySecret" -}}
{{- default (printf "%s-order-delivery" (include "eda.fullname" .)) .Values.secrets.orderDelivery.existingSecret -}}
{{- end -}}
{{- define "eda.tossKeyGiven" -}}
{{- if or .Values.secrets.toss.existingSecret .Values.secrets.toss.secretKey }}true{{ end -}}
{{- end -}}

{{/* Pod and container security: non-root, read-only root, no capabilities, default seccomp. */}}
{{- define "eda.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}
{{- define "eda.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}
