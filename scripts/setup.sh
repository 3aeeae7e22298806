#!/usr/bin/env bash
# Install everything the toolbox needs on a fresh Debian machine with Python 3.11:
# Debian packages (only those missing), a virtual environment in .venv, the pinned Python packages.
# Usage: scripts/setup.sh [--test]   (--test also installs what the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

apt_packages=()
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
# npm vendors the form pages' PDF library (pdf-lib, fontkit) from package-lock.json; the build copies it into the site
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)
# WeasyPrint (PDF output) needs Pango
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || apt_packages+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ $want_tests = 1 ]; then
  # the browser suite: Debian's Chromium (no browser download by a test tool), nginx
  [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_packages+=(nginx-light)
  command -v pdftoppm >/dev/null 2>&1 || apt_packages+=(poppler-utils)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    # a CI runner (GitHub, GitLab) is not root but may use sudo without a password
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "setup: mangler Debian-pakkerne ${apt_packages[*]}; kør som root eller installér dem selv" >&2
      exit 1
    fi
  fi
  echo "setup: installerer Debian-pakker: ${apt_packages[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras=""
[ $want_tests = 1 ] && extras="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
# pdf-lib and fontkit (the form pages' "Gem som PDF"; the build copies them into the site) and axe-core (the
# accessibility tests), pinned in package-lock.json, vendored into node_modules (never fetched at build or run time)
if [ ! -f node_modules/@cantoo/pdf-lib/dist/pdf-lib.min.js ] || [ ! -f node_modules/axe-core/axe.min.js ] \
   || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: klar (.venv)"
