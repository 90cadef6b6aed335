#!/usr/bin/env bash
# Regenerates the explorer's screenshots: runs the browser tests (tests/test_explorer_browser.py), which take
# them into a temporary folder, and copies the set here. Needs chromium (apt-get install chromium).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$repo"
KG_SCREENSHOTS="$out" .venv/bin/python -m pytest -q -m browser tests/test_explorer_browser.py
cp "$out"/*.png "$repo/docs/screenshots/"
ls "$repo/docs/screenshots/"
