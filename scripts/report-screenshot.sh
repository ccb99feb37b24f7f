#!/usr/bin/env bash
# Renders the after-action report of a bundled-scenario run in English and
# Chinese, opens each in headless Chromium and saves docs/report.png and
# docs/report-zh.png. Installs Chromium and a CJK font if missing.
#
#   scripts/report-screenshot.sh [SCENARIO.ron] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."

scenario="${1:-scenarios/wrong-target.ron}"
seed="${2:-11}"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Without a CJK font the Chinese report renders as boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update
    apt-get install -y --no-install-recommends "${need[@]}"
fi

cargo build --quiet --bin hotline --example report_demo
target="${CARGO_TARGET_DIR:-target}/debug"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$target/examples/report_demo" "$work/demo.journal" "$scenario" "$seed"

shoot() { # LANG OUT.png
    local html="$work/report-$1.html"
    "$target/hotline" report "$work/demo.journal" -o "$html" --lang "$1" --to-end
    chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars \
        --screenshot="$2" --window-size=1200,2400 "file://$html" \
        >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
    echo "saved $2"
}
mkdir -p docs
shoot en docs/report.png
shoot zh docs/report-zh.png
