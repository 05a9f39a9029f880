#!/usr/bin/env bash
# Classifies 10 million page views into bot, paid and engaged (Rapport.Core's TrafficClassifier), 5 runs; prints
# views per second. Usage: bench/classify.sh [VIEWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Rapport.Benchmarks -v quiet -nologo >/dev/null
dotnet bench/Rapport.Benchmarks/bin/Release/net10.0/Rapport.Benchmarks.dll classify --views "${1:-10000000}" --runs "${2:-5}"
