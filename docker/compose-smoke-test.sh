#!/usr/bin/env bash
# Compose smoke test (issue 14, item 3): the whole stack from docker-compose.yml on the local stand-in images, on one
# binder, with one broker fault mid-stream; exact books checked in every service; torn down with its volumes.
#
#   docker/compose-smoke-test.sh kafka|rabbit [orders]        (default 20 orders)
#
# Kafka: three brokers (replication factor 3, min.insync.replicas 2), kafka-2's container is killed (docker kill,
# SIGKILL) after the first half of the orders and stays dead. RabbitMQ: its container is stopped for 10 s after the
# first half and started again. Either way every order must end CONFIRMED (total 20.00), each customer (one per
# order) must hold exactly 20 points, one ORDER_CONFIRMED SMS and one coupon for that order.
#
# Needs a running dockerd, docker-compose (1.29 or v2), curl and jq. Talks to 127.0.0.1 only (the compose file
# publishes every port there). Holds /work/locks/stack.lock (STACK_LOCK) while the stack is up: the ports are
# shared with ./pipeline up and the e2e tests. Not wired into .ci/run. Exit 0 only when every check passed.
set -euo pipefail

binder=${1:-}
orders=${2:-20}
case "${binder}" in kafka|rabbit) ;; *) echo "usage: $0 kafka|rabbit [orders]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "${root}"

lock=${STACK_LOCK:-/work/locks/stack.lock}
if [[ -z "${SMOKE_LOCK_HELD:-}" ]]; then
    mkdir -p "$(dirname "${lock}")"
    echo "waiting for ${lock}"
    SMOKE_LOCK_HELD=1 exec flock "${lock}" "$0" "$@"
fi

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose --compatibility); fi
# the project of docker/local.env (order-pipeline), so the service images built before are reused
compose+=(--env-file docker/local.env)
export BINDER=${binder}
services=(order-service inventory-service points-service sms-service coupon-service)
started=$(date +%s)
say() { printf '[%4ds] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { say "FAIL: $*"; exit 1; }

teardown() {
    say "tearing down (down -v)"
    "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
}
trap teardown EXIT

# Polls a condition (a shell command) every second until it holds or the deadline (seconds) passes.
await() {
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@"; do
        (( $(date +%s) < deadline )) || return 1
        sleep 1
    done
}

say "local images (docker/build-local-images.sh)"
docker/build-local-images.sh >/dev/null
missing=0
for s in "${services[@]}"; do [[ -f "${s}/target/${s}.jar" ]] || missing=1; done
if (( missing )); then
    say "building the service jars on the host"
    ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${services[*]}")" -am package
fi

say "up -d --build on ${binder}"
"${compose[@]}" up -d --build "${services[@]}" >/tmp/compose-smoke-up.log 2>&1 || { tail -20 /tmp/compose-smoke-up.log; fail "up"; }
ports=(8080 8081 8082 8083 8084)
healthy() { for p in "${ports[@]}"; do curl -sf -o /dev/null "http://127.0.0.1:${p}/actuator/health" || return 1; done; }
await 600 healthy || fail "the five services were not healthy within 600 s"
say "all five services healthy"

run=$(date +%s)
declare -a ids customers
place() {
    local i=$1 customer="c-smoke-${binder}-${run}-${i}" body
    body=$(curl -sf -X POST http://127.0.0.1:8080/orders -H 'Content-Type: application/json' \
        -H "Idempotency-Key: smoke-${binder}-${run}-${i}" \
        -d "{\"customerId\":\"${customer}\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}") || fail "POST /orders ${i}"
    ids[i]=$(jq -r .orderId <<<"${body}")
    customers[i]=${customer}
}

half=$(( orders / 2 ))
for (( i = 0; i < half; i++ )); do place "${i}"; done
say "placed ${half} orders; fault:"
if [[ "${binder}" == kafka ]]; then
    victim=$("${compose[@]}" ps -q kafka-2)
    docker kill "${victim}" >/dev/null
    say "  kafka-2 killed (SIGKILL); the other two brokers stay"
    for (( i = half; i < orders; i++ )); do place "${i}"; done
else
    victim=$("${compose[@]}" ps -q rabbitmq)
    docker stop -t 0 "${victim}" >/dev/null
    say "  rabbitmq stopped"
    outage_end=$(( $(date +%s) + 10 ))
    for (( i = half; i < orders; i++ )); do place "${i}"; done
    # the fault lasts 10 s from the stop: wait out the rest of it (a fault's length, not a synchronisation)
    while (( $(date +%s) < outage_end )); do sleep 1; done
    docker start "${victim}" >/dev/null
    say "  rabbitmq started again after 10 s"
fi
say "placed ${orders} orders in all"

booked() {
    local i=$1 id=${ids[$1]} c=${customers[$1]}
    [[ "$(curl -sf "http://127.0.0.1:8080/orders/${id}" | jq '.status == "CONFIRMED" and (.total|tonumber) == 20')" == true ]] || return 1
    [[ "$(curl -sf "http://127.0.0.1:8082/customers/${c}/points" | jq -r .balance)" == 20 ]] || return 1
    [[ "$(curl -sf "http://127.0.0.1:8083/notifications?orderId=${id}" | jq '[.[] | select(.type == "ORDER_CONFIRMED")] | length')" == 1 ]] || return 1
    [[ "$(curl -sf "http://127.0.0.1:8084/customers/${c}/coupons" | jq "[.[] | select(.orderId == \"${id}\")] | length")" == 1 ]] || return 1
}
all_booked() { for (( i = 0; i < orders; i++ )); do booked "${i}" || return 1; done; }
if ! await 300 all_booked; then
    for (( i = 0; i < orders; i++ )); do
        booked "${i}" || say "  order ${ids[i]} (${customers[i]}): $(curl -s "http://127.0.0.1:8080/orders/${ids[i]}" | jq -c '{status,total}') points $(curl -s "http://127.0.0.1:8082/customers/${customers[i]}/points" | jq -c .balance)"
    done
    fail "not every order was booked in every service within 300 s of the last POST"
fi
# exact books: nothing extra arrived after the last check either (duplicates would show as a second SMS/coupon)
all_booked || fail "a book changed after it was complete"
say "PASS: ${orders} orders CONFIRMED, 20 points, one SMS and one coupon each, on ${binder} with the fault"
