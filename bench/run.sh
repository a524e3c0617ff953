#!/usr/bin/env bash
# Junction vs nginx reverse-proxy benchmark (loopback only, one command).
#
# Starts, all on 127.0.0.1 and on free ports:
#   origin    nginx, 1 worker, access log off: /small (~100 B body) and /64k (64 KiB file)
#   junction  java -jar <jar> with a generated static.yml + dynamic.yml (Host(`bench.local`) -> origin)
#   nginx     nginx reverse proxy (proxy_pass + upstream keepalive) to the same origin: the peer
# then warms each proxy up with wrk, runs every scenario against junction and nginx interleaved,
# and prints one table per scenario (req/s, p50/p99, peak RSS, CPU us/request, junction/nginx).
#
# Usage: bench/run.sh [options] [path/to/junction.jar]      (default jar: bootstrap/target/junction.jar)
#   bench/run.sh                 # full run: 20 s warm-up per proxy, 3 rounds of 15 s runs (~6 min)
#   bench/run.sh --quick         # smoke test: 5 s warm-up, 1 round of 5 s runs (~1 min)
#
# Environment:
#   JUNCTION_JAVA_OPTS  JVM options [-Xms128m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 -Djunction.cpuScheduling=batch]
#   JUNCTION_CMD        replaces the java command (testing the script without the jar). Runs under
#                       bash -c with PROXY_PORT, BACKEND_URL, BENCH_HOST, BENCH_RUNDIR and
#                       JUNCTION_STATIC (the generated static.yml) set; must listen on 127.0.0.1:$PROXY_PORT.
#                       e.g. JUNCTION_CMD="$PWD/bench/lib/nginx-standin.sh" bench/run.sh --quick
#
# Safety: every wrk run is bounded (-d plus `timeout`), every wait is bounded, all traffic goes to
# 127.0.0.1, and an EXIT/INT/TERM trap stops every process this script started (by process group).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"

# ------------------------------------------------------------------ defaults / options
JAR="$ROOT/bootstrap/target/junction.jar"
DURATION=""            # seconds per measured run   [15, --quick 5]
WARMUP=""              # seconds of warm-up per proxy [20, --quick 5], split over the scenarios
QUICK=0
REPEATS=""             # interleaved rounds, medians reported [3, --quick 1]
SCENARIOS="small_c50,small_c200,64k_c50"
READY_TIMEOUT=90
LAYOUT="none"          # none | split (wrk on CPU 1; origin + proxies on CPU 0)
WRK_THREADS=1
OUT=""
HOST_HDR="bench.local"
JAVA_OPTS_EFF="${JUNCTION_JAVA_OPTS:--Xms128m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 -Djunction.cpuScheduling=batch}"

usage() { awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; cat <<EOF

Options:
  --quick              5 s warm-up, 5 s runs (smoke test)
  --duration S         seconds per measured run [15]
  --warmup S           warm-up seconds per proxy, split over the scenarios [20]
  --repeats N          interleaved rounds, medians reported [3; --quick: 1]
  --scenarios LIST     comma list [$SCENARIOS]  (see scenario_def in this script)
  --ready-timeout S    wait for Junction to answer 200 [$READY_TIMEOUT]
  --layout L           none | split (wrk on CPU 1, origin + proxies on CPU 0) [$LAYOUT]
  --out DIR            results dir [bench/results/<timestamp>]
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; shift;;
    --duration) DURATION="$2"; shift 2;;
    --warmup) WARMUP="$2"; shift 2;;
    --repeats) REPEATS="$2"; shift 2;;
    --scenarios) SCENARIOS="$2"; shift 2;;
    --ready-timeout) READY_TIMEOUT="$2"; shift 2;;
    --layout) LAYOUT="$2"; shift 2;;
    --out) OUT="$2"; shift 2;;
    -h|--help) usage; exit 0;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2;;
    *) JAR="$1"; shift;;
  esac
done
if (( QUICK )); then DURATION="${DURATION:-5}"; WARMUP="${WARMUP:-5}"; REPEATS="${REPEATS:-1}"; fi
DURATION="${DURATION:-15}"; WARMUP="${WARMUP:-20}"; REPEATS="${REPEATS:-3}"
for v in DURATION WARMUP REPEATS READY_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v must be a whole number of seconds/rounds" >&2; exit 2; }
done
(( DURATION >= 1 && REPEATS >= 1 )) || { echo "--duration and --repeats must be >= 1" >&2; exit 2; }

# ------------------------------------------------------------------ scenarios and targets
# Add a scenario here (name -> "path connections") and to SCENARIOS / --scenarios.
scenario_def() {
  case "$1" in
    small_c50)  echo "/small 50";;
    small_c200) echo "/small 200";;
    64k_c50)    echo "/64k 50";;
    *) echo "unknown scenario: $1" >&2; return 1;;
  esac
}
IFS=, read -r -a SCENARIO_LIST <<<"$SCENARIOS"
for s in "${SCENARIO_LIST[@]}"; do scenario_def "$s" >/dev/null || exit 2; done
# Targets measured, in order; the first is compared to the last in the ratio column.
# To add a variant (e.g. a second Junction config), give it a start branch in start_targets below.
TARGETS=(junction nginx)

# ------------------------------------------------------------------ tools
need_pkgs=()
for t in wrk:wrk nginx:nginx curl:curl; do
  command -v "${t%%:*}" >/dev/null || need_pkgs+=("${t##*:}")
done
for t in setsid taskset; do command -v "$t" >/dev/null || need_pkgs+=(util-linux); done
if (( ${#need_pkgs[@]} )); then
  echo "installing: ${need_pkgs[*]}" >&2
  (( EUID == 0 )) || { echo "missing ${need_pkgs[*]}; run as root or: sudo apt-get install ${need_pkgs[*]}" >&2; exit 3; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  for t in wrk nginx curl setsid; do command -v "$t" >/dev/null || { echo "still missing: $t" >&2; exit 3; }; done
fi
if [[ -z "${JUNCTION_CMD:-}" ]]; then
  [[ -f "$JAR" ]] || { echo "Junction jar not found: $JAR (build it first, or pass its path)" >&2; exit 3; }
  command -v java >/dev/null || { echo "java not found on PATH" >&2; exit 3; }
  JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
fi

case "$LAYOUT" in
  none)  CPU_WRK=""; CPU_SRV="";;
  split) if (( $(nproc) < 2 )); then echo "--layout split needs 2 CPUs; using none" >&2; CPU_WRK=""; CPU_SRV=""; LAYOUT=none
         else CPU_WRK=1; CPU_SRV=0; fi;;
  *) echo "bad --layout: $LAYOUT" >&2; exit 2;;
esac
pin() { if [[ -n "$1" ]]; then echo "taskset -c $1"; fi; }

# ------------------------------------------------------------------ dirs, logging, cleanup
TS="$(date +%Y%m%d-%H%M%S)"
OUT="${OUT:-$HERE/results/$TS}"
mkdir -p "$OUT"
RUNS="$OUT/runs.jsonl"; : >"$RUNS"
RUNDIR="$(mktemp -d /tmp/junction-bench.XXXXXX)"
chmod 755 "$RUNDIR"   # nginx workers run as nobody when started by root
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

declare -A PID_OF=() PORT_OF=()
STARTED=()
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  for pid in "${STARTED[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null; done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }
    wait "$pid" 2>/dev/null
  done
  # keep the proxy logs and generated configs next to the results
  mkdir -p "$OUT/logs"
  cp "$RUNDIR"/*.log "$OUT/logs/" 2>/dev/null
  cp -r "$RUNDIR/junction" "$OUT/logs/junction-config" 2>/dev/null
  rm -rf "$RUNDIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

USED_PORTS=" "
port_free() {
  if command -v ss >/dev/null; then [[ -z "$(ss -Htan "sport = :$1" 2>/dev/null)" ]]
  else ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; fi
}
pick_port() { # VAR: a free port below the ephemeral range
  local p i
  for i in $(seq 1 500); do
    p=$((20000 + RANDOM % 12000))
    [[ "$USED_PORTS" == *" $p "* ]] && continue
    port_free "$p" || continue
    USED_PORTS+="$p "; printf -v "$1" '%s' "$p"; return 0
  done
  echo "no free port found" >&2; exit 4
}

start_proc() { # NAME CPU CMD...: own session (pgid == sid == pid), output to $RUNDIR/NAME.log
  local name="$1" cpu="$2"; shift 2
  # shellcheck disable=SC2046
  $(pin "$cpu") setsid "$@" >"$RUNDIR/$name.log" 2>&1 </dev/null &
  local pid=$!
  STARTED+=("$pid"); PID_OF[$name]=$pid
  log "started $name (pid $pid${cpu:+, cpu $cpu})"
}

wait_ready() { # NAME PORT LIMIT_S: until GET /small with Host: bench.local answers 200
  local name="$1" port="$2" limit="$3" code="" t0=$SECONDS
  while (( SECONDS - t0 < limit )); do
    if ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
      log "$name exited during startup; last log lines:"; tail -30 "$RUNDIR/$name.log" >&2; return 1
    fi
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H "Host: $HOST_HDR" "http://127.0.0.1:$port/small" || true)
    if [[ "$code" == 200 ]]; then log "$name ready on 127.0.0.1:$port after $((SECONDS - t0)) s"; return 0; fi
    sleep 0.3
  done
  log "$name not ready on 127.0.0.1:$port after ${limit} s (last HTTP code '$code'); last log lines:"
  tail -30 "$RUNDIR/$name.log" >&2; return 1
}

# /proc helpers over all processes of a session (nginx master + workers, the JVM, ...)
session_pids() { ps -e -o pid=,sid= | awk -v s="$1" '$2 == s {print $1}'; }
cpu_ticks() { local t=0 p v; for p in "$@"; do
  v=$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || true); t=$((t + ${v:-0})); done; echo "$t"; }
hwm_kb() { local t=0 p v; for p in "$@"; do
  v=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || true); t=$((t + ${v:-0})); done; echo "$t"; }
reset_hwm() { local p; for p in "$@"; do echo 5 >"/proc/$p/clear_refs" 2>/dev/null || HWM_RESET_OK=0; done; }
HWM_RESET_OK=1
CLK_TCK=$(getconf CLK_TCK)

# ------------------------------------------------------------------ origin
pick_port ORIGIN_PORT; pick_port JUNCTION_PORT; pick_port NGINX_PORT
PORT_OF[junction]=$JUNCTION_PORT; PORT_OF[nginx]=$NGINX_PORT
BACKEND_URL="http://127.0.0.1:$ORIGIN_PORT"

mkdir -p "$RUNDIR/origin/tmp" "$RUNDIR/origin/www" "$RUNDIR/nginx/tmp" "$RUNDIR/junction"
SMALL_BODY="junction bench origin fixed response body 0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOP"
head -c 65536 /dev/urandom >"$RUNDIR/origin/www/64k"
chmod -R a+rX "$RUNDIR/origin/www"
cat >"$RUNDIR/origin/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 20000;
daemon off;
pid $RUNDIR/origin/nginx.pid;
error_log $RUNDIR/origin/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    sendfile on;
    tcp_nopush off;   # with TCP_CORK, 64 KiB sendfile replies hit ~40 ms delayed-ACK stalls on loopback
    tcp_nodelay on;
    keepalive_timeout 75s;
    keepalive_requests 1000000;
    client_body_temp_path $RUNDIR/origin/tmp/client;
    proxy_temp_path $RUNDIR/origin/tmp/proxy;
    fastcgi_temp_path $RUNDIR/origin/tmp/fastcgi;
    uwsgi_temp_path $RUNDIR/origin/tmp/uwsgi;
    scgi_temp_path $RUNDIR/origin/tmp/scgi;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$ORIGIN_PORT;
        location = /64k { root $RUNDIR/origin/www; }
        location / {                      # /small and any other path: fixed ~100-byte body
            default_type text/plain;
            return 200 "$SMALL_BODY\n";
        }
    }
}
EOF
start_proc origin "$CPU_SRV" nginx -e "$RUNDIR/origin/error.log" -p "$RUNDIR/origin" -c "$RUNDIR/origin/nginx.conf"
wait_ready origin "$ORIGIN_PORT" 15

# ------------------------------------------------------------------ proxies under test
# Junction config: same as /work/shared/bench/junction-plugin.sh
cat >"$RUNDIR/junction/static.yml" <<Y
entryPoints:
  web:
    address: "127.0.0.1:$JUNCTION_PORT"
providers:
  file:
    filename: "$RUNDIR/junction/dynamic.yml"
serversTransport:
  maxIdleConnsPerHost: 256
Y
cat >"$RUNDIR/junction/dynamic.yml" <<Y
http:
  routers:
    bench:
      rule: "Host(\`$HOST_HDR\`)"
      service: origin
  services:
    origin:
      loadBalancer:
        servers:
        - url: "$BACKEND_URL"
Y

start_targets() {
  local t
  for t in "${TARGETS[@]}"; do
    case "$t" in
      junction)
        if [[ -n "${JUNCTION_CMD:-}" ]]; then
          JUNCTION_DESC="JUNCTION_CMD override: $JUNCTION_CMD"
          start_proc junction "$CPU_SRV" env PROXY_PORT="$JUNCTION_PORT" BACKEND_URL="$BACKEND_URL" BENCH_HOST="$HOST_HDR" \
            BENCH_RUNDIR="$RUNDIR" JUNCTION_STATIC="$RUNDIR/junction/static.yml" bash -c "$JUNCTION_CMD"
        else
          JUNCTION_DESC="java $JAVA_OPTS_EFF -jar $JAR --configFile=<generated static.yml>"
          # shellcheck disable=SC2016
          start_proc junction "$CPU_SRV" env J_OPTS="$JAVA_OPTS_EFF" J_JAR="$JAR" J_STATIC="$RUNDIR/junction/static.yml" \
            bash -c 'exec java $J_OPTS -jar "$J_JAR" --configFile="$J_STATIC"'
        fi
        log "junction command: $JUNCTION_DESC"
        wait_ready junction "$JUNCTION_PORT" "$READY_TIMEOUT";;
      nginx)
        sed -e "s|@RUNDIR@|$RUNDIR/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@BACKEND@|127.0.0.1:$ORIGIN_PORT|g" \
            -e "s|@HOST@|$HOST_HDR|g" -e "s|@WORKERS@|1|g" "$HERE/lib/nginx-proxy.conf" >"$RUNDIR/nginx/nginx.conf"
        start_proc nginx "$CPU_SRV" nginx -e "$RUNDIR/nginx/error.log" -p "$RUNDIR/nginx" -c "$RUNDIR/nginx/nginx.conf"
        wait_ready nginx "$NGINX_PORT" 15;;
      # junction-chain) ...   # add further targets here (own config dir, port via pick_port, PORT_OF[...])
      *) echo "no start rule for target $t" >&2; exit 2;;
    esac
  done
}
start_targets

# ------------------------------------------------------------------ correctness check (bodies through each proxy)
sum() { sha256sum | cut -c1-16; }
want_small=$(curl -s -m 5 "$BACKEND_URL/small" | sum)
want_64k=$(sum <"$RUNDIR/origin/www/64k")
for t in "${TARGETS[@]}"; do
  for pair in "/small:$want_small" "/64k:$want_64k" "/other/path?q=1:$want_small"; do
    path="${pair%:*}"; want="${pair##*:}"
    got=$(set +o pipefail; curl -s -S -m 10 -H "Host: $HOST_HDR" "http://127.0.0.1:${PORT_OF[$t]}$path" 2>>"$RUNDIR/check.err" | sum)
    [[ "$got" == "$want" ]] || { log "$t: wrong body for $path (sha $got, want $want): $(cat "$RUNDIR/check.err" 2>/dev/null)"; exit 5; }
  done
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Host: not-routed.example" "http://127.0.0.1:${PORT_OF[$t]}/small" || true)
  log "$t: bodies OK (/small, /64k, other path); unknown Host -> $code"
done

# ------------------------------------------------------------------ one wrk run
jget() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" <<<"$2"; }
declare -A V=()   # "metric|target|scenario" -> space-separated values over rounds

run_one() { # TARGET SCENARIO ROUND DURATION WARM(0|1)
  local t="$1" s="$2" round="$3" dur="$4" warm="$5" path conns pids=() c0 c1 hwm raw json rc=0
  read -r path conns <<<"$(scenario_def "$s")"
  mapfile -t pids < <(session_pids "${PID_OF[$t]}")
  reset_hwm "${pids[@]}"
  c0=$(cpu_ticks "${pids[@]}")
  # shellcheck disable=SC2046
  raw=$(timeout $((dur + 30)) $(pin "$CPU_WRK") wrk -t"$WRK_THREADS" -c"$conns" -d"${dur}s" --timeout 5s --latency \
        -H "Host: $HOST_HDR" -s "$HERE/lib/wrk-json.lua" "http://127.0.0.1:${PORT_OF[$t]}$path" 2>&1) || rc=$?
  c1=$(cpu_ticks "${pids[@]}")
  hwm=$(hwm_kb "${pids[@]}")
  if ! kill -0 "${PID_OF[$t]}" 2>/dev/null; then
    log "$t died during $s; last log lines:"; tail -30 "$RUNDIR/$t.log" >&2; exit 6
  fi
  (( warm )) && return 0
  json=$(grep -m1 '^{"requests"' <<<"$raw" || true)
  if [[ -z "$json" ]]; then log "$t/$s: wrk gave no result (rc=$rc):"; tail -5 <<<"$raw" >&2; json='{"requests":0,"duration_us":1}'; fi
  local req dus errs rps cpu_us p50 p99
  req=$(jget requests "$json"); dus=$(jget duration_us "$json")
  errs=$(for k in err_connect err_read err_write err_status err_timeout; do jget "$k" "$json"; done | awk '{s += $1} END {print s + 0}')
  rps=$(awk -v r="$req" -v d="$dus" 'BEGIN {printf "%.1f", (d > 0 ? r / (d / 1e6) : 0)}')
  cpu_us=$(awk -v c=$((c1 - c0)) -v k="$CLK_TCK" -v r="$req" 'BEGIN {if (r > 0) printf "%.1f", c / k * 1e6 / r}')
  p50=$(jget p50_us "$json"); p99=$(jget p99_us "$json")
  V["rps|$t|$s"]+=" $rps"; V["p50|$t|$s"]+=" ${p50:-}"; V["p99|$t|$s"]+=" ${p99:-}"
  V["hwm|$t|$s"]+=" $hwm"; V["cpu|$t|$s"]+=" ${cpu_us:-}"; V["err|$t|$s"]+=" $errs"
  printf '{"target":"%s","scenario":"%s","round":%d,"duration_s":%d,"conns":%d,"rps":%s,"proxy_cpu_ticks":%d,"clk_tck":%d,"proxy_cpu_us_per_req":%s,"proxy_hwm_kb":%d,"proxy_pids":%d,"errors":%d,"wrk_rc":%d,"wrk":%s}\n' \
    "$t" "$s" "$round" "$dur" "$conns" "$rps" $((c1 - c0)) "$CLK_TCK" "${cpu_us:-null}" "$hwm" "${#pids[@]}" "$errs" "$rc" "$json" >>"$RUNS"
  log "  $(printf '%-9s %-11s r%d  %9s req/s  p50 %6.2f ms  p99 %7.2f ms  cpu %6s us/req  peak RSS %6.1f MB  errors %s' \
    "$t" "$s" "$round" "$rps" "$(awk -v x="${p50:-0}" 'BEGIN{print x/1000}')" "$(awk -v x="${p99:-0}" 'BEGIN{print x/1000}')" \
    "${cpu_us:--}" "$(awk -v x="$hwm" 'BEGIN{print x/1024}')" "$errs")"
}

# ------------------------------------------------------------------ warm-up, then interleaved measured runs
if (( WARMUP > 0 )); then
  per=$(( (WARMUP + ${#SCENARIO_LIST[@]} - 1) / ${#SCENARIO_LIST[@]} ))
  for t in "${TARGETS[@]}"; do
    log "warm-up $t: ${per} s x ${#SCENARIO_LIST[@]} scenarios"
    for s in "${SCENARIO_LIST[@]}"; do run_one "$t" "$s" 0 "$per" 1; done
  done
fi
n=${#TARGETS[@]}
for ((round = 1; round <= REPEATS; round++)); do
  log "round $round/$REPEATS (${DURATION} s per run)"
  k=0
  for s in "${SCENARIO_LIST[@]}"; do
    for ((i = 0; i < n; i++)); do   # rotate which target goes first to cancel order bias
      run_one "${TARGETS[$(( (i + k + round - 1) % n ))]}" "$s" "$round" "$DURATION" 0
    done
    k=$((k + 1))
  done
done

# ------------------------------------------------------------------ summary
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{a[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
maxof()  { tr ' ' '\n' | awk 'NF' | sort -g | tail -1; }
sumof()  { tr ' ' '\n' | awk 'NF {s += $1} END {print s + 0}'; }
fmt()    { awk -v x="$1" -v f="$2" 'BEGIN {if (x == "") print "-"; else printf f, x}'; }
ratio()  { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b}'; }

A="${TARGETS[0]}"; B="${TARGETS[$((n - 1))]}"
{
  echo "# Junction benchmark — $(date '+%Y-%m-%d %H:%M:%S %Z')"
  echo
  echo "- junction: $JUNCTION_DESC"
  [[ -z "${JUNCTION_CMD:-}" ]] && echo "- jar sha256: $(sha256sum "$JAR" | cut -c1-16); $(java -version 2>&1 | head -1)"
  echo "- peer: $(nginx -v 2>&1 | sed 's/^nginx version: //'), 1 worker, proxy_pass + upstream keepalive; origin: nginx, 1 worker"
  echo "- load: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), -t$WRK_THREADS, ${DURATION} s per run x $REPEATS round(s) (medians), warm-up ${WARMUP} s per proxy, layout $LAYOUT"
  echo "- machine: $(nproc) CPU ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), kernel $(uname -r)"
  (( HWM_RESET_OK )) || echo "- note: could not reset VmHWM (clear_refs); peak RSS is the process lifetime peak"
  echo
  echo "## Overview ($A / $B)"
  echo
  echo "| scenario | $A req/s | $B req/s | req/s ratio | p99 ratio | CPU/req ratio | peak RSS ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for s in "${SCENARIO_LIST[@]}"; do
    ra=$(median <<<"${V[rps|$A|$s]:-}"); rb=$(median <<<"${V[rps|$B|$s]:-}")
    echo "| $s | $(fmt "$ra" "%.0f") | $(fmt "$rb" "%.0f") | $(ratio "$ra" "$rb") |" \
         "$(ratio "$(median <<<"${V[p99|$A|$s]:-}")" "$(median <<<"${V[p99|$B|$s]:-}")") |" \
         "$(ratio "$(median <<<"${V[cpu|$A|$s]:-}")" "$(median <<<"${V[cpu|$B|$s]:-}")") |" \
         "$(ratio "$(maxof <<<"${V[hwm|$A|$s]:-}")" "$(maxof <<<"${V[hwm|$B|$s]:-}")") |"
  done
  for s in "${SCENARIO_LIST[@]}"; do
    read -r path conns <<<"$(scenario_def "$s")"
    echo
    echo "## $s — GET $path, $conns connections"
    echo
    echo "| metric | $(IFS='|'; echo "${TARGETS[*]}" | sed 's/|/ | /g') | $A/$B |"
    echo "|---|$(printf -- '---:|%.0s' "${TARGETS[@]}")---:|"
    for m in "rps|req/s|%.0f|1" "p50|p50 latency ms|%.2f|1000" "p99|p99 latency ms|%.2f|1000" \
             "hwm|peak RSS MB|%.1f|1024" "cpu|CPU µs/request|%.1f|1" "err|errors (socket + non-2xx)|%d|1"; do
      IFS='|' read -r key label f div <<<"$m"
      row="| $label |"; first=""; last=""
      for t in "${TARGETS[@]}"; do
        case "$key" in hwm) x=$(maxof <<<"${V[$key|$t|$s]:-}");; err) x=$(sumof <<<"${V[$key|$t|$s]:-}");; *) x=$(median <<<"${V[$key|$t|$s]:-}");; esac
        [[ -n "$x" ]] && x=$(awk -v x="$x" -v d="$div" 'BEGIN {print x / d}')
        row+=" $(fmt "$x" "$f") |"
        [[ "$t" == "$A" ]] && first="$x"; [[ "$t" == "$B" ]] && last="$x"
      done
      if [[ "$key" == err ]]; then row+=" |"; else row+=" $(ratio "$first" "$last") |"; fi
      echo "$row"
    done
  done
  echo
  echo "Ratios are $A/$B: above 1 is better for req/s; below 1 is better for latency, RSS and CPU/request."
  echo "Raw runs: runs.jsonl; proxy logs and generated Junction config: logs/."
} >"$OUT/summary.md"
echo
cat "$OUT/summary.md"
echo
log "results: $OUT"
