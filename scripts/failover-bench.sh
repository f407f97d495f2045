#!/usr/bin/env bash
# Failover time of the worker lease, measured over N kills (default 10): two dashboard replicas on one PostgreSQL
# database; each round kills the lease holder with SIGKILL and times until the other replica's /healthz/ready says it
# holds the lease, then starts a new replica in place of the killed one.
# Usage: dotnet build src/Dashboard.Web && scripts/failover-bench.sh "Host=…;Database=<empty database>;Username=…" [N]
set -euo pipefail
cd "$(dirname "$0")/.."
connection=$1; rounds=${2:-10}
dll=src/Dashboard.Web/bin/Debug/net10.0/Dashboard.Web.dll
logs=$(mktemp -d); declare -A pids

start_replica() { # port
  dotnet "$dll" --urls "http://127.0.0.1:$1" --Dashboard:Database:Provider=Postgres "--Dashboard:Database:ConnectionString=$connection" \
    --Collectors:BackfillDays=1 --Drift:BackfillDays=1 > "$logs/$1.log" 2>&1 &
  pids[$1]=$!; disown "$!"
  until curl -fs "http://127.0.0.1:$1/healthz/live" >/dev/null 2>&1; do sleep 0.2; done
}
holds() { curl -s "http://127.0.0.1:$1/healthz/ready" | grep -q '"description":"This replica'; }
trap 'kill -9 "${pids[@]}" 2>/dev/null; rm -rf "$logs"' EXIT

start_replica 5391; start_replica 5392
until holds 5391 || holds 5392; do sleep 0.2; done
times=()
for round in $(seq 1 "$rounds"); do
  if holds 5391; then holder=5391; other=5392; else holder=5392; other=5391; fi
  begin=$(date +%s.%N); kill -9 "${pids[$holder]}"
  until holds "$other"; do sleep 0.1; done
  took=$(echo "$(date +%s.%N) - $begin" | bc); times+=("$took")
  printf 'round %2d: replica on %s killed, %s took over after %.2f s\n' "$round" "$holder" "$other" "$took"
  start_replica "$holder"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1; s += $1 } END { printf "failover over %d kills: median %.2f s, max %.2f s, mean %.2f s\n", NR, t[int((NR + 1) / 2)], t[NR], s / NR }'
