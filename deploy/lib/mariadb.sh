# MariaDB 10.11 (Debian's mariadbd) as a local instance: datadir, socket and pid file under
# var/<profile>/mariadb, bound to 127.0.0.1, root password from EDA_MYSQL_PASSWORD (default 1234).

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
      --innodb-buffer-pool-size=128M --max-connections=300 --transaction-isolation=REPEATABLE-READ
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

# Health for status and start: the server answers a ping on its socket (no credentials needed).
mariadb_healthy() {
  mariadb-admin --no-defaults --socket="$(mariadb_sock)" -uroot --connect-timeout=2 ping >/dev/null 2>&1
}

# After the first successful ping: users and database, then prove the TCP login works.
mariadb_after_ready() {
  mariadb_bootstrap || { warn "mariadb: bootstrap SQL failed; see $(comp_log mariadb)"; return 1; }
  MYSQL_PWD=$P_MYSQL_PASSWORD mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$P_MYSQL_PORT" \
    -uroot --connect-timeout=5 my_db -e 'SELECT 1' >/dev/null 2>&1 ||
    { warn "mariadb: TCP login as root to my_db failed; see $(comp_log mariadb)"; return 1; }
}

mariadb_stop() { stop_pid mariadb "$(comp_pidfile mariadb)" 60; }
mariadb_address() { echo "127.0.0.1:$P_MYSQL_PORT"; }
mariadb_start_timeout() { echo 60; }
