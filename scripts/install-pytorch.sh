#!/usr/bin/env bash
# Installs Debian's PyTorch (python3-torch, 1.13 on bookworm) so that the vs-PyTorch bench can run
# its anchor side. On request only: never run by CI (the package is ~1 GB installed).
#   bash scripts/install-pytorch.sh
set -euo pipefail
# Debian's package is importable by the system interpreter, /usr/bin/python3 (a pyenv or venv
# python3 first on PATH does not see it; the bench tries both).
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') is already installed"
  exit 0
fi
if [ -n "${CI:-}" ]; then
  echo "install-pytorch: refusing to run under CI (it installs ~1 GB through apt)" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then as_root=(sudo); else
    echo "install-pytorch: needs root or sudo to run apt-get install python3-torch" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get install -y --no-install-recommends python3-torch
/usr/bin/python3 -c 'import torch; print("PyTorch", torch.__version__, "installed")'
