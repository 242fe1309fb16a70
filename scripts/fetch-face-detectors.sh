#!/usr/bin/env bash
# Obtains the pinned @vladmandic/face-api npm package (MIT licence), checks the SHA-256 of the tarball, and converts
# its face detector weights into models/ (git-ignored):
#   face_detector_tiny.onnx            tiny detector (fp32)
#   face_detector_ssd.onnx             SSD MobileNetV1 at 512, fp32 (face-api's own network, the reference)
#   face_detector_ssd.int8.onnx        the same, static int8 (the default for Detection:Detector ssd)
#   face_detector_ssd_384.int8.onnx    SSD at a 384 input, int8 (faster, finds fewer small faces)
# The int8 models are calibrated on the photos of Debian's opencv-doc (/usr/share/doc/opencv-doc/examples/data).
# The converter checks the SHA-256 of each model file it reads as well.
#
#   scripts/fetch-face-detectors.sh [output dir]     default: models/
#
# Needs npm (Debian: nodejs npm), opencv-doc and the .NET SDK. The tarball is cached in .cache/face-api/.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@vladmandic/face-api"
VERSION="1.7.15"
TARBALL="vladmandic-face-api-${VERSION}.tgz"
TARBALL_SHA256="0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"
CACHE_DIR=".cache/face-api"
OUTPUT_DIR="${1:-models}"

fail() { echo "fetch-face-detectors: $*" >&2; exit 1; }

command -v npm >/dev/null || fail "npm not found; install it (Debian: apt-get install nodejs npm)."
command -v dotnet >/dev/null || fail "dotnet not found; install the .NET 10 SDK."
CALIBRATION_DIR="/usr/share/doc/opencv-doc/examples/data"
[ -d "$CALIBRATION_DIR" ] || fail "$CALIBRATION_DIR not found; the int8 detectors are calibrated on its photos (Debian: apt-get install opencv-doc)."

mkdir -p "$CACHE_DIR"
if [ ! -f "$CACHE_DIR/$TARBALL" ]; then
  echo "==> npm pack ${PACKAGE}@${VERSION}"
  (cd "$CACHE_DIR" && npm pack --silent "${PACKAGE}@${VERSION}" >/dev/null)
fi

actual="$(sha256sum "$CACHE_DIR/$TARBALL" | cut -d' ' -f1)"
if [ "$actual" != "$TARBALL_SHA256" ]; then
  fail "checksum mismatch for $CACHE_DIR/$TARBALL: SHA-256 is $actual, pinned value is $TARBALL_SHA256. Delete the file to fetch it again; if it still differs, the registry serves a different ${PACKAGE}@${VERSION} and it must not be used."
fi

unpacked="$CACHE_DIR/package-${VERSION}"
rm -rf "$unpacked"
mkdir -p "$unpacked"
tar -xzf "$CACHE_DIR/$TARBALL" -C "$unpacked" --strip-components=1 \
  package/model/tiny_face_detector_model-weights_manifest.json package/model/tiny_face_detector_model.bin \
  package/model/ssd_mobilenetv1_model-weights_manifest.json package/model/ssd_mobilenetv1_model.bin package/LICENSE

echo "==> converting to ONNX in $OUTPUT_DIR"
dotnet run --project src/EdgeMask.FaceApiConverter -c Release -v quiet -- "$unpacked/model" "$OUTPUT_DIR" \
  --ssd-sizes 512,384 --calibration-images "$CALIBRATION_DIR"
