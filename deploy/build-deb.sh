#!/usr/bin/env bash
# Builds the edgemask .deb for one Debian architecture.
#   deploy/build-deb.sh amd64|arm64 [--publish-dir DIR] [--output DIR] [--version X.Y.Z] [--compression xz|zstd|gzip|none]
# Without --publish-dir it runs deploy/publish.sh first. The package lands in artifacts/deb/ unless --output says otherwise.
set -euo pipefail

usage() { echo "usage: $0 amd64|arm64 [--publish-dir DIR] [--output DIR] [--version X.Y.Z] [--compression xz|zstd|gzip|none]" >&2; exit 64; }

root=$(cd "$(dirname "$0")/.." && pwd)
arch=""; publish_dir=""; output="$root/artifacts/deb"; version=""; compression=xz
while [ $# -gt 0 ]; do
  case "$1" in
    --publish-dir) publish_dir=${2:?--publish-dir needs a folder}; shift 2 ;;
    --output) output=${2:?--output needs a folder}; shift 2 ;;
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --compression) compression=${2:?--compression needs xz, zstd, gzip or none}; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "build-deb.sh: unknown option '$1'" >&2; usage ;;
    *) [ -z "$arch" ] || usage; arch=$1; shift ;;
  esac
done

case "$arch" in
  amd64|x64) arch=amd64; rid=linux-x64
    # The official OpenCvSharp runtime for linux-x64 links GTK 3 (highgui) and its font stack.
    native_depends="libgtk-3-0, libfreetype6, libharfbuzz0b" ;;
  arm64) rid=linux-arm64
    # libOpenCvSharpExtern is built on the device against Debian's OpenCV (build-opencvsharp-arm64.sh),
    # which brings its own runtime libraries along.
    native_depends="" ;;
  "") usage ;;
  *) echo "build-deb.sh: unsupported architecture '$arch' (expected amd64 or arm64)" >&2; exit 64 ;;
esac
case "$compression" in xz|zstd|gzip|none) ;; *) echo "build-deb.sh: unknown compression '$compression'" >&2; exit 64 ;; esac

if [ -z "$version" ]; then
  version=$(dotnet msbuild "$root/src/EdgeMask/EdgeMask.csproj" -getProperty:Version -nologo)
fi
if ! printf '%s' "$version" | grep -Eq '^[0-9][A-Za-z0-9.+~-]*$'; then
  echo "build-deb.sh: '$version' is not a Debian version" >&2
  exit 64
fi

if [ -z "$publish_dir" ]; then
  publish_dir=$("$root/deploy/publish.sh" "$rid" | tail -n 1)
fi
if [ ! -x "$publish_dir/edgemask" ]; then
  echo "build-deb.sh: $publish_dir/edgemask not found; run deploy/publish.sh $rid first or pass --publish-dir" >&2
  exit 66
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The daemon and everything it ships with (models/, the managed and native libraries).
install -d "$stage/usr/lib/edgemask"
cp -a "$publish_dir/." "$stage/usr/lib/edgemask/"
install -d "$stage/usr/lib/edgemask/deploy"
install -m 0755 "$root/deploy/build-opencvsharp-arm64.sh" "$stage/usr/lib/edgemask/deploy/"
# The native library built on a device must match the managed OpenCvSharp4 the daemon was compiled against.
opencvsharp_version=$(sed -n 's/.*PackageVersion Include="OpenCvSharp4" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")
echo "$opencvsharp_version" > "$stage/usr/lib/edgemask/deploy/opencvsharp-version"
install -d "$stage/usr/bin"
ln -s ../lib/edgemask/edgemask "$stage/usr/bin/edgemask"

install -D -m 0644 "$root/deploy/etc/appsettings.json" "$stage/etc/edgemask/appsettings.json"
install -D -m 0644 "$root/systemd/edgemask.service" "$stage/lib/systemd/system/edgemask.service"
install -D -m 0644 "$root/deploy/udev/60-edgemask-gpio.rules" "$stage/lib/udev/rules.d/60-edgemask-gpio.rules"
install -D -m 0644 "$root/deploy/README.md" "$stage/usr/share/doc/edgemask/README.md"
install -D -m 0644 "$root/deploy/debian/copyright" "$stage/usr/share/doc/edgemask/copyright"
install -D -m 0644 "$root/deploy/debian/edgemask.1" "$stage/usr/share/man/man1/edgemask.1"
gzip -9n "$stage/usr/share/man/man1/edgemask.1"
# A changelog entry for this build (a native package: its version has no Debian revision), dated by the last
# commit so a rebuild is byte-identical.
changelog_date=$(git -C "$root" log -1 --format=%ad --date=rfc2822 2>/dev/null || date -R)
cat > "$stage/usr/share/doc/edgemask/changelog" <<CHANGELOG
edgemask ($version) unstable; urgency=medium

  * Built from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "a source tree without git").
    The project's history is its git log.

 -- EdgeMask maintainers <edgemask@users.noreply.github.com>  $changelog_date
CHANGELOG
gzip -9n "$stage/usr/share/doc/edgemask/changelog"
install -D -m 0644 "$root/deploy/debian/lintian-overrides" "$stage/usr/share/lintian/overrides/edgemask"

# Not for the device: debugging symbols, and the fp32 classifiers the default configuration does not load
# (Classification:ModelPath and GreyModelPath are int8 models; the fp32 ones are for training and evaluation from the
# source tree).
find "$stage/usr/lib/edgemask" -name '*.pdb' -delete
# .NET's LTTng trace provider needs liblttng-ust.so.0, which Debian 12 does not have; the runtime skips it when absent.
rm -f "$stage/usr/lib/edgemask/libcoreclrtraceptprovider.so"
# The official OpenCvSharp runtime ships its library with symbols; strip them as dh_strip would (about 1/4 of it).
for library in "$stage"/usr/lib/edgemask/libOpenCvSharpExtern.so; do
  [ ! -f "$library" ] || strip --strip-unneeded --remove-section=.comment --remove-section=.note "$library"
done
rm -f "$stage"/usr/lib/edgemask/models/*.fp32.onnx

# Normalise modes: whatever umask or checkout produced them, files are 0644 and folders 0755;
# only real programs are executable.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/usr/lib/edgemask/edgemask" "$stage/usr/lib/edgemask/deploy/build-opencvsharp-arm64.sh"
[ ! -f "$stage/usr/lib/edgemask/createdump" ] || chmod 0755 "$stage/usr/lib/edgemask/createdump"

install -d -m 0755 "$stage/DEBIAN"
for script in postinst prerm postrm; do
  install -m 0755 "$root/deploy/debian/$script" "$stage/DEBIAN/$script"
done
echo /etc/edgemask/appsettings.json > "$stage/DEBIAN/conffiles"
# Checksums of every installed file except conffiles (dpkg tracks those itself), for dpkg --verify and debsums.
(cd "$stage" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"

installed_size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)

# What the native libraries link against, with version floors, from dpkg-shlibdeps where this machine can resolve
# them (its own architecture). Libraries the runtime opens at run time (OpenSSL for TLS) are not linked, so they
# are listed by hand, with the data and tools the package uses.
runtime_depends="libssl3 | libssl3t64 | libssl1.1, ca-certificates, opencv-data, passwd, init-system-helpers (>= 1.56)"
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
  shlibs_dir=$(mktemp -d)
  mkdir -p "$shlibs_dir/debian"
  printf 'Source: edgemask\n\nPackage: edgemask\nArchitecture: any\n' > "$shlibs_dir/debian/control"
  mapfile -t binaries < <(find "$stage/usr/lib/edgemask" -maxdepth 1 -type f \( -name '*.so' -o -name edgemask -o -name createdump \))
  linked=$(cd "$shlibs_dir" && dpkg-shlibdeps -O -l"$stage/usr/lib/edgemask" --ignore-missing-info "${binaries[@]/#/-e}" 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p')
  rm -rf "$shlibs_dir"
  [ -n "$linked" ] || { echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
  depends="$linked, $runtime_depends"
else
  # Cross-built: the target's libraries are not installed here, so the list is written by hand.
  depends="libc6, libgcc-s1, libstdc++6, $runtime_depends"
  [ -z "$native_depends" ] || depends="$depends, $native_depends"
fi
cat > "$stage/DEBIAN/control" <<CONTROL
Package: edgemask
Version: $version
Architecture: $arch
Maintainer: EdgeMask maintainers <edgemask@users.noreply.github.com>
Installed-Size: $installed_size
Depends: $depends
Recommends: libgpiod2 | libgpiod3
Section: video
Priority: optional
Homepage: https://github.com/edgemask/edgemask
Description: entrance sentinel: face mask detection and distancing at a door
 EdgeMask watches a door camera, finds faces, classifies mask / no mask with an
 ONNX model, estimates the distance between people, drives GPIO LEDs and a
 buzzer, and publishes events over MQTT (Home Assistant discovery).
 .
 Runs as the systemd service edgemask.service; configure it in
 /etc/edgemask/appsettings.json.
CONTROL
chmod 0644 "$stage/DEBIAN/control"

mkdir -p "$output"
deb="$output/edgemask_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"$compression" --build "$stage" "$deb" >&2
echo "$deb"
