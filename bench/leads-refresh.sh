#!/usr/bin/env bash
# Wall time and peak memory (maximum RSS) of `rapport leads refresh` on a generated workspace: the first refresh
# (every lead new, each announced with drql.created to one subscription) and a second one that changes nothing.
#
#   bench/leads-refresh.sh [DEVELOPERS]    (default 1000000, about 10 million activities)
#
# The Segment file comes from `Rapport.Benchmarks generate` (intensity 0.4; SEGMENT_FILE=… uses one you have) and is
# cached with the imported DuckDB file in $RAPPORT_BENCH_DIR (default /tmp/rapport-bench); each run copies the
# imported file and refreshes the copy. CRITERIA=FILE measures `leads criteria set FILE` (which refreshes) as the
# first refresh instead, for criteria that make many more leads than the default.
set -euo pipefail

developers="${1:-1000000}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${RAPPORT_BENCH_DIR:-${TMPDIR:-/tmp}/rapport-bench}"
mkdir -p "$data"

if ! build="$(dotnet build -c Release "$repo/src/Rapport" -nologo 2>&1)"; then
  echo "$build" >&2
  exit 1
fi
rapport=(dotnet "$repo/src/Rapport/bin/Release/net10.0/rapport.dll")

imported="$data/leads-$developers.duckdb"
if [ ! -f "$imported.complete" ]; then
  file="${SEGMENT_FILE:-$(dotnet run -c Release --project "$repo/bench/Rapport.Benchmarks" -- generate --developers "$developers" --intensity 0.4 | tail -n 1)}"
  rm -f "$imported" "$imported.wal"
  "${rapport[@]}" --db "$imported" import segment "$file" >/dev/null
  touch "$imported.complete"
fi

db="$data/leads-refresh.duckdb"
log="$(mktemp)"
trap 'rm -f "$log" "$db" "$db.wal"' EXIT
cp "$imported" "$db"
"${rapport[@]}" --db "$db" webhooks add http://127.0.0.1:9/bench --events drql.created >/dev/null
measure() {
  local what="$1"
  shift
  /usr/bin/time -v "${rapport[@]}" --db "$db" "$@" >"$log.out" 2>"$log" || { cat "$log.out" "$log" >&2; exit 1; }
  grep -m 1 'leads qualify' "$log.out"
  wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
  rss_kb="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$log")"
  echo "  $what: wall $wall, peak $((rss_kb / 1024)) MiB"
}

echo "workspace: $developers developers ($(du -h "$imported" | cut -f1) DuckDB)"
if [ -n "${CRITERIA:-}" ]; then
  measure "first refresh (criteria set $CRITERIA)" leads criteria set "$CRITERIA"
else
  measure "first refresh" leads refresh
fi
measure "second refresh" leads refresh
rm -f "$log.out"
