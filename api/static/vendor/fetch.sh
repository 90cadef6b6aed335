#!/usr/bin/env bash
# Re-vendors the explorer's third-party browser assets from the npm registry at the pinned versions below.
# The server never loads anything from a CDN: these minified dist files and their licences are package data
# (api/static/vendor/NAME/), served under /static/vendor/. Run from anywhere; needs npm and tar.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# name@version  files to keep (paths inside the npm tarball's package/ folder)
PINS=(
  "swagger-ui-dist@5.35.0 swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE"
  "redoc@2.5.4 bundles/redoc.standalone.js bundles/redoc.standalone.js.LICENSE.txt LICENSE"
  "@zazuko/yasgui@4.6.2 build/yasgui.min.js build/yasgui.min.css"
  "cytoscape@3.34.4 dist/cytoscape.min.js LICENSE"
)

for pin in "${PINS[@]}"; do
  read -r spec files <<<"$pin"
  name="${spec%@*}"; dir="$here/${name#@*/}"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  tarball="$(ls "$work"/*.tgz)"
  rm -rf "$work/package" && tar xzf "$tarball" -C "$work" && rm "$tarball"
  rm -rf "$dir" && mkdir -p "$dir"
  for f in $files; do cp "$work/package/$f" "$dir/"; done
  echo "$spec" > "$dir/VERSION"
  echo "vendored $spec into ${dir#"$here"/}"
done
# Redoc's side menu shows a logo from its CDN: point it at our own icon, so the docs make no outside request.
sed -i 's|https://cdn.redoc.ly/redoc/logo-mini.svg|/static/favicon.svg|g' "$here/redoc/redoc.standalone.js"
# @zazuko/yasgui ships no licence file; its package.json says MIT (Copyright Triply B.V. and Zazuko GmbH).
cp "$here/yasgui-LICENSE" "$here/yasgui/LICENSE"
