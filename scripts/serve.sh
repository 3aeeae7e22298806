#!/usr/bin/env bash
# Set up, build the site and serve it on http://127.0.0.1:8000 (the main job).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/toolbox serve "$@"
