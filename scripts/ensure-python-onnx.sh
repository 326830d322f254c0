#!/usr/bin/env bash
# Installs Debian's python3-onnx (and numpy) for the system interpreter if it lacks them, so that
# shape-math's slow cross-check (read-onnx-python.slow.ts: a torchvision-layout ResNet-50 written
# node by node by the onnx package, read back by readOnnx) runs on a fresh machine and in CI
# instead of being skipped. Nobody installs it by hand. Without root or sudo, or when apt fails, it
# says so and goes on: that one suite then skips with the same message.
set -uo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
if /usr/bin/python3 -c 'import onnx, numpy' 2>/dev/null; then exit 0; fi
echo "› installing python3-onnx from Debian's packages (needed by shape-math's ONNX cross-check)" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "ensure-python-onnx: needs root or passwordless sudo for apt-get; read-onnx-python.slow.ts will skip" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-onnx python3-numpy >&2 ||
  { "${sudo_cmd[@]}" apt-get update -qq >&2 &&
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-onnx python3-numpy >&2; }; }; then
  echo "ensure-python-onnx: apt-get could not install python3-onnx; read-onnx-python.slow.ts will skip" >&2
fi
exit 0
