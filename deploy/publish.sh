#!/usr/bin/env bash
# Publishes the edgemask daemon self-contained for one Linux runtime.
#   deploy/publish.sh linux-x64|linux-arm64 [output-dir] [--ready-to-run]
# Output defaults to artifacts/publish/<rid>. No .NET runtime is needed on the device.
set -euo pipefail

usage() { echo "usage: $0 linux-x64|linux-arm64 [output-dir] [--ready-to-run]" >&2; exit 64; }

rid=""; out=""; ready_to_run=false
for arg in "$@"; do
  case "$arg" in
    --ready-to-run) ready_to_run=true ;;
    -h|--help) usage ;;
    -*) echo "publish.sh: unknown option '$arg'" >&2; usage ;;
    *) if [ -z "$rid" ]; then rid=$arg; elif [ -z "$out" ]; then out=$arg; else usage; fi ;;
  esac
done
case "$rid" in
  linux-x64|linux-arm64) ;;
  "") usage ;;
  *) echo "publish.sh: unsupported runtime '$rid' (expected linux-x64 or linux-arm64)" >&2; exit 64 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
out=${out:-$root/artifacts/publish/$rid}
rm -rf "$out"

# Trimming is off: OpenCvSharp, ONNX Runtime and the configuration binder use reflection.
# ReadyToRun is opt-in: it shortens start-up on a Pi by a few seconds and needs the crossgen package for the host.
dotnet publish "$root/src/EdgeMask/EdgeMask.csproj" \
  --configuration Release \
  --runtime "$rid" \
  --self-contained true \
  --output "$out" \
  -p:PublishTrimmed=false \
  -p:PublishReadyToRun=$ready_to_run \
  -p:DebugType=none \
  -p:GenerateDocumentationFile=false \
  -nologo

if [ ! -x "$out/edgemask" ]; then
  echo "publish.sh: $out/edgemask was not produced" >&2
  exit 1
fi
echo "$out"
