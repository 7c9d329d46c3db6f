"""Checks the manifests `helm template` rendered from deploy/helm/eda (tests/helm/helm_chart_test.sh).

usage: check_manifests.py --repo ROOT --k8s VERSION[,VERSION] [--sandbox] [--no-edge] RENDERED.yaml

- Kubernetes' own kinds: strictly against the schemas kubernetes-validate bundles (an unknown field,
  a wrong type or a missing required field fails), for every version given.
- The operators' kinds (Strimzi, mariadb-operator, cass-operator): their CRD schemas are not
  available offline here, so the fields each operator requires, and the enumerations the chart
  uses, are checked against the table below (taken from the operators' API references).
- Consistency: every object a pod refers to exists (ConfigMap, Secret, ServiceAccount), probes and
  security settings are those the services need, each Deployment has its Service, PDB and
  NetworkPolicy, ports match deploy/services.txt, route prefixes match deploy/lib/nginx.sh, the
  KafkaTopics are exactly the topics of files/kafka-access.txt and each KafkaUser's ACLs exactly its
  lines there, and each MariaDB user's Grants exactly its tables in files/mariadb-tables.txt.
- The shop's runtime settings (the edge's shop-config.json): only fields web/src/lib/config.ts
  declares, and a way to pay the app can take: a real Toss widget client key (then the order service
  gets the same key), or a payment window the app can open (the sandbox's, proxied by the edge, with
  the sandbox values).
- Required settings: every Deployment gives its program each setting the program needs (table
  REQUIRED, checked against the code, plus what its main.cpp refuses to start without), secrets as
  files its volumes provide.
Prints one line per problem and exits 1 when there is any.
"""

import argparse
import json
import re
import sys
from pathlib import Path

import kubernetes_validate
import yaml

BUILTIN_GROUPS = {"", "apps", "batch", "autoscaling", "policy", "networking.k8s.io"}

# kind -> (apiVersion, required dotted paths, {dotted path: allowed values})
CRDS = {
    "Kafka": ("kafka.strimzi.io/v1beta2", ["spec.kafka.listeners", "spec.kafka.version"], {}),
    "KafkaNodePool": ("kafka.strimzi.io/v1beta2", ["spec.replicas", "spec.roles", "spec.storage.type"],
                      {"spec.storage.type": {"jbod", "ephemeral", "persistent-claim"}}),
    "KafkaTopic": ("kafka.strimzi.io/v1beta2", ["spec.topicName", "spec.partitions", "spec.replicas"], {}),
    "KafkaUser": ("kafka.strimzi.io/v1beta2", ["spec.authentication.type", "spec.authorization.type"],
                  {"spec.authentication.type": {"tls", "tls-external", "scram-sha-512"},
                   "spec.authorization.type": {"simple"}}),
    "MariaDB": ("k8s.mariadb.com/v1alpha1", ["spec.storage.size", "spec.rootPasswordSecretKeyRef.name",
                                             "spec.rootPasswordSecretKeyRef.key"], {}),
    "Database": ("k8s.mariadb.com/v1alpha1", ["spec.mariaDbRef.name", "spec.name"], {}),
    "User": ("k8s.mariadb.com/v1alpha1", ["spec.mariaDbRef.name", "spec.name", "spec.host",
                                          "spec.passwordSecretKeyRef.name", "spec.passwordSecretKeyRef.key"], {}),
    "Grant": ("k8s.mariadb.com/v1alpha1", ["spec.mariaDbRef.name", "spec.privileges", "spec.database",
                                           "spec.table", "spec.username", "spec.host"], {}),
    "PodMonitor": ("monitoring.coreos.com/v1", ["spec.selector", "spec.podMetricsEndpoints"], {}),
    "CassandraDatacenter": ("cassandra.datastax.com/v1beta1",
                            ["spec.clusterName", "spec.serverType", "spec.serverVersion", "spec.size",
                             "spec.storageConfig.cassandraDataVolumeClaimSpec"],
                            {"spec.serverType": {"cassandra", "dse", "hcd"}}),
}
# The settings a program cannot do without in a cluster, derived from its main.cpp: each row is
# (what main.cpp contains, the file that reads the settings, the settings, why). A program needs the
# settings of every row whose text its main.cpp (services/<name>/ or tools/<name>/main.cpp)
# contains, plus every setting its main.cpp refuses to start without (AddError("EDA_...",
# "required...")). A secret counts as given by <NAME>_FILE naming a file that a volume mounts.
# check_required_table ties the table to the code: each row's text must occur in some main.cpp and
# each setting in the file named, so a renamed call or setting fails the test instead of passing it.
REQUIRED = [
    ("http::ServerSettings::Load", "libs/http/src/server_settings.cpp", ["EDA_HTTP_PORT", "EDA_METRICS_TOKEN"],
     "the port the Service targets; without the token /metrics answers 403 to Prometheus"),
    ("service::LoadSqlSettings", "libs/service/src/settings.cpp", ["EDA_MYSQL_USER", "EDA_MYSQL_PASSWORD"],
     "refused at start without its own MariaDB user and password"),
    ("service::LoadSqlSettings", "libs/sql/src/settings.cpp", ["EDA_MYSQL_HOST", "EDA_MYSQL_DATABASE"],
     "the default host is the local stack's loopback"),
    ("service::LoadKafkaSettings", "libs/events/src/kafka_util.cpp",
     ["EDA_KAFKA_BROKERS", "EDA_KAFKA_USERNAME", "EDA_KAFKA_PASSWORD"],
     "the brokers are local by default and let in only SCRAM users"),
    ("redis::Settings::FromEnv", "libs/redis/src/settings.cpp", ["EDA_REDIS_HOST", "EDA_REDIS_USER", "EDA_REDIS_PASSWORD"],
     "loopback by default; Redis lets in only ACL users with a password"),
    ("cql::SessionSettings::FromEnv", "libs/cql/src/session.cpp",
     ["EDA_CASSANDRA_HOST", "EDA_CASSANDRA_USER", "EDA_CASSANDRA_PASSWORD"],
     "loopback by default; Cassandra runs PasswordAuthenticator"),
    ("AccessTokens::FromEnv", "libs/auth/src/settings.cpp", ["EDA_JWT_PUBLIC_KEY"], "required to verify tokens"),
    ("AccessTokens::FromEnv", "libs/service/src/access_tokens.cpp", ["EDA_MEMBER_URL"],
     "token revocations are polled from member (loopback by default)"),
    ("auth::KeyUse::kIssue", "libs/auth/src/settings.cpp", ["EDA_JWT_SIGNING_KEY"], "required to issue tokens"),
    ("toss::Settings::Load", "libs/toss/src/settings.cpp", ["EDA_TOSS_API_URL"], "Toss or the sandbox"),
    ("\"EDA_CARRIER_URL\"", "services/delivery/main.cpp", ["EDA_CARRIER_URL"], "the carrier (loopback by default)"),
    ("\"EDA_ORDER_URL\"", "services/delivery/main.cpp", ["EDA_ORDER_URL"], "asked before every shipment"),
    ("\"EDA_CATALOG_URL\"", "services/order/main.cpp", ["EDA_CATALOG_URL"], "prices (loopback by default)"),
    ("\"EDA_DELIVERY_URL\"", "services/order/main.cpp", ["EDA_DELIVERY_URL"], "saved addresses (loopback by default)"),
    ("\"EDA_ORDER_DELIVERY_TOKEN\"", "services/order/main.cpp", ["EDA_ORDER_DELIVERY_TOKEN"],
     "without it order refuses delivery's question, so nothing ships"),
]
REQUIRED_AT_START = re.compile(r'AddError\(\s*"(EDA_[A-Z0-9_]+)",\s*"required')

KAFKA_OPERATIONS = {"Read", "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction",
                    "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All"}
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")

problems = []


def problem(doc, text):
    problems.append(f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}: {text}")


def dig(doc, path):
    node = doc
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def data_lines(path):
    return [l for l in path.read_text().splitlines() if l and not l.startswith("#")]


def check_schemas(docs, versions):
    for doc in docs:
        group = doc["apiVersion"].rpartition("/")[0]
        name = doc.get("metadata", {}).get("name", "")
        pattern = DNS_LABEL if doc["kind"] in ("Service", "Namespace") else DNS_SUBDOMAIN
        if not pattern.match(name):
            problem(doc, f"name '{name}' is not a valid Kubernetes name")
        if group in BUILTIN_GROUPS:
            for v in versions:
                try:
                    kubernetes_validate.validate(doc, v, strict=True)
                except kubernetes_validate.ValidationError as e:
                    problem(doc, f"Kubernetes {v}: {'.'.join(str(p) for p in e.path)}: {e.message}")
                except kubernetes_validate.SchemaNotFoundError:
                    problem(doc, f"no schema for {doc['apiVersion']} {doc['kind']} in Kubernetes {v}")
            continue
        if doc["kind"] not in CRDS:
            problem(doc, f"unexpected kind {doc['apiVersion']} {doc['kind']}")
            continue
        api, required, enums = CRDS[doc["kind"]]
        if doc["apiVersion"] != api:
            problem(doc, f"apiVersion {doc['apiVersion']}, the operator serves {api}")
        for path in required:
            if dig(doc, path) in (None, "", []):
                problem(doc, f"required field {path} is missing")
        for path, allowed in enums.items():
            if dig(doc, path) is not None and dig(doc, path) not in allowed:
                problem(doc, f"{path} is {dig(doc, path)!r}, not one of {sorted(allowed)}")
        if doc["kind"].startswith("Kafka") and doc["kind"] != "Kafka" and \
                not dig(doc, "metadata.labels").get("strimzi.io/cluster"):
            problem(doc, "no strimzi.io/cluster label: no Strimzi operator would take it")
        for acl in dig(doc, "spec.authorization.acls") or []:
            if not set(acl.get("operations", [])) <= KAFKA_OPERATIONS or not acl.get("operations"):
                problem(doc, f"ACL operations {acl.get('operations')}")
            if dig(acl, "resource.type") not in ("topic", "group", "cluster", "transactionalId"):
                problem(doc, f"ACL resource type {dig(acl, 'resource.type')}")
            if dig(acl, "resource.patternType") not in ("literal", "prefix"):
                problem(doc, f"ACL pattern type {dig(acl, 'resource.patternType')}")


def check_workloads(docs, repo, sandbox, edge_wanted):
    by = {}
    for d in docs:
        by.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    ports = dict(l.split()[:2] for l in data_lines(repo / "deploy/services.txt"))
    table = re.search(r"nginx_route_table\(\) \{\n  cat <<'TABLE'\n(.*?)\nTABLE",
                      (repo / "deploy/lib/nginx.sh").read_text(), re.S)
    routes = dict(l.split() for l in table.group(1).splitlines()) if table else {}
    if not routes:
        problems.append("deploy/lib/nginx.sh: nginx_route_table not found")
    kafka_users = set(by.get("KafkaUser", {}))
    secrets = set(by.get("Secret", {})) | kafka_users
    programs = set()
    for name, dep in by.get("Deployment", {}).items():
        program = dep["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"]
        programs.add(program)
        pod = dep["spec"]["template"]["spec"]
        c = pod["containers"][0]
        sc, psc = c.get("securityContext", {}), pod.get("securityContext", {})
        if not (psc.get("runAsNonRoot") and sc.get("readOnlyRootFilesystem") and
                sc.get("allowPrivilegeEscalation") is False and sc.get("capabilities", {}).get("drop") == ["ALL"]):
            problem(dep, "not non-root with a read-only root, no privilege escalation and no capabilities")
        if not c.get("resources", {}).get("requests") or not c.get("resources", {}).get("limits"):
            problem(dep, "no resource requests and limits")
        if pod.get("serviceAccountName") not in by.get("ServiceAccount", {}):
            problem(dep, f"service account {pod.get('serviceAccountName')} is not rendered")
        for ref in c.get("envFrom", []):
            if ref["configMapRef"]["name"] not in by.get("ConfigMap", {}):
                problem(dep, f"ConfigMap {ref['configMapRef']['name']} is not rendered")
        # Secrets made elsewhere: those named existing-* (how the test's values name existing
        # Secrets), with the operators off the Kafka password of the service's Kafka user, and the
        # cluster CA certificate Strimzi makes for each Kafka (<name>-cluster-ca-cert) when the
        # service checks the brokers' certificates (EDA_KAFKA_CA_FILE).
        env_cm = by.get("ConfigMap", {}).get(c.get("envFrom", [{}])[0].get("configMapRef", {}).get("name"), {})
        external = set()
        if not kafka_users and env_cm.get("data", {}).get("EDA_KAFKA_USERNAME"):
            external.add(env_cm["data"]["EDA_KAFKA_USERNAME"])
        if env_cm.get("data", {}).get("EDA_KAFKA_CA_FILE"):
            kafka_names = list(by.get("Kafka", {})) or [env_cm["data"]["EDA_KAFKA_BROKERS"].split("-kafka-bootstrap")[0]]
            external |= {f"{k}-cluster-ca-cert" for k in kafka_names}
        for vol in pod.get("volumes", []):
            for src in vol.get("projected", {}).get("sources", []):
                ref = src["secret"]["name"]
                if ref not in secrets | external and not ref.startswith("existing-"):
                    problem(dep, f"Secret {ref} is neither rendered nor made by a KafkaUser")
            if "configMap" in vol and vol["configMap"]["name"] not in by.get("ConfigMap", {}):
                problem(dep, f"ConfigMap {vol['configMap']['name']} is not rendered")
        if program != "edge":
            port = c["ports"][0]["containerPort"]
            if str(port) != ports.get(program):
                problem(dep, f"port {port}, deploy/services.txt says {ports.get(program)}")
            probes = (dig(c, "readinessProbe.httpGet.path"), dig(c, "livenessProbe.httpGet.path"))
            if probes != ("/health/ready", "/health/live"):
                problem(dep, f"probes {probes}")
            if pod["terminationGracePeriodSeconds"] < 30:
                problem(dep, "less time to drain than ./eda gives a service (30 s)")
            env = by["ConfigMap"][c["envFrom"][0]["configMapRef"]["name"]]["data"]
            if env.get("EDA_HTTP_PORT") != str(port):
                problem(dep, f"EDA_HTTP_PORT {env.get('EDA_HTTP_PORT')} is not the container port {port}")
            for key, value in env.items():
                if re.search(r"(PASSWORD|SECRET|SIGNING_KEY|TOKEN)$", key) and not key.endswith("_FILE"):
                    problem(dep, f"{key} is a secret in a ConfigMap; give it as {key}_FILE")
            if env.get("EDA_KAFKA_USERNAME") and env["EDA_KAFKA_USERNAME"] not in kafka_users and \
                    "KafkaUser" in by:
                problem(dep, f"Kafka user {env['EDA_KAFKA_USERNAME']} has no KafkaUser")
        for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy"):
            if name not in by.get(kind, {}):
                problem(dep, f"no {kind} {name}")
    services = {p for p in programs if p in routes}
    if services != set(routes):
        problems.append(f"Deployments {sorted(services)} differ from the route table's services {sorted(routes)}")
    simulators = {"toss-sandbox", "carrier-sim"} & programs
    if simulators != ({"toss-sandbox", "carrier-sim"} if sandbox else set()):
        problems.append(f"simulators rendered: {sorted(simulators)} (sandbox values: {sandbox})")
    for hpa in by.get("HorizontalPodAutoscaler", {}).values():
        if hpa["spec"]["scaleTargetRef"]["name"] not in by.get("Deployment", {}):
            problem(hpa, "scales a Deployment that is not rendered")
    edge = by.get("ConfigMap", {}).get(next((n for n in by.get("ConfigMap", {}) if n.endswith("-edge")), ""), {})
    if ("edge" in programs) != edge_wanted or bool(edge) != edge_wanted:
        problems.append(f"edge Deployment rendered: {'edge' in programs}, its ConfigMap: {bool(edge)} "
                        f"(edge expected: {edge_wanted})")
    if not edge:
        return
    conf = edge.get("data", {}).get("nginx.conf", "")
    for service, prefix in routes.items():
        if f"location /api/{prefix}/ {{ proxy_pass http://eda_{service}/{prefix}/; }}" not in conf:
            problems.append(f"edge nginx.conf: no location /api/{prefix}/ to {service}")
    order_env = by.get("ConfigMap", {}).get(next((n for n in by.get("ConfigMap", {}) if n.endswith("-order")), ""), {})
    check_shop_config(edge.get("data", {}), order_env.get("data", {}), repo, sandbox)


def check_shop_config(edge_data, order_env, repo, sandbox):
    """The edge's shop-config.json is one the shop (web/src/lib/config.ts, paymentDestination in
    web/src/features/orders/paymentWindow.ts) can pay with."""
    try:
        shop = json.loads(edge_data.get("shop-config.json", ""))
    except ValueError as e:
        problems.append(f"edge shop-config.json is not JSON: {e}")
        return
    declared = re.search(r"export interface ShopConfig \{(.*?)\n\}", (repo / "web/src/lib/config.ts").read_text(), re.S)
    fields = set(re.findall(r"^  (\w+)\??:", declared.group(1), re.M)) if declared else set()
    if not fields:
        problems.append("web/src/lib/config.ts: interface ShopConfig not found")
    elif set(shop) - fields:
        problems.append(f"edge shop-config.json: fields {sorted(set(shop) - fields)} the shop does not read")
    key, window = shop.get("tossClientKey"), shop.get("paymentWindowUrl")
    if key is not None:
        # Never print a key: a misplaced secret key would land in the test log.
        if not re.fullmatch(r"(test|live)_gck_[A-Za-z0-9_]+", str(key)) or "_docs_" in key:
            problems.append("edge shop-config.json: tossClientKey is not a real account's widget client key")
        if order_env.get("EDA_TOSS_CLIENT_KEY") != key:
            problems.append("order's EDA_TOSS_CLIENT_KEY is not the shop's tossClientKey")
    elif not isinstance(window, str) or not re.match(r"(https?://[^/]+)?/", window):
        problems.append(f"edge shop-config.json: no Toss client key, and no payment window the shop can open "
                        f"(paymentWindowUrl {window!r}: an http(s) URL or a path on the shop's origin)")
    if sandbox and (window != "/sandbox/checkout" or "location /sandbox/ " not in edge_data.get("nginx.conf", "")):
        problems.append(f"edge: the sandbox's window is not served on the shop's origin (paymentWindowUrl {window!r})")


def main_source(repo, program):
    for folder in ("services", "tools"):
        path = repo / folder / program / "main.cpp"
        if path.exists():
            return path.read_text()
    return None


def required_settings(repo, program):
    """The settings program needs (REQUIRED rows its main.cpp matches, and what it refuses to start
    without), or None when it has no main.cpp here."""
    source = main_source(repo, program)
    if source is None:
        return None
    need = set(REQUIRED_AT_START.findall(source))
    for text, _, settings, _ in REQUIRED:
        if text in source:
            need.update(settings)
    return need


def check_required_table(repo):
    mains = [p.read_text() for folder in ("services", "tools") for p in (repo / folder).glob("*/main.cpp")]
    for text, reader, settings, _ in REQUIRED:
        if not any(text in m for m in mains):
            problems.append(f"required-settings table: no main.cpp contains {text}")
        code = (repo / reader).read_text() if (repo / reader).exists() else ""
        for setting in settings:
            if not re.search(rf'\b{setting}\b', code):
                problems.append(f"required-settings table: {reader} does not read {setting}")


def check_required_settings(docs, repo):
    by = {}
    for d in docs:
        by.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    for dep in by.get("Deployment", {}).values():
        program = dep["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"]
        need = required_settings(repo, program)
        if need is None:
            continue
        pod = dep["spec"]["template"]["spec"]
        c = pod["containers"][0]
        env = {}
        for ref in c.get("envFrom", []):
            env.update(by.get("ConfigMap", {}).get(ref["configMapRef"]["name"], {}).get("data", {}))
        env.update({e["name"]: e.get("value", "") for e in c.get("env", [])})
        # The files the pod's volumes provide: each projected or secret item under its mount path.
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        files = set()
        for mount in c.get("volumeMounts", []):
            vol = volumes.get(mount["name"], {})
            sources = vol.get("projected", {}).get("sources", []) + ([{"secret": vol["secret"]}] if "secret" in vol else [])
            for src in sources:
                for item in (src.get("secret") or src.get("configMap") or {}).get("items", []):
                    files.add(f"{mount['mountPath'].rstrip('/')}/{item['path']}")
        for setting in sorted(need):
            if env.get(setting):
                continue
            path = env.get(f"{setting}_FILE")
            if not path:
                problem(dep, f"{program} requires {setting} (or {setting}_FILE): not set")
            elif path not in files:
                problem(dep, f"{setting}_FILE is {path}, which no volume of the pod provides")
        # A program it must call over HTTP (EDA_<PEER>_URL among its requirements) lets it in, and
        # its own policy lets it out, on the peer's port.
        for setting in sorted(need):
            peer = re.fullmatch(r"EDA_([A-Z_]+)_URL", setting)
            peer = peer and peer.group(1).lower().replace("_", "-")
            target = next((d for d in by.get("Deployment", {}).values()
                           if d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"] == peer), None)
            if target is None or "NetworkPolicy" not in by:
                continue
            port = target["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"]
            mine, theirs = by["NetworkPolicy"].get(dep["metadata"]["name"]), by["NetworkPolicy"].get(target["metadata"]["name"])
            out = mine and any(any(dig(t, "podSelector.matchLabels") and
                                   dig(t, "podSelector.matchLabels").get("app.kubernetes.io/name") == peer
                                   for t in rule.get("to", [])) and
                               any(p.get("port") == port for p in rule.get("ports", []))
                               for rule in mine["spec"].get("egress", []))
            into = theirs and any(any(dig(f, "podSelector.matchLabels") and
                                      dig(f, "podSelector.matchLabels").get("app.kubernetes.io/name") == program
                                      for f in rule.get("from", []))
                                  for rule in theirs["spec"].get("ingress", []))
            if not (out and into):
                problem(dep, f"{program} must call {peer} ({setting}) but the NetworkPolicies "
                             f"{'' if out else 'do not let it out'}{'' if out or into else ' and '}"
                             f"{'' if into else f'do not let it into {peer}'}")
        audience = env.get("EDA_JWT_AUDIENCE")
        if audience and audience != f"eda-{program}":
            problem(dep, f"EDA_JWT_AUDIENCE {audience}: {program} must require eda-{program} (libs/auth README)")


def check_kafka(docs, chart):
    topics = {d["spec"]["topicName"] for d in docs if d["kind"] == "KafkaTopic"}
    users = {d["metadata"]["name"]: d for d in docs if d["kind"] == "KafkaUser"}
    if not topics and not users:
        return
    lines = data_lines(chart / "files/kafka-access.txt")
    want_topics = {l.split()[4] for l in lines if l.split()[2] == "topic"}
    if topics != want_topics:
        problems.append(f"KafkaTopics differ from files/kafka-access.txt: missing {sorted(want_topics - topics)}, "
                        f"extra {sorted(topics - want_topics)}")
    for user, doc in users.items():
        got = sorted(f"User:{user} {a['operations'][0].upper()} {a['resource']['type']} "
                     f"{'LITERAL' if a['resource']['patternType'] == 'literal' else 'PREFIXED'} {a['resource']['name']}"
                     for a in doc["spec"]["authorization"]["acls"])
        want = sorted(l for l in lines if l.startswith(f"User:{user} "))
        if got != want:
            problem(doc, f"ACLs differ from files/kafka-access.txt: missing {sorted(set(want) - set(got))}, "
                         f"extra {sorted(set(got) - set(want))}")


def check_kafka_login(docs, repo):
    """The clients log in as libs/events makes them (SCRAM-SHA-512 as their own user, over TLS
    (SASL_SSL) when given EDA_KAFKA_CA_FILE, else SASL_PLAINTEXT): the chart's Kafka must offer that
    on the port the services are given, every KafkaUser must be a SCRAM user, and each consumer group
    a service is set to use must be one its user may read."""
    client = (repo / "libs/events/src/kafka_util.cpp").read_text()
    if any(f'"{w}"' not in client for w in ("SASL_PLAINTEXT", "SASL_SSL", "SCRAM-SHA-512", "EDA_KAFKA_CA_FILE")):
        problems.append("libs/events/src/kafka_util.cpp no longer logs in with SCRAM-SHA-512 over SASL_PLAINTEXT, "
                        "or SASL_SSL with EDA_KAFKA_CA_FILE: update the chart's Kafka listener and this check")
    kafkas = [d for d in docs if d["kind"] == "Kafka"]
    configs = [d["data"] for d in docs if d["kind"] == "ConfigMap" and "EDA_KAFKA_BROKERS" in d.get("data", {})]
    for kafka in kafkas:
        for data in configs:
            port = int(data["EDA_KAFKA_BROKERS"].split(",")[0].rpartition(":")[2])
            tls = bool(data.get("EDA_KAFKA_CA_FILE"))
            listener = next((l for l in dig(kafka, "spec.kafka.listeners") or [] if l.get("port") == port), None)
            if listener is None or dig(listener, "authentication.type") != "scram-sha-512" or bool(listener.get("tls")) != tls:
                problem(kafka, f"no SCRAM-SHA-512 listener {'with' if tls else 'without'} TLS on port {port}, "
                               "where the services connect")
                break
    acls = {}
    for d in docs:
        if d["kind"] == "KafkaUser":
            if dig(d, "spec.authentication.type") != "scram-sha-512":
                problem(d, "not a SCRAM-SHA-512 user: the services log in with SCRAM")
            acls[d["metadata"]["name"]] = dig(d, "spec.authorization.acls") or []
    if not acls:
        return
    for data in configs:
        user = data.get("EDA_KAFKA_USERNAME")
        for key, group in data.items():
            if re.fullmatch(r"EDA_[A-Z]+_GROUP", key) and not any(
                    a["resource"]["type"] == "group" and "Read" in a["operations"] and
                    (group == a["resource"]["name"] if a["resource"]["patternType"] == "literal"
                     else group.startswith(a["resource"]["name"])) for a in acls.get(user, [])):
                problems.append(f"{key}={group}: Kafka user {user} may not read that consumer group")


def check_mariadb(docs, chart):
    grants = {}
    for d in docs:
        if d["kind"] == "Grant":
            grants.setdefault(d["spec"]["username"], set()).add(d["spec"]["table"])
    users = {d["spec"]["name"] for d in docs if d["kind"] == "User"}
    if not users:
        return
    want = {}
    for l in data_lines(chart / "files/mariadb-tables.txt"):
        service, table = l.split()
        want.setdefault(service, {f"{service}_schema_migrations"}).add(table)
    if users != set(want):
        problems.append(f"MariaDB users {sorted(users)} differ from files/mariadb-tables.txt's {sorted(want)}")
    for user in users:
        if grants.get(user, set()) != want.get(user, set()):
            problems.append(f"MariaDB user {user}: grants on {sorted(grants.get(user, set()))}, "
                            f"tables {sorted(want.get(user, set()))}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--k8s", required=True)
    ap.add_argument("--sandbox", action="store_true")
    ap.add_argument("--no-edge", dest="edge", action="store_false")
    ap.add_argument("rendered", type=Path)
    args = ap.parse_args()
    chart = args.repo / "deploy/helm/eda"
    docs = [d for d in yaml.safe_load_all(args.rendered.read_text()) if d]
    check_schemas(docs, args.k8s.split(","))
    check_workloads(docs, args.repo, args.sandbox, args.edge)
    check_required_table(args.repo)
    check_required_settings(docs, args.repo)
    check_kafka(docs, chart)
    check_kafka_login(docs, args.repo)
    check_mariadb(docs, chart)
    kinds = {}
    for d in docs:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    for p in problems:
        print(f"FAIL {args.rendered.name}: {p}")
    print(f"{'ok  ' if not problems else 'FAIL'} {args.rendered.name}: {len(docs)} manifests ({summary}), "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
