#!/usr/bin/env bash
# Stand-in for Junction, only for testing bench/run.sh without the jar:
#   JUNCTION_CMD="$PWD/bench/lib/nginx-standin.sh" bench/run.sh --quick
# Runs under run.sh with PROXY_PORT, BACKEND_URL, BENCH_HOST, BENCH_RUNDIR set; execs an nginx
# reverse proxy (same config as the nginx peer) so the whole flow can run end to end.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
D="$BENCH_RUNDIR/standin"
mkdir -p "$D/tmp"
sed -e "s|@RUNDIR@|$D|g" -e "s|@PORT@|$PROXY_PORT|g" -e "s|@BACKEND@|${BACKEND_URL#http://}|g" \
    -e "s|@HOST@|$BENCH_HOST|g" -e "s|@WORKERS@|1|g" "$HERE/nginx-proxy.conf" >"$D/nginx.conf"
exec nginx -e "$D/error.log" -p "$D" -c "$D/nginx.conf"
