#!/usr/bin/env bash
# Wall time, throughput and peak memory (maximum RSS) of `rapport import segment` on the benchmarks' traffic file.
# BenchmarkDotNet reports allocations, not peak RSS; this runs the real command under /usr/bin/time -v.
#
#   bench/import-memory.sh [DEVELOPERS]    (default 1000000: about 10M messages)
#
# Data goes to $RAPPORT_BENCH_DIR (default /tmp/rapport-bench), never to the repository.
set -euo pipefail

developers="${1:-1000000}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${RAPPORT_BENCH_DIR:-${TMPDIR:-/tmp}/rapport-bench}"
mkdir -p "$data"

if ! build="$(dotnet build -c Release "$repo/bench/Rapport.Benchmarks" -nologo 2>&1)"; then
  echo "$build" >&2
  exit 1
fi
file="$(dotnet "$repo/bench/Rapport.Benchmarks/bin/Release/net10.0/Rapport.Benchmarks.dll" generate --developers "$developers")"
messages="$(cat "$file.messages")"

db="$data/import-memory.duckdb"
rm -f "$db" "$db.wal"
log="$(mktemp)"
trap 'rm -f "$log" "$db" "$db.wal"' EXIT

/usr/bin/time -v dotnet "$repo/src/Rapport/bin/Release/net10.0/rapport.dll" --db "$db" import segment "$file" >/dev/null 2>"$log" || {
  cat "$log" >&2
  exit 1
}

wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
seconds="$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$wall")"
rss_kb="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$log")"

echo "file:                      $file ($(du -h "$file" | cut -f1))"
echo "messages:                  $messages"
echo "wall time:                 $wall ($seconds s)"
echo "messages/s:                $(awk -v m="$messages" -v s="$seconds" 'BEGIN { printf "%.0f", m / s }')"
echo "Maximum resident set size: $rss_kb kB ($(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }') MiB)"
grep -E '^\s*(User time|System time|Percent of CPU)' "$log" | sed 's/^\s*//'
