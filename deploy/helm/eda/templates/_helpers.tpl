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

{{/*
toss.clientKey as the shop gets it (shop-config.json's tossClientKey, which makes the shop show Toss's
payment widget): the key when it is a real account's widget client key, empty when none or a public
docs key (…_docs_…) is given, which only the sandbox answers for. The rule is toss::ShopClientKey's
(libs/toss/include/eda/toss/shop_client_key.hpp), which ./eda up applies through eda-payment
--shop-client-key; helm_chart_test compares the two. Rendering fails, never printing the key, when it
cannot work: every browser gets this key, Toss's widget takes only a widget key (…_gck_…; unlike
./eda, an API individual key is refused even with the sandbox, since this value exists only for the
widget), and payment confirms what the widget took with secrets.toss at toss.apiUrl, where Toss
accepts only the same account's widget secret key of the same mode (…_gsk_…); with the simulators
payment confirms at the sandbox, which never sees a payment made at Toss. A key in
secrets.toss.existingSecret cannot be read here.
*/}}
{{- define "eda.tossClientKey" -}}
{{- $key := toString (.Values.toss.clientKey | default "") -}}
{{- $secret := .Values.secrets.toss -}}
{{- if $key -}}
{{- if or (contains "_sk_" $key) (contains "_gsk_" $key) -}}
{{- fail "toss.clientKey holds a Toss secret key (…_sk_… or …_gsk_…): it would reach every browser. Give the widget client key (…_gck_…) there, and the secret key only as secrets.toss.secretKey or in secrets.toss.existingSecret" -}}
{{- end -}}
{{- if not (regexMatch "^(test|live)_gck_[A-Za-z0-9_]+$" $key) -}}
{{- fail "toss.clientKey is not a Toss widget client key (test_gck_… or live_gck_…); Toss's payment widget takes no other, an API individual key (…_ck_…) included" -}}
{{- end -}}
{{- if not (contains "_docs_" $key) -}}
{{- $mode := regexFind "^(test|live)" $key -}}
{{- if .Values.simulators.enabled -}}
{{- fail "toss.clientKey is a real Toss widget key, but with simulators.enabled (values-sandbox.yaml) the payment service confirms every payment at the Toss sandbox, which never saw one made at Toss. Leave toss.clientKey empty with the sandbox, or turn the simulators off" -}}
{{- end -}}
{{- if not (include "eda.tossKeyGiven" .) -}}
{{- fail (printf "toss.clientKey needs the same account's widget secret key (%s_gsk_…) as secrets.toss.secretKey or in secrets.toss.existingSecret: without it the payment service confirms with libs/toss's docs key, which Toss refuses for this account's payments" $mode) -}}
{{- end -}}
{{- if and $secret.secretKey (not $secret.existingSecret) -}}
{{- if or (not (hasPrefix (printf "%s_gsk_" $mode) (toString $secret.secretKey))) (contains "_docs_" (toString $secret.secretKey)) -}}
{{- fail (printf "secrets.toss.secretKey does not pair with toss.clientKey: a %s_gck_ widget key is confirmed with the same account's %s_gsk_ widget secret key; Toss refuses any other" $mode $mode) -}}
{{- end -}}
{{- end -}}
{{- $key -}}
{{- end -}}
{{- end -}}
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
