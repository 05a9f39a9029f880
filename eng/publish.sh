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
  # DuckDB's native library is bundled into the file and extracted next to it on first run.
  dotnet publish src/Rapport -c Release -r "$rid" --self-contained \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded \
    -o "artifacts/publish/$rid"
done
ls -l artifacts/publish/*/rapport*
