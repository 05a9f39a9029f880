#!/usr/bin/env bash
# Event ROI, ICP refresh, the ICP-filtered content report and the coverage matrix on a 1M-developer store
# (docs/benchmarks.md). Usage: bench/events-icps.sh STORE.duckdb SEGMENT.jsonl [WORKDIR]
# STORE is copied first (never changed); SEGMENT is the traffic it was imported from, read for attendees' emails.
set -euo pipefail
store=$1
traffic=$2
work=${3:-/tmp/rapport-bench/events-icps}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
[[ -n "${SKIP_BUILD:-}" ]] || dotnet build -c Release "$root/src/Rapport" -nologo -v quiet
rapport() { dotnet "$root/src/Rapport/bin/Release/net10.0/rapport.dll" --db "$work/store.duckdb" "$@"; }
timed() { local label=$1; shift; local start=$(date +%s.%N); "$@" > "$work/$label.out"; echo "$label: $(echo "$(date +%s.%N) - $start" | bc) s"; }

[[ -n "${SKIP_COPY:-}" ]] || cp "$store" "$work/store.duckdb"

# 2,000 attendees: the first distinct emails of the traffic, all checked in (head closes the pipe early: not an error).
{ echo "Name,Email,Checked In"; grep -o '"email":"[^"]*"' "$traffic" | cut -d'"' -f4 | awk '!seen[$0]++' | head -n 2000 | awk '{print "Attendee " NR "," $0 ",yes"}' || true; } > "$work/attendees.csv"
cat > "$work/icps.json" <<'JSON'
{"icps": [
  {"name": "builders", "rule": {"activity": "API Called", "withinDays": 90}},
  {"name": "acme-evaluators", "rule": {"all": [{"trait": "company", "equals": "Acme"}, {"activity": "Signed Up"}]}},
  {"name": "large-companies", "rule": {"organization": "developers", "atLeast": 1000}}
]}
JSON
cat > "$work/coverage.json" <<'JSON'
{"dimensions": {"company": {"acme": [], "umbrella": [], "initech": []}, "channel": {"google": [], "twitter": [], "dev.to": ["devto"]}},
 "keys": {"company": {"traits": ["company"], "properties": []}, "channel": {"traits": [], "properties": ["channel"]}}}
JSON

rapport events add --name "DevConf" --kind conference --format in_person --starts 2025-06-10 --ends 2025-06-12 --cost sponsorship:20000:EUR --effort-hours 60 > /dev/null
timed import-attendees rapport import attendees "$work/attendees.csv" --event 1
timed report-events rapport report events --json
timed icp-set rapport icp set "$work/icps.json"
timed icp-refresh rapport icp refresh
timed report-content rapport report content --json
timed report-content-icp rapport report content --icp builders --json
timed coverage-set rapport coverage set "$work/coverage.json"
timed report-coverage rapport report coverage --json
cat "$work/icp-refresh.out"
