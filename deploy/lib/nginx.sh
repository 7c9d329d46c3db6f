# shellcheck shell=bash
# The edge: Debian's nginx in front of the shop (the web app built into build/web by ./eda build) and
# the services, so a browser talks to one origin. Config, pid file and temp folders are generated in
# var/<profile>/nginx; it runs as the invoking user (no root needed) on 127.0.0.1:8080 plus the
# profile's service offset (test: 28080). Its access log and error log are var/<profile>/logs/nginx.log;
# each request's id ($request_id) is in its access log line and reaches the service as X-Request-Id,
# which the service logs and echoes. Started after the services by `./eda up`, stopped first by `down`.
#
# /api/<prefix>/<path> goes to the service that owns the route prefix <prefix> (table below), as
# /<prefix>/<path>: /api/catalog/products/7 → catalog's /catalog/products/7. The member service's
# login, refresh and logout pass through deploy/nginx/session.js, which keeps the refresh token in an
# httpOnly SameSite cookie so that page scripts never see it.
#
# Each service's upstream lists all its instances (`./eda up --replicas`, services.sh). A request that
# finds an instance dead (refused, timed out, 502/503) goes on to the next one when that is safe: always
# for idempotent methods, for POST only when nothing was sent yet (nginx's own rule), so a killed
# instance costs no failed page. The same nginx has a second listener, for the services themselves, on
# 127.0.0.1:8079 plus the offset (nginx_lb_port): the services' own paths (no /api), no rate limits,
# no session handling. A service's EDA_<NAME>_URL names it only while that service has several
# instances (services.sh service_url).

NGINX_BASE_PORT=8080
NGINX_LB_BASE_PORT=8079
NGINX_MODULE_JS=/usr/lib/nginx/modules/ngx_http_js_module.so

# The route prefix each service owns (its README's routes), written once: nginx_route_table feeds the
# generated locations and nothing else names a prefix.
nginx_route_table() {
  cat <<'TABLE'
member   member
payment  payments
delivery delivery
search   search
catalog  catalog
order    orders
TABLE
}

nginx_port() { echo $((NGINX_BASE_PORT + P_SVC_OFFSET)); }
nginx_lb_port() { echo $((NGINX_LB_BASE_PORT + P_SVC_OFFSET)); }
nginx_lb_url() { echo "http://127.0.0.1:$(nginx_lb_port)"; }
nginx_web_root() { echo "$EDA_ROOT/build/web"; }
nginx_url() { echo "http://127.0.0.1:$(nginx_port)"; }

# The shop's runtime settings, read by the app at start (web/src/lib/config.ts): where the sandbox's
# payment window of this profile opens and, with a real Toss widget key, that key (tossClientKey):
# the checkout then shows Toss's payment widget v2 instead (web/README.md, "Paying").
nginx_shop_config() {
  local key; key=$(nginx_toss_client_key) || exit 1
  printf '{"paymentWindowUrl":"http://127.0.0.1:%d/sandbox/checkout"%s}\n' $((8090 + P_SVC_OFFSET)) \
    "${key:+,\"tossClientKey\":\"$key\"}"
}

# The Toss client key the shop may publish, or nothing for the sandbox's window. The payment service
# decides (`eda-payment --shop-client-key`, toss::ShopClientKey in libs/toss/include/eda/toss/
# shop_client_key.hpp): it confirms the payments with the secret key, so it judges the pair, and its
# refusal names the variables, never a key. Without that binary (a partial build) no key is published.
nginx_toss_client_key() {
  local bin=$EDA_BIN_DIR/eda-payment err
  if [[ ! -x $bin ]]; then
    [[ -z ${EDA_TOSS_CLIENT_KEY:-} ]] ||
      warn "EDA_TOSS_CLIENT_KEY is left out of the shop's config: $bin, which checks it, is not built (./eda build); the shop opens the sandbox's window"
    return 0
  fi
  # The key goes to our stdout, the refusal into err, so it becomes ./eda's own error line.
  { err=$("$bin" --shop-client-key 2>&1 >&3 3>&-); } 3>&1 || die "${err:-$bin --shop-client-key failed}"
}

nginx_write_config() {
  local dir; dir=$(comp_dir nginx)
  local root; root=$(nginx_web_root)
  mkdir -p "$dir/tmp" "$dir/placeholder" "$P_LOGS"
  local shop_config; shop_config=$(nginx_shop_config) || exit 1
  printf '%s\n' "$shop_config" >"$dir/shop-config.json"
  # Without a built app (no Node on this machine) the edge still proxies /api and says why the shop
  # is missing instead of answering 404.
  if [[ ! -f $root/index.html ]]; then
    root="$dir/placeholder"
    cat >"$root/index.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>eda shop</title></head>
<body><h1>The shop is not built</h1><p>Install Node.js 20 and run <code>./eda build</code>, then
<code>./eda up</code> again. The services answer under <code>/api/</code> meanwhile.</p></body></html>
HTML
  fi
  # As root (CI) the workers would switch to nobody, who cannot write the temp folders under var/.
  local user_line=""
  ((EUID == 0)) && user_line="user $(id -un) $(id -gn);"
  local upstreams="" locations="" lb_locations="" name prefix inst
  while read -r name prefix; do
    # One failure takes an instance out for 5 s: long enough to spare the requests that follow a
    # kill, short enough that a restarted instance soon gets its share again.
    upstreams+="  upstream eda_$name {
"
    for inst in $(service_instances "$name"); do
      upstreams+="    server 127.0.0.1:$(service_port "$inst") max_fails=1 fail_timeout=5s;
"
    done
    upstreams+="    keepalive 16;
  }
"
    locations+="    location /api/$prefix/ { proxy_pass http://eda_$name/$prefix/; }
    location = /api/$prefix { proxy_pass http://eda_$name/$prefix; }
"
    lb_locations+="    location /$prefix/ { proxy_pass http://eda_$name; }
    location = /$prefix { proxy_pass http://eda_$name; }
"
  done < <(nginx_route_table)
  local unavailable='{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the service is not answering; try again shortly"}'
  local no_owner='{"type":"about:blank","title":"Not Found","status":404,"detail":"no service owns this path"}'
  cat >"$dir/nginx.conf" <<CONF
# Generated by ./eda for profile $PROFILE; edit deploy/lib/nginx.sh instead.
$user_line
load_module $NGINX_MODULE_JS;
daemon off;
worker_processes 1;
pid $dir/nginx-master.pid;
error_log $(comp_log nginx) warn;
events { worker_connections 1024; }

http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  log_format eda '\$time_iso8601 request_id=\$request_id client=\$remote_addr "\$request" '
                 'status=\$status bytes=\$body_bytes_sent seconds=\$request_time '
                 'upstream=\$upstream_addr upstream_seconds=\$upstream_response_time';
  access_log $(comp_log nginx) eda;
  server_tokens off;
  sendfile on;
  keepalive_timeout 30s;
  # Bodies are small JSON documents: a product is at most a few KiB.
  client_max_body_size 64k;
  gzip on;
  gzip_min_length 512;
  gzip_types text/css application/javascript application/json application/problem+json image/svg+xml;
  # Login and registration cost an argon2id hash each (~100 ms CPU): per client address, 2 a second
  # with bursts of 10, beyond which the edge answers 429 itself.
  limit_req_zone \$binary_remote_addr zone=eda_auth:1m rate=2r/s;
  limit_req_status 429;
  # A dead instance: try the next one (POST only when the request never reached the dead one).
  proxy_next_upstream error timeout http_502 http_503;
  js_path $EDA_ROOT/deploy/nginx;
  js_import session from session.js;

$upstreams
  server {
    listen 127.0.0.1:$(nginx_port);
    server_name _;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    proxy_set_header X-Request-Id \$request_id;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_connect_timeout 3s;
    proxy_read_timeout 30s;
    error_page 502 503 504 = @unavailable;
    error_page 429 = @too_many;
    error_page 413 = @too_large;

$locations
    location = /api/member/users/registration {
      limit_req zone=eda_auth burst=10 nodelay;
      proxy_pass http://eda_member/member/users/registration;
    }
    # Login, refresh and logout: the refresh token travels in the eda_refresh cookie only.
    location = /api/member/users/login {
      limit_req zone=eda_auth burst=10 nodelay;
      js_content session.login;
    }
    location = /api/member/tokens/refresh { js_content session.refresh; }
    location = /api/member/logout { js_content session.logout; }
    location /_member/ {
      internal;
      subrequest_output_buffer_size 64k;
      # A location with its own proxy_set_header inherits none of the server's: all of them again.
      proxy_set_header Content-Type application/json;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Request-Id \$request_id;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_pass http://eda_member/member/;
    }
    location /api/ {
      default_type application/problem+json;
      return 404 '$no_owner';
    }
    location @unavailable {
      default_type application/problem+json;
      return 503 '$unavailable';
    }
    location @too_many {
      default_type application/problem+json;
      add_header Retry-After 5 always;
      return 429 '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"too many attempts from this address; wait a few seconds"}';
    }
    # A body over client_max_body_size: a problem the shop can show, not nginx's HTML page.
    location @too_large {
      default_type application/problem+json;
      return 413 '{"type":"about:blank","title":"Content Too Large","status":413,"detail":"the request is larger than the shop accepts (64 KiB): shorten the longest field"}';
    }
    location = /shop-config.json {
      alias $dir/shop-config.json;
      add_header Cache-Control no-cache;
    }
    # Vite names every asset by its content hash: cache for good. Anything else is a page of the app.
    location /assets/ {
      root $root;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
    location / {
      root $root;
      add_header Cache-Control no-cache;
      try_files \$uri /index.html;
    }
  }

  # The services' load balancer (deploy/lib/nginx.sh, at the top). The calling service sends its
  # own request id and trace context, which pass through untouched; no X-Forwarded-For, so member's
  # per-address throttling never mistakes a service for a shopper.
  server {
    listen 127.0.0.1:$(nginx_lb_port);
    server_name _;
    # The services' own body limit (libs/http ServerSettings::body_limit), not the shop's.
    client_max_body_size 1m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    proxy_connect_timeout 3s;
    proxy_read_timeout 30s;
    error_page 502 503 504 = @unavailable;

$lb_locations
    location / {
      default_type application/problem+json;
      return 404 '$no_owner';
    }
    location @unavailable {
      default_type application/problem+json;
      return 503 '$unavailable';
    }
  }
}
CONF
}

nginx_start() {
  require_tool nginx nginx
  [[ -f $NGINX_MODULE_JS ]] || die "nginx's JavaScript module is missing ($NGINX_MODULE_JS); run ./eda setup or: apt-get install -y libnginx-mod-http-js"
  require_port_free "$(nginx_port)" nginx
  require_port_free "$(nginx_lb_port)" "nginx (the services' load balancer)"
  nginx_write_config
  local dir; dir=$(comp_dir nginx)
  # -e: the log for messages before the config is read (the default is a root-owned system path).
  nginx -t -q -p "$dir" -e "$(comp_log nginx)" -c "$dir/nginx.conf" ||
    die "nginx refused its generated config $dir/nginx.conf (see $(comp_log nginx))"
  launch "$(comp_pidfile nginx)" "$(comp_log nginx)" nginx -p "$dir" -e "$(comp_log nginx)" -c "$dir/nginx.conf"
}

nginx_healthy() { curl -fsS -m 2 -o /dev/null "$(nginx_url)/shop-config.json" 2>/dev/null; }
nginx_after_ready() { :; }
nginx_start_timeout() { echo 15; }
nginx_stop() { stop_pid nginx "$(comp_pidfile nginx)" 15; }
nginx_address() { nginx_url; }

# A running edge takes a changed config (other instance counts) without a restart: SIGHUP makes the
# master start workers on the new config and let the old ones finish their requests. Returns once a
# new worker runs, so the caller may stop an instance the new config no longer lists.
nginx_reload_if_changed() {
  local dir conf old pid workers
  dir=$(comp_dir nginx); conf=$dir/nginx.conf
  old=$(cat "$conf" 2>/dev/null || true)
  nginx_write_config
  [[ $(<"$conf") != "$old" ]] || return 0
  nginx -t -q -p "$dir" -e "$(comp_log nginx)" -c "$conf" ||
    die "nginx refused its generated config $conf (see $(comp_log nginx))"
  pid=$(live_pid "$(comp_pidfile nginx)")
  workers=$(nginx_workers "$pid")
  kill -HUP "$pid"
  wait_until "nginx reload" 10 nginx_new_worker "$pid" "$workers" ||
    die "nginx did not take its new config within 10s (see $(comp_log nginx))"
  info "nginx reloaded: its upstreams list the instances now configured"
}
nginx_workers() { ps -o pid= --ppid "$1" | tr -d ' ' | sort; }
# True when master $1 runs a worker not among $2 (sorted pids, one a line): it read the new config.
nginx_new_worker() { [[ -n $(comm -13 <(echo "$2") <(nginx_workers "$1")) ]]; }

# Starts the edge unless it runs (a running one reloads a changed config) and waits for it; prints its
# row like the services'. Returns 1 (after showing its log) when it does not answer.
nginx_up() {
  if [[ $(comp_proc_state nginx) != running ]]; then
    info "starting nginx on :$(nginx_port) (the services' load balancer on :$(nginx_lb_port))"
    nginx_start
  else
    nginx_reload_if_changed
  fi
  local t0=$SECONDS rc=0
  wait_until nginx "$(nginx_start_timeout)" comp_alive_check nginx || rc=$?
  if ((rc != 0)); then
    printf '%serror:%s nginx %s; last lines of %s:\n' "$_c_red" "$_c_off" \
      "$( ((rc == 2)) && echo 'exited during start-up' || echo 'did not answer')" "$(comp_log nginx)" >&2
    tail -n 20 "$(comp_log nginx)" >&2 || true
    return 1
  fi
  printf '    %-12s %shealthy%s  %-40s (%ds)\n' nginx "$_c_green" "$_c_off" "$(nginx_url)" $((SECONDS - t0))
}

# SIGKILL to the master alone would leave its workers serving on the port: kill the process group
# (launch starts the master as the leader of its own session). The pid file stays, so status says dead.
nginx_kill() {
  local pid; pid=$(live_pid "$(comp_pidfile nginx)")
  [[ -n $pid ]] || die "nginx is not running (profile $PROFILE)"
  kill -KILL -- "-$pid"
  local i; for ((i = 0; i < 50; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  info "killed nginx (process group $pid, SIGKILL)"
}

nginx_down() {
  [[ -f $(comp_pidfile nginx) ]] || return 0
  nginx_stop
  info "stopped nginx"
}

nginx_status_row() {
  local pid h color
  pid=$(read_pid "$(comp_pidfile nginx)")
  h=$(comp_proc_state nginx)
  if [[ $h == running ]]; then nginx_healthy && h=healthy || h=unhealthy; fi
  case $h in healthy) color=$_c_green ;; stopped) color="" ;; *) color=$_c_red ;; esac
  printf '%-14s %-44s %-8s %s%s%s\n' nginx "$(nginx_url)" "${pid:--}" "$color" "$h" "$_c_off"
}
