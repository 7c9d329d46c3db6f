# shellcheck shell=bash
# MariaDB 10.11 (Debian's mariadbd) as a local instance: datadir, socket and pid file under
# var/<profile>/mariadb, bound to 127.0.0.1, root password from EDA_MYSQL_PASSWORD (default 1234).
# Root is for administration and test harnesses only: every service that keeps data in MariaDB
# connects as its own user (mariadb_service_user below) with a password generated per installation.

mariadb_sock() { echo "$(comp_dir mariadb)/mariadb.sock"; }

mariadb_start() {
  local dir; dir=$(comp_dir mariadb)
  require_tool mariadbd mariadb-server
  require_port_free "$P_MYSQL_PORT" mariadb
  mkdir -p "$dir" "$P_LOGS"
  if [[ ! -d $dir/data/mysql ]]; then
    info "mariadb: initialising data directory"
    rm -rf "$dir/data"
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >>"$(comp_log mariadb)" 2>&1 ||
      die "mariadb-install-db failed; see $(comp_log mariadb)"
  fi
  local user_opt=()
  ((EUID == 0)) && user_opt=(--user=root)   # mariadbd refuses to run as root without it
  launch "$(comp_pidfile mariadb)" "$(comp_log mariadb)" \
    mariadbd --no-defaults "${user_opt[@]}" --datadir="$dir/data" --socket="$(mariadb_sock)" \
      --pid-file="$dir/mariadbd.pid" --port="$P_MYSQL_PORT" --bind-address=127.0.0.1 \
      --skip-name-resolve --log-error="$(comp_log mariadb)" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-buffer-pool-size=512M --max-connections=300 --transaction-isolation=REPEATABLE-READ
}

# Sets the root password for TCP logins from 127.0.0.1 and creates my_db. Runs over the Unix
# socket (root authenticates by OS user there), so it is idempotent and follows EDA_MYSQL_PASSWORD.
mariadb_bootstrap() {
  local pw=${P_MYSQL_PASSWORD//\'/\'\'}
  mariadb --no-defaults --socket="$(mariadb_sock)" -uroot 2>>"$(comp_log mariadb)" <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$pw');
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS my_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
}

# ---- one user per service ---------------------------------------------------------------------
# A service keeps data in MariaDB when it has services/<name>/store/migrations/ (search has none).
# Its user, '<name>'@'127.0.0.1', may touch only its own tables in my_db: the ones its migration
# files create, plus the event library's <name>_outbox, <name>_outbox_lock and <name>_inbox (the
# names every services/<name>/main.cpp gives them). On each of them: SELECT, INSERT, UPDATE,
# DELETE and the DDL its migrations need (CREATE, ALTER, INDEX, REFERENCES; no DROP). MariaDB
# grants on a table that does not exist yet only when CREATE is among the privileges, so the
# grants can precede the service's first start, which creates the tables with this same user.
# And SELECT, INSERT, CREATE on its own migration history, <name>_schema_migrations (libs/sql's
# MigrationLedger): it can add to its history but not rewrite it, and it cannot touch another's.

mariadb_db_services() {
  local d name
  for d in "$EDA_ROOT"/services/*/store/migrations; do
    [[ -d $d ]] || continue
    name=${d%/store/migrations}; name=${name##*/}
    [[ $name =~ ^[a-z][a-z0-9_]*$ ]] && echo "$name"
  done
}
mariadb_uses_db() { [[ -d $EDA_ROOT/services/$1/store/migrations && $1 =~ ^[a-z][a-z0-9_]*$ ]]; }

# Table names of a service, one a line: CREATE TABLE names in its migration files plus the event
# library's tables.
mariadb_service_tables() {
  local name=$1 files=("$EDA_ROOT/services/$1/store/migrations/"*.sql)
  {
    [[ -e ${files[0]} ]] && cat "${files[@]}" | tr '\n' ' ' |
      grep -oiE 'create[[:space:]]+table[[:space:]]+(if[[:space:]]+not[[:space:]]+exists[[:space:]]+)?`?[A-Za-z0-9_]+' |
      sed -E 's/.*[[:space:]`]//'
    printf '%s\n' "${name}_outbox" "${name}_outbox_lock" "${name}_inbox"
  } | sort -u
}

# The file holding the service's password (hex of 32 random bytes), made on first use, mode 0600 in
# a 0700 directory. Services get its path as EDA_MYSQL_PASSWORD_FILE, never the password itself.
mariadb_password_file() { echo "$P_STATE/secrets/mysql-$1.password"; }
ensure_mariadb_password() { ensure_password_file "$(mariadb_password_file "$1")"; }

mariadb_sql() { mariadb --no-defaults --socket="$(mariadb_sock)" -uroot "$@"; }

# Creates or updates the user of service $1: password from its file, grants on its own tables,
# and grants on tables no longer its own revoked. Idempotent; never revokes what it grants, so a
# running service is not interrupted. The password goes through stdin; errors are logged with it
# masked.
mariadb_service_user() {
  local name=$1 pw t sql err
  mariadb_uses_db "$name" || return 0
  ensure_mariadb_password "$name"
  pw=$(tr -d '\n' <"$(mariadb_password_file "$name")")
  [[ $pw =~ ^[0-9a-f]+$ ]] || die "$(mariadb_password_file "$name") is not a hex password; delete it to make a new one"
  local -a tables; mapfile -t tables < <(mariadb_service_tables "$name")
  sql="CREATE USER IF NOT EXISTS '$name'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER '$name'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT SELECT, INSERT, CREATE ON my_db.\`${name}_schema_migrations\` TO '$name'@'127.0.0.1';"
  for t in "${tables[@]}"; do
    sql+=$'\n'"GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES ON my_db.\`$t\` TO '$name'@'127.0.0.1';"
  done
  # Table grants of this user on anything else (a table dropped from its migrations): revoked.
  local stale db tb
  stale=$(mariadb_sql -N -B -e "SELECT Db, Table_name FROM mysql.tables_priv WHERE User = '$name' AND Host = '127.0.0.1'" 2>/dev/null) || stale=""
  while IFS=$'\t' read -r db tb; do
    [[ -n $db ]] || continue
    [[ $db == my_db && ( $tb == "${name}_schema_migrations" || " ${tables[*]} " == *" $tb "* ) ]] && continue
    sql+=$'\n'"REVOKE ALL PRIVILEGES ON \`$db\`.\`$tb\` FROM '$name'@'127.0.0.1';"
  done <<<"$stale"
  if ! err=$(printf '%s\n' "$sql" | mariadb_sql 2>&1 >/dev/null); then
    printf 'mariadb: setting up user %s failed: %s\n' "$name" "${err//$pw/***}" >>"$(comp_log mariadb)"
    return 1
  fi
}

mariadb_service_users() {
  local name
  for name in $(mariadb_db_services); do
    mariadb_service_user "$name" || { warn "mariadb: user for $name not set up; see $(comp_log mariadb)"; return 1; }
  done
}

# Installations made before each service had its own migration history kept one shared
# my_db.schema_migrations (rows by set: "<name>", "<name>.events"), which every service user could
# write. Each service's rows move to <name>_schema_migrations (so its migrations do not run again)
# and the shared table is dropped; the stale-grant sweep of mariadb_service_user then revokes the
# grants on it. A no-op once done, and on every fresh installation.
mariadb_split_migration_history() {
  local shared name sql=""
  shared=$(mariadb_sql -N -B -e "SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema = 'my_db' AND table_name = 'schema_migrations'" 2>>"$(comp_log mariadb)") || return 1
  [[ $shared == 1 ]] || return 0
  for name in $(mariadb_db_services); do
    sql+="CREATE TABLE IF NOT EXISTS my_db.\`${name}_schema_migrations\` LIKE my_db.schema_migrations;
INSERT IGNORE INTO my_db.\`${name}_schema_migrations\`
  SELECT * FROM my_db.schema_migrations WHERE service IN ('$name', '$name.events');
"
  done
  mariadb_sql 2>>"$(comp_log mariadb)" <<<"${sql}DROP TABLE my_db.schema_migrations;" || return 1
  info "mariadb: moved the shared schema_migrations into one history per service"
}

# Health for status and start: the server answers a ping on its socket (no credentials needed).
mariadb_healthy() {
  mariadb-admin --no-defaults --socket="$(mariadb_sock)" -uroot --connect-timeout=2 ping >/dev/null 2>&1
}

# After the first successful ping: root, database and service users, then prove the TCP login works.
mariadb_after_ready() {
  mariadb_bootstrap || { warn "mariadb: bootstrap SQL failed; see $(comp_log mariadb)"; return 1; }
  mariadb_split_migration_history || { warn "mariadb: splitting schema_migrations failed; see $(comp_log mariadb)"; return 1; }
  mariadb_service_users || return 1
  MYSQL_PWD=$P_MYSQL_PASSWORD mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$P_MYSQL_PORT" \
    -uroot --connect-timeout=5 my_db -e 'SELECT 1' >/dev/null 2>&1 ||
    { warn "mariadb: TCP login as root to my_db failed; see $(comp_log mariadb)"; return 1; }
}

mariadb_stop() { stop_pid mariadb "$(comp_pidfile mariadb)" 60; }
mariadb_address() { echo "127.0.0.1:$P_MYSQL_PORT"; }
mariadb_start_timeout() { echo 60; }
