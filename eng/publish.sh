#!/usr/bin/env bash
# Self-contained single-file executables of Rapport (no .NET needed where they run), one folder per platform:
# artifacts/publish/<rid>/rapport (rapport.exe on Windows). With arguments, only those platforms.
set -euo pipefail
cd "$(dirname "$0")/.."
rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64 osx-arm64 win-x64)
fi
for rid in "${rids[@]}"; do
  echo "== $rid"
  # DuckDB's native library is bundled into the file and extracted next to it on first run. ReadyToRun compiles
  # the code ahead of time, so a command starts without waiting for the JIT: `rapport stats` in 0.33-0.43 s instead
  # of 0.48-0.60 s, an import of one million messages in 5.5-5.9 s instead of 6.3-6.4 s (docs/benchmarks.md). It
  # costs about 3 minutes a platform, and 57 MB more for linux-x64 (242 MB instead of 184 MB).
  dotnet publish src/Rapport -c Release -r "$rid" --self-contained \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded \
    -p:PublishReadyToRun=true \
    -o "artifacts/publish/$rid"
done
ls -l artifacts/publish/*/rapport*
