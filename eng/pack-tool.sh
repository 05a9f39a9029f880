#!/usr/bin/env bash
# Builds the `dotnet tool` package of Rapport: artifacts/tool/Rapport.<version>.nupkg.
# Install it with: dotnet tool install --global Rapport --add-source artifacts/tool
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet pack src/Rapport -c Release -o artifacts/tool "$@"
ls -1 artifacts/tool/*.nupkg
