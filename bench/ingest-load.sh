#!/usr/bin/env bash
# Load test of the Segment HTTP API (issue: single messages >= 10,000 req/s with p99 < 50 ms; batches of 100
# >= 100,000 messages/s). rapport serve and the load generator run on the same machine, on 127.0.0.1.
# Usage: bench/ingest-load.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
port=5077

dotnet build -c Release src/Rapport/Rapport.csproj -v quiet -nologo >/dev/null
dotnet build -c Release bench/Rapport.Benchmarks/Rapport.Benchmarks.csproj -v quiet -nologo >/dev/null
work=$(mktemp -d)
rapport=(dotnet src/Rapport/bin/Release/net10.0/rapport.dll --db "$work/load.duckdb")
load=(dotnet bench/Rapport.Benchmarks/bin/Release/net10.0/Rapport.Benchmarks.dll load --url "http://127.0.0.1:$port")

key=$("${rapport[@]}" keys create --scope ingest --name load | grep '^rpk_')
# Every client here is one address, 127.0.0.1: without lifting the per-address limit on the tracking API (60,000
# requests a minute by default, docs/security.md), the run would measure the rate limiter.
RAPPORT__SECURITY__INGESTPERMITSPERMINUTE=0 "${rapport[@]}" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "== single messages (POST /v1/track)"
"${load[@]}" --key "$key" --batch-size 1 --concurrency "${CONCURRENCY:-128}" --seconds "$seconds"
echo "== batches of 100 (POST /v1/batch)"
"${load[@]}" --key "$key" --batch-size 100 --concurrency 16 --seconds "$seconds"

kill $server; wait $server 2>/dev/null || true
echo "== stored"
"${rapport[@]}" stats --json | grep -E '"(developers|activities)"'
