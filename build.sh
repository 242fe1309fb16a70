#!/usr/bin/env bash
# EdgeMask developer entry point. Every command first makes sure the machine has what it needs
# (Debian packages, NuGet restore, build), so a fresh Debian 12 machine with the .NET 10 SDK needs
# nothing else.
#
#   ./build.sh run [edgemask args...]   set up, build, run the daemon (default: `edgemask run`)
#   ./build.sh test [dotnet test args]  set up, build, run the whole test suite
#   ./build.sh setup                    only the set-up
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  libgtk-3-0        # OpenCvSharp's linux-x64 native library links against GTK
  opencv-data       # Haar and LBP cascades (/usr/share/opencv4)
  opencv-doc        # sample photos with faces, used by tests and the demo clip
  ffmpeg            # child-process pipe source (RTSP/HTTP cameras) and its tests
  mosquitto         # real MQTT broker for the tests
  mosquitto-clients
  openssl           # test CA for MQTT over TLS
  systemd           # systemd-analyze verify/security for the unit tests
  dpkg-dev          # .deb packaging
  lintian           # the package's lint check in the tests
  qemu-user-static  # runs the arm64 publish under emulation in tests
  strace            # a test records every network call the daemon makes
  libc6-arm64-cross # arm64 sysroot for that emulation
  libstdc++6-arm64-cross
  chromium          # the dashboard's browser tests (headless)
  chromium-driver
)

# npm fetches MQTT.js for the dashboard's fleet view at build time. Debian's npm conflicts with a NodeSource
# nodejs that already brings its own npm, so Debian's pair is only added where no npm exists.
if ! command -v npm >/dev/null 2>&1; then
  APT_PACKAGES+=(nodejs npm)
fi

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

setup_apt() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing apt packages: ${missing[*]}"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

setup_dotnet() {
  echo "==> restoring and building"
  dotnet build EdgeMask.sln -c Release --nologo -v quiet -clp:ErrorsOnly
}

cmd="${1:-run}"
shift || true
case "$cmd" in
  setup)
    setup_apt
    setup_dotnet
    ;;
  run)
    setup_apt
    setup_dotnet
    if [ $# -eq 0 ]; then set -- run; fi
    exec dotnet src/EdgeMask/bin/Release/net10.0/edgemask.dll "$@"
    ;;
  test)
    setup_apt
    setup_dotnet
    log="$(mktemp)"
    status=0
    # The console logger at minimal prints each failure with its message and stack trace (quiet prints only names).
    dotnet test EdgeMask.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
    # One closing line with the totals over every test project.
    awk '/(Passed|Failed)!  - Failed:/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:")  { f += $(i+1) + 0 }
        if ($i == "Passed:")  { p += $(i+1) + 0 }
        if ($i == "Skipped:") { s += $(i+1) + 0 }
      }
    }
    END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
    rm -f "$log"
    exit "$status"
    ;;
  *)
    echo "usage: $0 {run|test|setup} [args...]" >&2
    exit 64
    ;;
esac
