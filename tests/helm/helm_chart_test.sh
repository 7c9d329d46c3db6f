#!/usr/bin/env bash
# Unit test (no servers, no cluster): the Helm chart deploy/helm/eda renders, and every manifest it
# renders is valid (tests/helm/check_manifests.py: Kubernetes' own kinds strictly against the
# schemas kubernetes-validate bundles; the operators' kinds against their required fields; and the
# cross-references), for these sets of values: the defaults with the Toss widget keys a production
# install must give (operators on, no simulators), values-sandbox.yaml (simulators, dev timing), every
# optional branch (autoscaling with consumer lag, existing and given secrets, operators off), Kafka
# over TLS, and no storefront edge. Values with which the shop could take no payment, or a Toss client
# key that cannot work, must fail to render; without the simulators the chart must publish a client
# key exactly when eda-payment --shop-client-key (toss::ShopClientKey, ./eda up's rule) does. The
# chart's generated files must equal what deploy/helm/sync-chart-files.sh makes now from
# eda-kafka-admin and the migrations, the edge's nginx.conf must pass `nginx -t`, and a manifest
# with an unknown field must be refused (the validation can fail). Every Deployment must give its program the settings it requires (REQUIRED in
# check_manifests.py, checked against the services' and libraries' code); a rendering with one of
# them removed, with a secret file no volume provides, or with NetworkPolicies that keep a program
# from a peer it must call, must be refused.
# Tools: helm and a kubernetes-validate virtualenv under var/lib, installed by ./eda test
# (deploy/lib/setup.sh ensure_chart_tools); EDA_HELM / EDA_KUBERNETES_VALIDATE_PYTHON override.
# usage: helm_chart_test.sh <repository root> <eda-kafka-admin binary, or none> [<eda-payment binary, or none>]
set -uo pipefail
root=$(cd "${1:?repository root}" && pwd) || exit 1
admin=${2:?eda-kafka-admin binary, or none}
payment=${3:-none}
# The Kubernetes versions validated against: the chart's lowest (Chart.yaml kubeVersion) and the
# newest the validator bundles.
k8s_versions=1.29.0,1.37.0
render_version=1.29.0

newest() { printf '%s\n' "$@" | sort -V | tail -n 1; }   # of a glob's matches (or the glob itself)
helm=${EDA_HELM:-$(newest "$root"/var/lib/helm-v*/helm)}
python=${EDA_KUBERNETES_VALIDATE_PYTHON:-$(newest "$root"/var/lib/kubernetes-validate-*/bin/python)}
if [[ ! -x $helm || ! -x $python ]]; then
  echo "FAIL helm (${helm:-none}) or the kubernetes-validate virtualenv (${python:-none}) is missing under var/lib;" \
    "./eda test installs them (deploy/lib/setup.sh ensure_chart_tools)"
  exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
chart=$root/deploy/helm/eda
rc=0
fail() { echo "FAIL $*"; rc=1; }

# The generated chart files are current.
if [[ $admin == none ]]; then
  echo "note eda-kafka-admin is not part of this build (EDA_ONLY?): files/ not compared with the code"
elif "$root/deploy/helm/sync-chart-files.sh" "$admin" "$tmp/files" >"$tmp/sync.log" 2>&1; then
  for f in kafka-access.txt mariadb-tables.txt; do
    diff -u "$chart/files/$f" "$tmp/files/$f" >"$tmp/$f.diff" ||
      { cat "$tmp/$f.diff"; fail "deploy/helm/eda/files/$f is out of date: run deploy/helm/sync-chart-files.sh and commit it"; }
  done
else
  cat "$tmp/sync.log"; fail "deploy/helm/sync-chart-files.sh failed"
fi

# Token keys are required values (no default key pair may ship); any text renders. Without the
# simulators the shop takes payments only with Toss's widget: a production install gives a widget
# client key and its secret key (here in an existing Secret, as deploy/helm/README.md installs).
keys=(--set secrets.jwt.signingKey=test-signing-key --set secrets.jwt.publicKey=test-public-key)
toss_keys="--set toss.clientKey=live_gck_shop0 --set secrets.toss.existingSecret=existing-toss"
declare -A variants=(
  [default]="$toss_keys"
  [sandbox]="-f $chart/values-sandbox.yaml"
  [options]="--set defaults.autoscaling.enabled=true --set defaults.autoscaling.consumerLag.enabled=true
             --set monitoring.podMonitor.enabled=true
             --set secrets.jwt.existingSecret=existing-jwt
             --set toss.clientKey=test_gck_shop0 --set secrets.toss.secretKey=test_gsk_shop0
             --set secrets.metrics.existingSecret=existing-metrics --set secrets.orderDelivery.token=given-token
             --set infrastructure.operators.enabled=false --set edge.autoscaling.enabled=false
             --set infrastructure.kafka.tls=true"
  [kafka-tls]="$toss_keys --set infrastructure.kafka.tls=true"
  [no-edge]="--set edge.enabled=false"
)
for v in default sandbox options kafka-tls no-edge; do
  # shellcheck disable=SC2206  # the variant's options are words on purpose
  opts=(${variants[$v]})
  if ! "$helm" lint --strict --quiet --kube-version "$render_version" "$chart" "${keys[@]}" "${opts[@]}" >"$tmp/lint-$v.log" 2>&1; then
    cat "$tmp/lint-$v.log"; fail "helm lint ($v values)"; continue
  fi
  if ! "$helm" template eda "$chart" --namespace shop --kube-version "$render_version" "${keys[@]}" "${opts[@]}" \
      >"$tmp/$v.yaml" 2>"$tmp/template-$v.log"; then
    cat "$tmp/template-$v.log"; fail "helm template ($v values)"; continue
  fi
  flags=(); [[ $v == sandbox ]] && flags=(--sandbox); [[ $v == no-edge ]] && flags=(--no-edge)
  "$python" "$root/tests/helm/check_manifests.py" --repo "$root" --k8s "$k8s_versions" "${flags[@]}" "$tmp/$v.yaml" || rc=1
done

# Values with which the shop could take no payment, or with a Toss client key that cannot work, fail
# to render with a message that says why and never shows a key: every key below contains "Shown",
# which must not appear in the output.
declare -A refused=(
  [no-payment]="|the shop needs either the sandbox (values-sandbox.yaml) or a Toss client key"
  [docs-key-only]="--set toss.clientKey=test_gck_docs_Shown|the shop needs either the sandbox"
  [secret-key-as-client-key]="--set toss.clientKey=live_gsk_Shown --set secrets.toss.secretKey=live_gsk_Shown|holds a Toss secret key"
  [api-secret-key-as-client-key]="--set toss.clientKey=test_sk_Shown|holds a Toss secret key"
  [api-client-key]="--set toss.clientKey=live_ck_Shown --set secrets.toss.secretKey=live_gsk_Shown|is not a Toss widget client key"
  [no-toss-key]="--set toss.clientKey=Shown|is not a Toss widget client key"
  [real-key-with-sandbox]="-f $chart/values-sandbox.yaml --set toss.clientKey=test_gck_Shown --set secrets.toss.secretKey=test_gsk_Shown|with simulators.enabled"
  [key-without-secret]="--set toss.clientKey=live_gck_Shown|needs the same account's widget secret key (live_gsk_…)"
  [other-mode-secret]="--set toss.clientKey=live_gck_Shown --set secrets.toss.secretKey=test_gsk_Shown|does not pair with toss.clientKey"
  [api-secret-key]="--set toss.clientKey=test_gck_Shown --set secrets.toss.secretKey=test_sk_Shown|does not pair with toss.clientKey"
  [docs-secret-key]="--set toss.clientKey=test_gck_Shown --set secrets.toss.secretKey=test_gsk_docs_Shown|does not pair with toss.clientKey"
  [key-given-twice]="$toss_keys --set services.order.env.EDA_TOSS_CLIENT_KEY=live_gck_Shown|given twice"
)
for r in "${!refused[@]}"; do
  # shellcheck disable=SC2206  # the case's options are words on purpose
  opts=(${refused[$r]%%|*})
  want=${refused[$r]#*|}
  if "$helm" template eda "$chart" --namespace shop --kube-version "$render_version" "${keys[@]}" "${opts[@]}" \
      >"$tmp/refused.yaml" 2>"$tmp/refused.log"; then
    fail "helm template rendered values that must be refused ($r)"
  elif ! grep -qF -- "$want" "$tmp/refused.log"; then
    cat "$tmp/refused.log"; fail "helm template refused the $r values without saying: $want"
  elif grep -q Shown "$tmp/refused.log"; then
    fail "helm template's refusal of the $r values shows the key"
  fi
done

# One rule for the key every browser gets: without the simulators the chart publishes a client key
# (shop-config.json's tossClientKey) exactly when the payment service, which confirms those payments,
# lets ./eda up publish it (eda-payment --shop-client-key, toss::ShopClientKey), and refuses every
# other pair, since it has no sandbox window to fall back on. Pairs: "client key|secret key".
if [[ $payment == none ]]; then
  echo "note eda-payment is not part of this build (EDA_ONLY?): the chart's Toss key rule not compared with it"
else
  pairs=("test_gck_a1|test_gsk_a1" "live_gck_a1|live_gsk_a1" "test_gck_a1|live_gsk_a1" "live_gck_a1|test_gsk_a1"
         "test_gck_a1|test_sk_a1" "test_gck_a1|test_gsk_docs_a1" "live_gck_a1|test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R"
         "test_gck_a1|" "live_ck_a1|live_gsk_a1" "test_ck_a1|" "test_gck_docs_a1|" "test_gsk_a1|test_gsk_a1"
         "live_sk_a1|live_gsk_a1" "test_gck_a-1|test_gsk_a1" "gck_a1|test_gsk_a1" "|")
  for pair in "${pairs[@]}"; do
    client=${pair%%|*} secret=${pair#*|}
    want=$(env -i EDA_TOSS_CLIENT_KEY="$client" EDA_TOSS_SECRET_KEY="$secret" "$payment" --shop-client-key 2>/dev/null) ||
      want=refused
    [[ -n $want ]] || want=refused   # the sandbox's window, which the chart has not without simulators
    given=()
    [[ -n $client ]] && given+=(--set "toss.clientKey=$client")
    [[ -n $secret ]] && given+=(--set "secrets.toss.secretKey=$secret")
    got=refused
    if "$helm" template eda "$chart" --namespace shop --kube-version "$render_version" "${keys[@]}" "${given[@]}" \
        >"$tmp/pair.yaml" 2>/dev/null; then
      got=$("$python" - "$tmp/pair.yaml" <<'PY'
import json, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
cm = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-edge"))
print(json.loads(cm["data"]["shop-config.json"]).get("tossClientKey", "none"))
PY
)
    fi
    [[ $got == "$want" ]] ||
      fail "Toss keys '$client' and '$secret': the chart publishes ${got/refused/nothing (refused)}, eda-payment --shop-client-key ${want/refused/nothing}"
  done
fi

# The edge's rendered nginx.conf is one that nginx (Debian's, with the JavaScript module, as in the
# edge image) accepts with deploy/nginx/session.js: `nginx -t` on it, with the cluster's service names
# pointed at 127.0.0.1 (nothing resolves them here) and its paths moved into a scratch folder.
check_edge_conf() {
  local v=$1; local dir=$tmp/edge-$v
  mkdir -p "$dir/tmp" "$dir/js"
  "$python" - "$tmp/$v.yaml" "$dir" <<'PY' || return 1
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
cm = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-edge"))
open(sys.argv[2] + "/nginx.conf", "w").write(cm["data"]["nginx.conf"])
open(sys.argv[2] + "/shop-config.json", "w").write(cm["data"]["shop-config.json"])
PY
  cp "$root/deploy/nginx/session.js" "$dir/js/"
  sed -i -E -e "s#server eda-[a-z-]+:#server 127.0.0.1:#" -e "s#/tmp/nginx#$dir/tmp#g"     -e "s#/usr/share/eda-edge#$dir/js#" -e "s#/etc/eda-edge/#$dir/#" "$dir/nginx.conf"
  nginx -t -q -p "$dir" -e stderr -c "$dir/nginx.conf" 2>"$dir/nginx-t.log" ||
    { cat "$dir/nginx-t.log"; fail "nginx refuses the edge configuration rendered with the $v values"; }
}
if command -v nginx >/dev/null; then
  for v in default sandbox; do [[ -s $tmp/$v.yaml ]] && check_edge_conf "$v"; done
else
  fail "nginx is not installed (deploy/apt-packages.txt), so the edge configuration cannot be checked"
fi

# The PodMonitor: only when asked for; it scrapes with the token Secret the pods read, never the edge.
if [[ -s $tmp/options.yaml && -s $tmp/default.yaml ]]; then
  "$python" - "$tmp/options.yaml" "$tmp/default.yaml" <<'PY' || fail "the PodMonitor is not what the Prometheus section of deploy/helm/README.md promises"
import sys, yaml
def monitors(path):
    return [d for d in yaml.safe_load_all(open(path)) if d and d["kind"] == "PodMonitor"]
on, off = monitors(sys.argv[1]), monitors(sys.argv[2])
assert len(on) == 1 and not off, f"{len(on)} PodMonitor(s) when enabled, {len(off)} by default"
spec = on[0]["spec"]
ep = spec["podMetricsEndpoints"][0]
assert ep["path"] == "/metrics" and ep["port"] == "http", ep
assert ep["authorization"]["credentials"] == {"name": "existing-metrics", "key": "token"}, ep["authorization"]
assert {"key": "app.kubernetes.io/name", "operator": "NotIn", "values": ["edge"]} in spec["selector"]["matchExpressions"]
PY
fi

# The check refuses what a cluster would refuse: one unknown field in the first Deployment.
if [[ -s $tmp/default.yaml ]]; then
  sed '0,/^  revisionHistoryLimit:/s//  revisionHistoryLimits: 5\n  revisionHistoryLimit:/' "$tmp/default.yaml" >"$tmp/broken.yaml"
  if "$python" "$root/tests/helm/check_manifests.py" --repo "$root" --k8s "$render_version" "$tmp/broken.yaml" >"$tmp/broken.log"; then
    fail "a Deployment with an unknown field passed the check"
  elif ! grep -q "revisionHistoryLimits" "$tmp/broken.log"; then
    cat "$tmp/broken.log"; fail "the broken Deployment failed for another reason than its unknown field"
  fi
fi

# The required-settings check refuses a Deployment that lacks a setting its program requires: the
# order-delivery token taken from delivery's ConfigMap, and the scrape token's file from the volumes.
if [[ -s $tmp/default.yaml ]]; then
  declare -A missing=(
    [EDA_DELIVERY_ORDER_TOKEN]='/^  EDA_DELIVERY_ORDER_TOKEN_FILE:/d'
    [metrics-token]='s#path: metrics-token}#path: metrics-token-elsewhere}#'
  )
  for what in "${!missing[@]}"; do
    sed "${missing[$what]}" "$tmp/default.yaml" >"$tmp/missing.yaml"
    if cmp -s "$tmp/default.yaml" "$tmp/missing.yaml"; then
      fail "the rendering has nothing to remove for the $what case: update this test"
    elif "$python" "$root/tests/helm/check_manifests.py" --repo "$root" --k8s "$render_version" "$tmp/missing.yaml" >"$tmp/missing.log"; then
      fail "a Deployment without $what passed the check"
    elif ! grep -q "FAIL.*$what" "$tmp/missing.log"; then
      cat "$tmp/missing.log"; fail "the rendering without $what failed for another reason"
    fi
  done
fi

# And refuses a NetworkPolicy that keeps a program from a peer it must call: delivery without order in
# its uses, so neither delivery's egress nor order's ingress lets delivery's question through.
# shellcheck disable=SC2086  # the keys are words on purpose
if "$helm" template eda "$chart" --namespace shop --kube-version "$render_version" "${keys[@]}" $toss_keys \
    --set 'services.delivery.uses={mariadb,kafka,member,carrier}' >"$tmp/no-order.yaml" 2>"$tmp/no-order.log"; then
  if "$python" "$root/tests/helm/check_manifests.py" --repo "$root" --k8s "$render_version" "$tmp/no-order.yaml" >"$tmp/no-order.log"; then
    fail "delivery's NetworkPolicy without order passed the check"
  elif ! grep -q "FAIL.*delivery must call order" "$tmp/no-order.log"; then
    cat "$tmp/no-order.log"; fail "the rendering without delivery -> order failed for another reason"
  fi
else
  cat "$tmp/no-order.log"; fail "helm template (delivery without order)"
fi

echo "$("$helm" version --template '{{.Version}}'), kubernetes-validate $("$python" -c 'import importlib.metadata as m; print(m.version("kubernetes-validate"))'), Kubernetes $k8s_versions"
if ((rc == 0)); then
  echo "ok   the chart renders and validates with default, sandbox, optional, Kafka TLS and edgeless values," \
    "and refuses ${#refused[@]} sets of values that leave the shop without a working way to pay"
fi
exit "$rc"
