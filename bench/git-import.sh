#!/usr/bin/env bash
# Wall time, throughput and peak memory (maximum RSS) of `rapport import git` on a generated repository.
#
#   bench/git-import.sh [COMMITS]    (default 60000)
#
# The repository is built once with `git fast-import` (a bare repository: 3,000 developers, some committing under a
# second address or name that the .mailmap at HEAD maps back, 10 % of commits with co-authors, dependabot merged
# through GitHub's web-flow) and cached in $RAPPORT_BENCH_DIR (default /tmp/rapport-bench). Each run imports it into
# a fresh DuckDB file.
set -euo pipefail

commits="${1:-60000}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${RAPPORT_BENCH_DIR:-${TMPDIR:-/tmp}/rapport-bench}"
history="$data/git-$commits.git"
mkdir -p "$data"

if [ ! -f "$history/rapport-bench-complete" ]; then
  rm -rf "$history"
  git init --quiet --bare --initial-branch=main "$history"
  python3 - "$commits" <<'EOF' | git -C "$history" fast-import --quiet
import random, sys

commits = int(sys.argv[1])
rng = random.Random(20240425)
out = sys.stdout.buffer
people = [(f"Developer {i}", f"dev{i}@example.com") for i in range(3000)]

def data(text):
    raw = text.encode()
    out.write(b"data %d\n" % len(raw) + raw + b"\n")

mailmap = ["# Generated: developers who also committed from a laptop or under a nickname"]
for i in range(0, 3000, 10):
    mailmap.append(f"Developer {i} <dev{i}@example.com> <dev{i}@laptop.local>")
for i in range(5, 3000, 50):
    mailmap.append(f"Developer {i} <dev{i}@example.com> dev{i} <build@ci.local>")

start = 1_420_070_400  # 2015-01-01
for n in range(commits):
    # A few developers make most commits, as in real projects.
    i = min(int(rng.paretovariate(1.2)) - 1, 2999) if rng.random() < 0.7 else rng.randrange(3000)
    name, email = people[i]
    roll = rng.random()
    if i % 10 == 0 and roll < 0.3:
        email = f"dev{i}@laptop.local"
    elif i % 50 == 5 and roll < 0.3:
        name, email = f"dev{i}", "build@ci.local"
    when = start + n * 5000
    committer = f"{name} <{email}>"
    subject = f"Change {n}: improve module {n % 500}"
    body = ""
    if rng.random() < 0.02:
        name, email = "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"
        committer = "GitHub <noreply@github.com>"
        subject = f"Bump library-{n % 40} from 1.{n % 9}.0 to 1.{n % 9 + 1}.0"
    elif rng.random() < 0.05:
        j = rng.randrange(3000)
        committer = f"{people[j][0]} <{people[j][1]}>"
    if rng.random() < 0.1:
        helpers = rng.sample(people, rng.randint(1, 2))
        body = "\n\n" + "\n".join(f"Co-authored-by: {h[0]} <{h[1]}>" for h in helpers)
    out.write(b"commit refs/heads/main\n")
    out.write(f"author {name} <{email}> {when} +0000\ncommitter {committer} {when} +0000\n".encode())
    data(subject + body)
    if n == 0:
        out.write(b"M 100644 inline .mailmap\n")
        data("\n".join(mailmap) + "\n")
    out.write(f"M 100644 inline src/module-{n % 500}.txt\n".encode())
    data(f"change {n}\n")
EOF
  touch "$history/rapport-bench-complete"
fi

if ! build="$(dotnet build -c Release "$repo/src/Rapport" -nologo 2>&1)"; then
  echo "$build" >&2
  exit 1
fi

db="$data/git-import.duckdb"
rm -f "$db" "$db.wal"
log="$(mktemp)"
trap 'rm -f "$log" "$db" "$db.wal"' EXIT

/usr/bin/time -v dotnet "$repo/src/Rapport/bin/Release/net10.0/rapport.dll" --db "$db" import git "$history" >"$log.out" 2>"$log" || {
  cat "$log.out" "$log" >&2
  exit 1
}
cat "$log.out"
rm -f "$log.out"

wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
seconds="$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$wall")"
rss_kb="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$log")"

echo "repository:                $history ($commits commits, $(du -sh "$history" | cut -f1))"
echo "wall time:                 $wall ($seconds s)"
echo "commits/s:                 $(awk -v c="$commits" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')"
echo "Maximum resident set size: $rss_kb kB ($(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }') MiB)"
grep -E '^\s*(User time|System time|Percent of CPU)' "$log" | sed 's/^\s*//'
