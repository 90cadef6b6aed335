#!/usr/bin/env bash
# The installed package works: build the wheel, install it into a fresh venv outside the checkout, and from a
# directory outside the checkout run `kg extract --format jsonld` on a seed, `kg validate`, and `kg serve`
# answering GET /ontology with 200. Any failing step fails CI.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$python" -m pip wheel -q --no-deps -w "$work/dist" "$repo"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/dist/zhengwu_kg-*.whl
kg="$work/venv/bin/kg"
cd "$work"  # outside the checkout: only the installed package is there to find
seed="$(find "$repo/seeds" -name '*.txt' | sort | head -n 1)"
cp "$seed" "$repo/seeds/manifest.tsv" "$work/"
seed="$work/$(basename "$seed")"

echo "wheel check: kg --version: $("$kg" --version)"
"$kg" extract --format jsonld "$seed" > "$work/seed.jsonld"
"$work/venv/bin/python" -c "import json, sys; assert json.load(open(sys.argv[1]))['@context']" "$work/seed.jsonld"
echo "wheel check: kg extract --format jsonld: $(wc -c < "$work/seed.jsonld") bytes"
"$kg" extract --format nquads "$seed" > "$work/seed.nq"
"$kg" validate "$work/seed.nq"
"$kg" ingest --store "$work/store" "$seed"
"$kg" validate --store "$work/store"
echo "wheel check: kg validate: the file and the store conform"

port="$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$kg" serve --store "$work/store" --host 127.0.0.1 --port "$port" > "$work/serve.log" 2>&1 &
server=$!
status=""
for _ in $(seq 1 120); do
    status="$("$work/venv/bin/python" - "$port" <<'PY' || true
import sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/ontology", timeout=5) as answer:
        print(answer.status)
except urllib.error.HTTPError as error:
    print(error.code)
except OSError:
    print("down")
PY
)"
    [ "$status" = "200" ] && break
    case "$status" in [0-9]*) break ;; esac  # the server answered, but not 200
    if ! kill -0 "$server" 2>/dev/null; then cat "$work/serve.log" >&2; echo "wheel check: kg serve exited" >&2; exit 1; fi
    sleep 0.5
done
if [ "$status" != "200" ]; then cat "$work/serve.log" >&2; echo "wheel check: GET /ontology answered $status" >&2; exit 1; fi
echo "wheel check: kg serve: GET /ontology 200"
# The explorer's pages and their assets come from the installed package (package data), not the checkout.
for path in / /docs /static/js/person.js /static/vendor/swagger-ui-dist/swagger-ui-bundle.js /static/vendor/yasgui/yasgui.min.js; do
    "$work/venv/bin/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=10)" \
        "http://127.0.0.1:$port$path" || { echo "wheel check: GET $path failed" >&2; exit 1; }
done
echo "wheel check: kg serve: the explorer's pages and assets 200"
