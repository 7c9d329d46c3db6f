# shellcheck shell=bash
# Apache Kafka 4.1 in KRaft mode: 1 or 3 combined broker+controller nodes with a static quorum,
# jars from var/lib/kafka, state in var/<profile>/kafka-<n>, config generated per node.
#
# No client gets in without a password. The client listener (SCRAM, also used between the brokers)
# takes SASL/SCRAM-SHA-512 only, and so does the TLS listener beside it (SASL_SSL on the client port
# + 200, with a certificate from a CA ./eda makes per profile: kafka_ensure_tls); the controller
# listener takes SASL/PLAIN with a single user, the brokers' own, written into the config (the
# controllers cannot look SCRAM credentials up in the metadata log they are serving).
# StandardAuthorizer denies whatever no ACL allows; the super users are the brokers (User:broker)
# and User:admin (./eda, and tests that write raw records). The brokers' and admin's SCRAM
# credentials are written into the metadata log when the storage is formatted; every other user (one
# per service, dlq, loadgen), its ACLs and the saga topics are made by eda-kafka-admin
# (tools/kafka-admin) once the brokers are up. Passwords live in
# var/<profile>/secrets/kafka-<user>.password (0600) and never on a command line.

kafka_classpath() { echo "$EDA_LIB_DIR/kafka/*"; }

# ---- the TLS listener ----------------------------------------------------------------------------
# Clients choose it with EDA_KAFKA_TLS=1 (profile_env then hands out the TLS bootstrap and the CA
# file). The CA's key stays in secrets/; its certificate (public) is what a client trusts.
kafka_tls_port() { echo $(($(kafka_port "$1") + 200)); }
kafka_tls_bootstrap() {
  local n out=""
  for n in $(kafka_nodes); do out+="${out:+,}127.0.0.1:$(kafka_tls_port "$n")"; done
  echo "$out"
}
kafka_ca_file() { echo "$P_STATE/kafka-ca.pem"; }

# The profile's CA (made once, P-256, ten years) and node $1's certificate for 127.0.0.1 and
# localhost, signed by it, in a PKCS12 keystore locked with the brokers' password. A node's keystore
# is made again when the CA or the brokers' password is newer than it.
kafka_ensure_tls() {
  local n=$1 ca cakey dir log
  ca=$(kafka_ca_file); cakey="$P_STATE/secrets/kafka-ca.key"; dir="$(comp_dir "kafka-$n")/tls"
  log=$(comp_log "kafka-$n")
  require_tool openssl openssl
  mkdir -p "$P_STATE/secrets" "$dir"
  if [[ ! -s $ca || ! -s $cakey ]]; then
    info "kafka: making the profile's local CA for the TLS listener ($ca)"
    ( umask 077
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj "/CN=eda local Kafka CA ($PROFILE)" -keyout "$cakey" -out "$ca" ) >>"$log" 2>&1 ||
      die "kafka: could not make the CA (see $log)"
    chmod 644 "$ca"
  fi
  local pw_file; pw_file=$(kafka_password_file broker)
  [[ -s $dir/node.p12 && ! $dir/node.p12 -ot $ca && ! $dir/node.p12 -ot $pw_file ]] && return 0
  local rc=0
  ( umask 077
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=kafka-$n" \
      -keyout "$dir/node.key" -out "$dir/node.csr" &&
    openssl x509 -req -in "$dir/node.csr" -CA "$ca" -CAkey "$cakey" -set_serial "0x$(openssl rand -hex 16)" \
      -days 825 -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') -out "$dir/node.pem" &&
    openssl pkcs12 -export -name kafka -in "$dir/node.pem" -inkey "$dir/node.key" -certfile "$ca" \
      -passout "file:$pw_file" -out "$dir/node.p12" ) >>"$log" 2>&1 || rc=$?
  rm -f "$dir/node.key" "$dir/node.csr"
  ((rc == 0)) || die "kafka-$n: could not make its TLS certificate (see $log)"
}

# One cluster id per profile, made once and kept with the profile's state.
kafka_cluster_id() {
  local f="$P_STATE/kafka.cluster-id" id
  if [[ ! -s $f ]]; then
    mkdir -p "$P_STATE"
    # A Kafka Uuid: 16 random bytes, base64url without padding; Kafka avoids a leading '-'.
    while id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'); [[ $id == -* ]]; do :; done
    echo "$id" >"$f"
  fi
  cat "$f"
}

# The Kafka users ./eda itself knows: the brokers' own and the administrator. The others come from
# eda-kafka-admin users.
kafka_password_file() { echo "$P_STATE/secrets/kafka-$1.password"; }
kafka_password() { tr -d '\n' <"$(kafka_password_file "$1")"; }

# The brokers' and admin's passwords, made before the nodes' configs are written (side by side).
kafka_ensure_passwords() {
  ensure_password_file "$(kafka_password_file broker)"
  ensure_password_file "$(kafka_password_file admin)"
}

# The profile's environment for a Kafka client logging in as user $1 (profile_env prints admin's).
kafka_client_env() {
  echo "export EDA_KAFKA_USERNAME='$1'"
  echo "export EDA_KAFKA_PASSWORD_FILE='$(kafka_password_file "$1")'"
}

# The config holds the brokers' password, so it is written 0600 (the state directory is shared by
# every component of the profile).
kafka_write_config() {
  local n=$1 dir; dir=$(comp_dir "kafka-$n")
  local voters="" m rf=3 isr=2
  for m in $(kafka_nodes); do voters+="${voters:+,}$m@127.0.0.1:$(kafka_ctrl_port "$m")"; done
  if ((P_BROKERS == 1)); then rf=1; isr=1; fi
  mkdir -p "$dir/data"
  kafka_ensure_passwords
  local pw; pw=$(kafka_password broker)
  [[ $pw =~ ^[0-9a-f]+$ ]] || die "$(kafka_password_file broker) is not a hex password; delete it to make a new one"
  ( umask 077; cat >"$dir/server.properties.tmp" <<CONF
# Generated by ./eda for profile $PROFILE (node $n of $P_BROKERS); edit deploy/lib/kafka.sh instead.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=SCRAM://127.0.0.1:$(kafka_port "$n"),TLS://127.0.0.1:$(kafka_tls_port "$n"),CONTROLLER://127.0.0.1:$(kafka_ctrl_port "$n")
advertised.listeners=SCRAM://127.0.0.1:$(kafka_port "$n"),TLS://127.0.0.1:$(kafka_tls_port "$n")
controller.listener.names=CONTROLLER
inter.broker.listener.name=SCRAM
listener.security.protocol.map=SCRAM:SASL_PLAINTEXT,TLS:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.scram.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.scram.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="$pw";
listener.name.tls.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.tls.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="$pw";
listener.name.tls.ssl.keystore.type=PKCS12
listener.name.tls.ssl.keystore.location=$dir/tls/node.p12
listener.name.tls.ssl.keystore.password=$pw
listener.name.tls.ssl.key.password=$pw
listener.name.tls.ssl.enabled.protocols=TLSv1.3,TLSv1.2
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$pw" user_broker="$pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:broker;User:admin
log.dirs=$dir/data
num.partitions=3
default.replication.factor=$rf
min.insync.replicas=$isr
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
transaction.state.log.num.partitions=6
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
unclean.leader.election.enable=false
# A controlled shutdown waits (up to 5 min) for the controller quorum to approve it, which never
# happens for the last nodes when the whole local cluster stops. Logs are still flushed cleanly.
controlled.shutdown.enable=false
num.network.threads=2
num.io.threads=4
log.retention.hours=168
log.segment.bytes=67108864
log.cleaner.dedupe.buffer.size=16777216
CONF
  mv -f "$dir/server.properties.tmp" "$dir/server.properties" ) || die "kafka-$n: could not write $dir/server.properties"
}

kafka_java_opts() {  # one argument per line
  local n=$1
  printf '%s\n' -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$EDA_ROOT/deploy/kafka/log4j2.properties" \
    "-Deda.log.file=$(comp_log "kafka-$n")" "-Dkafka.logs.dir=$(comp_dir "kafka-$n")"
  jvm_class_archive_opts kafka "$n"
}

# Formatted with the SCRAM credentials of the brokers and admin: meta.properties and the marker
# file kafka_format leaves beside the data.
kafka_formatted() { local dir; dir=$(comp_dir "kafka-$1"); [[ -f $dir/data/meta.properties && -f $dir/scram.formatted ]]; }

# Formats the node's storage once, with the brokers' and admin's SCRAM credentials in the metadata
# log. Storage formatted before the brokers required them holds no credentials, and no client could
# log in to add them: it is formatted afresh (its topics and consumer offsets are lost; the services'
# data in MariaDB and Cassandra is kept). The credentials reach the JVM through an argument file
# (0600, deleted after), so they never show in `ps`.
kafka_format() {
  local n=$1 dir; dir=$(comp_dir "kafka-$n")
  kafka_formatted "$n" && return 0
  if [[ -f $dir/data/meta.properties ]]; then
    warn "kafka-$n: its storage predates SASL/SCRAM; formatting it afresh (Kafka topics and offsets are lost)"
    rm -rf "$dir/data"; mkdir -p "$dir/data"
  fi
  info "kafka-$n: formatting storage (cluster id $(kafka_cluster_id))"
  local args="$dir/format.args" rc=0 user
  ( umask 077
    printf '"%s"\n' -Xmx256m "-Dlog4j2.configurationFile=$EDA_ROOT/deploy/kafka/log4j2.properties" \
      "-Deda.log.file=$(comp_log "kafka-$n")" -cp "$(kafka_classpath)" kafka.tools.StorageTool \
      format -t "$(kafka_cluster_id)" -c "$dir/server.properties" --ignore-formatted >"$args"
    for user in broker admin; do
      printf '"%s"\n' --add-scram "SCRAM-SHA-512=[name=$user,password=$(kafka_password "$user")]" >>"$args"
    done ) || die "kafka-$n: could not write $args"
  "$JAVA" "@$args" >>"$dir/stdout.log" 2>&1 || rc=$?
  rm -f "$args"
  ((rc == 0)) || die "kafka-$n: storage format failed; see $dir/stdout.log"
  touch "$dir/scram.formatted"
}

kafka_start() {
  local n=$1 dir; dir=$(comp_dir "kafka-$n")
  require_port_free "$(kafka_port "$n")" "kafka-$n"
  require_port_free "$(kafka_ctrl_port "$n")" "kafka-$n (controller)"
  require_port_free "$(kafka_tls_port "$n")" "kafka-$n (TLS)"
  mkdir -p "$dir" "$P_LOGS"
  echo "$P_BROKERS" >"$P_STATE/kafka.brokers"
  kafka_ensure_passwords
  kafka_ensure_tls "$n"
  kafka_write_config "$n"
  kafka_format "$n"
  # Health looks for the start-up line in the part of the log written by this run.
  local log; log=$(comp_log "kafka-$n")
  touch "$log"; stat -c %s "$log" >"$dir/log.offset"
  local opts; mapfile -t opts < <(kafka_java_opts "$n")
  launch "$(comp_pidfile "kafka-$n")" "$dir/stdout.log" \
    "$JAVA" "${opts[@]}" -cp "$(kafka_classpath)" kafka.Kafka "$dir/server.properties"
}

kafka_healthy() {
  local n=$1 dir; dir=$(comp_dir "kafka-$n")
  port_open "$(kafka_port "$n")" || return 1
  local off=0; [[ -f $dir/log.offset ]] && off=$(<"$dir/log.offset")
  # grep without -q reads to the end, so tail never gets SIGPIPE (which pipefail would report).
  tail -c +"$((off + 1))" "$(comp_log "kafka-$n")" 2>/dev/null | grep 'Kafka Server started' >/dev/null
}
kafka_after_ready() { :; }

# The users, ACLs and topics of eda-kafka-admin (tools/kafka-admin, derived from libs/saga's routes):
# a password file for each user that has none, then everything applied as admin (idempotent: run on
# every `infra up`). Without the built tool the brokers run but no service can log in yet.
kafka_admin_bin() { newest_file "$EDA_BIN_DIR/eda-kafka-admin" "$EDA_ROOT"/build*/bin/eda-kafka-admin; }
kafka_provision() {
  local bin user out
  bin=$(kafka_admin_bin)
  if [[ -z $bin ]]; then
    warn "kafka: eda-kafka-admin is not built, so no service may log in to Kafka yet; run ./eda build, then ./eda infra up$( [[ $PROFILE != dev ]] && echo " --profile $PROFILE")"
    return 0
  fi
  for user in $("$bin" users); do ensure_password_file "$(kafka_password_file "$user")"; done
  if ! out=$( eval "$(profile_env)"; "$bin" apply "$P_STATE/secrets" 2>&1 ); then
    printf '%s\n' "$out" >>"$(comp_log kafka-admin)"
    warn "kafka: users, ACLs and topics not applied; see $(comp_log kafka-admin)"
    return 1
  fi
  printf '%s\n' "$out" >>"$(comp_log kafka-admin)"
  info "$out"
}
kafka_start_timeout() { echo 120; }
# A node flushes its logs on SIGTERM (controlled shutdown is off, see server.properties); 60 s covers a
# whole cluster stopping together.
kafka_stop() { local n=$1; stop_pid "kafka-$n" "$(comp_pidfile "kafka-$n")" 60; }
kafka_address() { local n=$1; echo "127.0.0.1:$(kafka_port "$n") (TLS $(kafka_tls_port "$n"), ctrl $(kafka_ctrl_port "$n"))"; }
