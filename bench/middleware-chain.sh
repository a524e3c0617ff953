#!/usr/bin/env bash
# What a chain of five cheap middlewares costs: one Junction, two routers to the same nginx origin, measured side
# by side. /bare/... goes straight to the origin; /chain/... first passes headers, stripPrefix, rateLimit (a limit
# far above the load), ipAllowList and addPrefix. wrk alternates between the two for several rounds; the script
# prints each round, the medians and chain/bare. Loopback only; every run is bounded by -d and `timeout`.
#
# Usage: bench/middleware-chain.sh [jar]    (default jar: bootstrap/target/junction.jar)
# Environment: ROUNDS [5], DURATION seconds per run [10], WARMUP seconds [20], CONNS [50],
#              JUNCTION_JAVA_OPTS [-Xms128m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 -Djunction.cpuScheduling=batch]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="${1:-$HERE/../bootstrap/target/junction.jar}"
ROUNDS="${ROUNDS:-5}"; DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-20}"; CONNS="${CONNS:-50}"
JOPTS="${JUNCTION_JAVA_OPTS:--Xms128m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 -Djunction.cpuScheduling=batch}"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
command -v nginx >/dev/null || { echo "nginx is needed (apt-get install nginx)" >&2; exit 2; }
[[ -f "$JAR" ]] || { echo "no jar at $JAR: run mvn -B -ntp package -DskipTests first" >&2; exit 2; }

RUNDIR="$(mktemp -d /tmp/junction-chain.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done; rm -rf "$RUNDIR"; }
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ORIGIN_PORT=$(free_port); PROXY_PORT=$(free_port)

mkdir -p "$RUNDIR/tmp"
cat >"$RUNDIR/origin.conf" <<C
worker_processes 1; daemon off; pid $RUNDIR/origin.pid; error_log $RUNDIR/origin.err warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $RUNDIR/tmp; proxy_temp_path $RUNDIR/tmp; fastcgi_temp_path $RUNDIR/tmp;
  uwsgi_temp_path $RUNDIR/tmp; scgi_temp_path $RUNDIR/tmp;
  server { listen 127.0.0.1:$ORIGIN_PORT; location / { default_type text/plain; return 200 "origin body of about one hundred bytes 0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL\n"; } } }
C
cat >"$RUNDIR/static.yml" <<Y
entryPoints:
  web:
    address: "127.0.0.1:$PROXY_PORT"
providers:
  file:
    filename: "$RUNDIR/dynamic.yml"
serversTransport:
  maxIdleConnsPerHost: 256
Y
cat >"$RUNDIR/dynamic.yml" <<Y
http:
  routers:
    bare:
      rule: "PathPrefix(\`/bare\`)"
      service: origin
    chain:
      rule: "PathPrefix(\`/chain\`)"
      service: origin
      middlewares: [headers, strip, limit, allow, prefix]
  middlewares:
    headers:
      headers:
        customRequestHeaders: {X-Bench: "1"}
        customResponseHeaders: {X-Served-By: "junction"}
        frameDeny: true
    strip:
      stripPrefix:
        prefixes: ["/chain"]
    limit:
      rateLimit:
        average: 100000000
        burst: 100000000
    allow:
      ipAllowList:
        sourceRange: ["127.0.0.0/8"]
    prefix:
      addPrefix:
        prefix: "/bare"
  services:
    origin:
      loadBalancer:
        servers:
          - url: "http://127.0.0.1:$ORIGIN_PORT"
Y
setsid nginx -c "$RUNDIR/origin.conf" >"$RUNDIR/origin.log" 2>&1 & PIDS+=($!)
# shellcheck disable=SC2086
setsid java $JOPTS -jar "$JAR" --configFile="$RUNDIR/static.yml" >"$RUNDIR/junction.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PROXY_PORT/chain/x" && break; sleep 0.3
done
curl -sf -o /dev/null "http://127.0.0.1:$PROXY_PORT/chain/x" || { echo "junction did not come up:" >&2; tail -20 "$RUNDIR/junction.log" >&2; exit 1; }
curl -s -D - -o /dev/null "http://127.0.0.1:$PROXY_PORT/chain/x" | grep -qi '^x-served-by: junction' \
  || { echo "the chain router did not apply its middlewares" >&2; exit 1; }

rps() { timeout $((DURATION + 20)) wrk -t1 -c"$CONNS" -d"${1}s" "http://127.0.0.1:$PROXY_PORT$2" | awk '/^Requests\/sec/ {print $2}'; }
echo "warm-up ${WARMUP}s (both paths)"
rps $((WARMUP / 2)) /bare/x >/dev/null; rps $((WARMUP / 2)) /chain/x >/dev/null
BARE=(); CHAIN=()
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then b=$(rps "$DURATION" /bare/x); c=$(rps "$DURATION" /chain/x)
  else c=$(rps "$DURATION" /chain/x); b=$(rps "$DURATION" /bare/x); fi
  BARE+=("$b"); CHAIN+=("$c")
  awk -v r="$r" -v b="$b" -v c="$c" 'BEGIN {printf "round %d: bare %.0f req/s, chain %.0f req/s, chain/bare %.3f\n", r, b, c, c / b}'
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
MB=$(median "${BARE[@]}"); MC=$(median "${CHAIN[@]}")
PAIRED=$(for i in "${!BARE[@]}"; do awk -v b="${BARE[$i]}" -v c="${CHAIN[$i]}" 'BEGIN {print c / b}'; done | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
awk -v b="$MB" -v c="$MC" -v p="$PAIRED" 'BEGIN {printf "median: bare %.0f req/s, chain %.0f req/s; chain/bare %.3f (median of paired rounds %.3f): the chain costs %.1f%%\n", b, c, c / b, p, (1 - p) * 100}'
