# shellcheck shell=bash
# `eda demo`: a newcomer's first purchase. Brings the stack up, loads a small demo catalog (two
# sellers, products with Korean and English names, tags and stock) and a demo buyer through the
# public routes, creates an order and prints its checkout URL. With --pay it also pays in the
# sandbox's payment window (as a browser would) and follows the order to DELIVERED.
# Re-running is safe: accounts that exist are logged into, a seller's catalog is loaded once.

DEMO_PASSWORD='demo-Passw0rd!'

# usage: demo_call <method> <url> [json] [token]; prints the body, fails with the problem's detail.
demo_call() {
  local method=$1 url=$2 body=${3:-} token=${4:-} out code
  local args=(-sS -m 15 -X "$method" -H 'Content-Type: application/json' -w '\n%{http_code}')
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n $body ]] && args+=(--data "$body")
  out=$(curl "${args[@]}" "$url") || die "could not reach $url (is the stack up? ./eda status)"
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if ((code >= 400)) && [[ ${DEMO_ALLOW:-} != *"$code"* ]]; then
    die "$method $url answered $code: $(jq -r '.detail // .title // .' <<<"$out" 2>/dev/null || echo "$out")"
  fi
  printf '%s' "$out"
}

# Registers <loginId> with <role> unless it exists, logs in; prints the login JSON.
demo_account() {
  local login=$1 name=$2 role=$3
  DEMO_ALLOW=409 demo_call POST "$EDA_MEMBER_URL/member/users/registration" \
    "$(jq -nc --arg l "$login" --arg n "$name" --arg p "$DEMO_PASSWORD" --arg r "$role" \
      '{loginId:$l, userName:$n, password:$p, role:$r}')" >/dev/null
  demo_call POST "$EDA_MEMBER_URL/member/users/login" \
    "$(jq -nc --arg l "$login" --arg p "$DEMO_PASSWORD" '{loginId:$l, password:$p}')"
}

# Loads the products of one seller unless the seller already has some; prints their ids.
demo_products() {
  local seller_id=$1 token=$2; shift 2
  local existing
  existing=$(demo_call GET "$EDA_CATALOG_URL/catalog/sellers/$seller_id/products?size=50" | jq -r '.[].productId')
  if [[ -n $existing ]]; then echo "$existing"; return; fi
  local line name desc price stock tags
  for line in "$@"; do
    IFS='|' read -r name desc price stock tags <<<"$line"
    demo_call POST "$EDA_CATALOG_URL/catalog/products/register" \
      "$(jq -nc --argjson s "$seller_id" --arg n "$name" --arg d "$desc" --argjson p "$price" \
        --argjson c "$stock" --arg t "$tags" \
        '{sellerId:$s, productName:$n, productDescription:$d, productPrice:$p, stockCount:$c, tags:($t|split(","))}')" \
      "$token" | jq -r '.productId'
  done
}

cmd_demo() {
  local pay=0 arg up_args=()
  for arg in "$@"; do
    case $arg in
      --pay) pay=1 ;;
      *) up_args+=("$arg") ;;   # --brokers N: cmd_up checks it
    esac
  done
  require_tool jq jq
  cmd_up "${up_args[@]}"
  eval "$(profile_env)"

  say "demo catalog and accounts (password for all: $DEMO_PASSWORD)"
  local s1 s2 buyer
  s1=$(demo_account demo-seller-kr "데모 상점" SELLER)
  s2=$(demo_account demo-seller-en "Demo Store" SELLER)
  buyer=$(demo_account demo-buyer "Demo Buyer" BUYER)
  local ids1 ids2
  ids1=$(demo_products "$(jq -r .id <<<"$s1")" "$(jq -r .accessToken <<<"$s1")" \
    '무선 키보드|저소음 블루투스 키보드|39000|50|키보드,무선,전자기기' \
    '유기농 녹차 티백|제주산 녹차 50개입|12000|200|차,녹차,식품' \
    '등산 배낭 30L|방수 경량 배낭|89000|20|등산,배낭,아웃도어')
  ids2=$(demo_products "$(jq -r .id <<<"$s2")" "$(jq -r .accessToken <<<"$s2")" \
    'Mechanical Keyboard|Hot-swappable, brown switches|129000|30|keyboard,electronics' \
    'Espresso Beans 1kg|Dark roast, single origin|32000|100|coffee,food' \
    'Trail Running Shoes|Lightweight, size 270|99000|15|shoes,outdoor,running')
  local id
  for id in $ids1 $ids2; do
    demo_call GET "$EDA_CATALOG_URL/catalog/products/$id" |
      jq -r '"    product \(.productId): \(.productName) — \(.productPrice) KRW, stock \(.stockCount)"'
  done

  local product=${ids1%%$'\n'*} token order
  token=$(jq -r .accessToken <<<"$buyer")
  order=$(demo_call POST "$EDA_ORDER_URL/orders" \
    "$(jq -nc --argjson p "$product" '{productId:$p, productCount:1, deliveryCompany:"HANJIN", address:"서울특별시 중구 세종대로 110"}')" \
    "$token")
  local order_id checkout
  order_id=$(jq -r .orderId <<<"$order")
  checkout=$(jq -r .checkoutUrl <<<"$order")
  say "order $order_id created for demo-buyer: $(jq -r '"\(.orderName), \(.amount) \(.currency)"' <<<"$order")"
  echo "    open the payment window in a browser (the sandbox stands in for Toss):"
  echo "      $checkout"
  echo "    follow the order:"
  echo "      curl -H \"Authorization: Bearer \$TOKEN\" $EDA_ORDER_URL/orders/orders/$order_id"
  echo "    (TOKEN: log in as demo-buyer with POST $EDA_MEMBER_URL/member/users/login)"
  ((pay)) || { echo "    or run ./eda demo --pay to pay in the sandbox and follow the order here"; return 0; }

  say "paying in the sandbox window (approve) and following the order"
  local window success
  window=$(demo_call POST "$EDA_TOSS_SANDBOX_URL/sandbox/payments" \
    "$(jq -nc --arg o "$order_id" --arg n "$(jq -r .orderName <<<"$order")" --argjson a "$(jq -r .amount <<<"$order")" \
      --arg s "$EDA_ORDER_PUBLIC_URL/orders/success" --arg f "$EDA_ORDER_PUBLIC_URL/orders/failure" \
      '{orderId:$o, orderName:$n, amount:$a, outcome:"approve", successUrl:$s, failUrl:$f}')")
  success=$(jq -r '.redirectUrl // empty' <<<"$window")
  [[ -n $success ]] || success="$EDA_ORDER_PUBLIC_URL/orders/success?$(jq -r .query <<<"$window")"
  curl -fsS -m 15 -o /dev/null "$success" || die "the success page $success failed"
  local status last="" t0=$SECONDS
  while ((SECONDS - t0 < 120)); do
    status=$(demo_call GET "$EDA_ORDER_URL/orders/orders/$order_id" "" "$token" | jq -r .status)
    [[ $status != "$last" ]] && info "$(printf '%3ds' $((SECONDS - t0)))  $status"
    last=$status
    case $status in DELIVERED | CANCELLED | PAYMENT_FAILED | EXPIRED) break ;; esac
    sleep 1
  done
  case $last in
    DELIVERED) say "order $order_id delivered in $((SECONDS - t0))s" ;;
    *) die "order $order_id is $last after $((SECONDS - t0))s (logs: ./eda logs order, ./eda logs payment)" ;;
  esac
}
