#!/usr/bin/env bash
# Builds OpenCvSharp's native library (libOpenCvSharpExtern.so) on an arm64 device and installs it beside the
# edgemask daemon. NuGet serves no linux-arm64 runtime package for OpenCvSharp, so the daemon cannot ship one.
#
#   sudo /usr/lib/edgemask/deploy/build-opencvsharp-arm64.sh               # OpenCV built from source (about 1 h on a Pi 4)
#   sudo /usr/lib/edgemask/deploy/build-opencvsharp-arm64.sh --system-opencv  # against Debian's libopencv-dev (minutes;
#                                                                             # only when its OpenCV is close to the wrapper's)
# Environment: OPENCVSHARP_VERSION (default: the version the daemon was built with), EDGEMASK_LIB_DIR (/usr/lib/edgemask),
# JOBS (parallel compile jobs; default: one per 2 GiB of RAM, since OpenCV's C++ needs memory more than cores).
# Needs internet access (apt and the OpenCV/OpenCvSharp source archives) and about 4 GiB of free disk.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
system_opencv=false
for arg in "$@"; do
  case "$arg" in
    --system-opencv) system_opencv=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build-opencvsharp-arm64.sh: unknown option '$arg'" >&2; exit 64 ;;
  esac
done

default_version=$(cat "$here/opencvsharp-version" 2>/dev/null || echo 4.13.0.20260627)
version=${OPENCVSHARP_VERSION:-$default_version}
# OpenCvSharp 4.13.0.20260627 wraps OpenCV 4.13.0: the first three parts name the OpenCV release.
opencv_version=$(echo "$version" | cut -d. -f1-3)
dest=${EDGEMASK_LIB_DIR:-/usr/lib/edgemask}
memory_gib=$(awk '/MemTotal/ { print int($2 / 1048576) }' /proc/meminfo)
jobs=${JOBS:-$(( memory_gib / 2 > 0 ? memory_gib / 2 : 1 ))}

if [ "$(id -u)" != 0 ]; then
  echo "build-opencvsharp-arm64.sh: run as root (sudo): it installs build packages and writes to $dest" >&2
  exit 77
fi
if [ ! -d "$dest" ]; then
  echo "build-opencvsharp-arm64.sh: $dest does not exist; install the edgemask package first or set EDGEMASK_LIB_DIR" >&2
  exit 66
fi

echo "Building libOpenCvSharpExtern $version (OpenCV $opencv_version) with $jobs job(s) into $dest"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends build-essential cmake ca-certificates curl pkg-config \
  libjpeg-dev libpng-dev libtiff-dev libwebp-dev libv4l-dev libavcodec-dev libavformat-dev libswscale-dev
if $system_opencv; then
  apt-get install -y --no-install-recommends libopencv-dev
fi

work=$(mktemp -d /var/tmp/opencvsharp-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

fetch() { curl --fail --location --retry 3 --silent --show-error "$1" | tar -xz; }
fetch "https://github.com/shimat/opencvsharp/archive/refs/tags/$version.tar.gz"
sharp_src="$work/opencvsharp-$version/src"

opencv_dir_args=()
if ! $system_opencv; then
  fetch "https://github.com/opencv/opencv/archive/refs/tags/$opencv_version.tar.gz"
  fetch "https://github.com/opencv/opencv_contrib/archive/refs/tags/$opencv_version.tar.gz"
  # A static OpenCV with the modules OpenCvSharpExtern wraps; GUI, Python, Java and tests are left out.
  cmake -S "opencv-$opencv_version" -B opencv-build \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$work/opencv-install" \
    -DOPENCV_EXTRA_MODULES_PATH="$work/opencv_contrib-$opencv_version/modules" \
    -DBUILD_SHARED_LIBS=OFF -DENABLE_CXX11=ON \
    -DBUILD_EXAMPLES=OFF -DBUILD_DOCS=OFF -DBUILD_PERF_TESTS=OFF -DBUILD_TESTS=OFF -DBUILD_JAVA=OFF \
    -DBUILD_opencv_apps=OFF -DBUILD_opencv_python3=OFF -DBUILD_opencv_python_bindings_generator=OFF \
    -DBUILD_LIST=core,imgproc,imgcodecs,videoio,highgui,video,objdetect,features2d,calib3d,dnn,ml,photo,stitching,flann,shape,superres,videostab,xfeatures2d,ximgproc,xphoto,aruco,bgsegm,face,img_hash,optflow,quality,tracking,text,wechat_qrcode \
    -DWITH_GTK=OFF -DWITH_QT=OFF -DWITH_OPENGL=OFF -DWITH_V4L=ON -DWITH_FFMPEG=ON \
    -DOPENCV_ENABLE_NONFREE=OFF -DWITH_IPP=OFF -DWITH_ITT=OFF
  cmake --build opencv-build --parallel "$jobs"
  cmake --install opencv-build
  opencv_dir_args=(-DCMAKE_PREFIX_PATH="$work/opencv-install")
fi

cmake -S "$sharp_src" -B sharp-build -DCMAKE_BUILD_TYPE=Release "${opencv_dir_args[@]}"
cmake --build sharp-build --target OpenCvSharpExtern --parallel "$jobs"

library=$(find sharp-build -name libOpenCvSharpExtern.so -type f | head -n 1)
if [ -z "$library" ]; then
  echo "build-opencvsharp-arm64.sh: the build produced no libOpenCvSharpExtern.so" >&2
  exit 1
fi
install -m 0644 "$library" "$dest/libOpenCvSharpExtern.so"
echo "$version" > "$dest/libOpenCvSharpExtern.version"
missing=$(ldd "$dest/libOpenCvSharpExtern.so" | grep 'not found' || true)
if [ -n "$missing" ]; then
  echo "build-opencvsharp-arm64.sh: installed, but these libraries are missing:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "Installed $dest/libOpenCvSharpExtern.so ($version)."

if [ -d /run/systemd/system ] && systemctl is-enabled --quiet edgemask.service 2>/dev/null; then
  systemctl restart edgemask.service
  echo "Restarted edgemask.service; follow it with: journalctl -u edgemask -f"
fi
