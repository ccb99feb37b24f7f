#!/usr/bin/env bash
# Builds the browser bundle of the app into $TARGET/web-bundle/ (TARGET is
# CARGO_TARGET_DIR, default `target`): hotline.js, hotline_bg.wasm,
# index.html, each with .gz and .br siblings that `hotline serve --web`
# sends to browsers that accept them.
#
# usage: scripts/build-web.sh
# needs: rustup, cargo; installs the wasm32 target, wasm-bindgen-cli (the
# version Cargo.lock pins) and, as root with apt-get, brotli when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET/web-bundle"
WASM_TARGET=wasm32-unknown-unknown

if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    rustup target add "$WASM_TARGET"
fi

# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate the
# build links, or the generated glue does not match the module.
V=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)
if [ -z "$V" ]; then
    echo "build-web: no wasm-bindgen package in Cargo.lock" >&2
    exit 1
fi
HAVE=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$HAVE" != "$V" ]; then
    echo "build-web: installing wasm-bindgen-cli $V (found: ${HAVE:-none})"
    # Not --locked: the lockfile published with wasm-bindgen-cli pins a
    # crate version this machine's registry mirror lacks (measured), so a
    # locked install fails to resolve; an unlocked one picks versions that
    # are there. --force: cargo's own record may say it is installed when
    # the binary on PATH is another version, or gone.
    # Only the one program, and no TLS (its test runner's downloads). It
    # is needed only after the build, so it compiles alongside it rather
    # than four minutes before it.
    install_log=$(mktemp)
    cargo install --force --no-default-features --bin wasm-bindgen wasm-bindgen-cli \
        --version "$V" >"$install_log" 2>&1 &
    install_pid=$!
fi

cargo build --profile web --target "$WASM_TARGET" --no-default-features --features web --bin hotline

if [ -n "${install_pid:-}" ]; then
    if ! wait "$install_pid"; then
        cat "$install_log" >&2
        echo "build-web: installing wasm-bindgen-cli $V failed" >&2
        exit 1
    fi
    tail -n 2 "$install_log"
fi

# Not $TARGET/web: cargo keeps the `web` profile's host artifacts (build
# scripts, proc macros) there, and the server must not serve them.
rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --remove-name-section \
    --out-dir "$OUT" --out-name hotline "$TARGET/$WASM_TARGET/web/hotline.wasm"
cp web/index.html "$OUT/"

# Precompressed siblings: the server sends the smallest the browser accepts.
BROTLI=1
if ! command -v brotli >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq brotli >/dev/null ||
            { apt-get update -qq && apt-get install -y -qq brotli >/dev/null; } || true
    fi
    if ! command -v brotli >/dev/null; then
        echo "build-web: notice: no brotli command; only .gz siblings are written" >&2
        BROTLI=0
    fi
fi
# The bundle: the glue, the module, the page, and any JS snippets of crates.
mapfile -t FILES < <(find "$OUT/hotline.js" "$OUT/hotline_bg.wasm" "$OUT/index.html" \
    "$OUT/snippets" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.html' \) 2>/dev/null)
for f in "${FILES[@]}"; do
    gzip -9 -k -f "$f"
    if [ "$BROTLI" = 1 ]; then
        brotli -q 11 -f -k "$f"
    fi
done

size() { stat -c %s "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
WASM="$OUT/hotline_bg.wasm"
line="wasm: $(mb "$(size "$WASM")") raw, $(mb "$(size "$WASM.gz")") gzip"
if [ "$BROTLI" = 1 ]; then
    line="$line, $(mb "$(size "$WASM.br")") brotli"
fi
echo "$line"
# What a browser downloads: the smallest variant of each file.
total=0
for f in "${FILES[@]}"; do
    best=$(size "$f")
    for c in "$f.gz" "$f.br"; do
        if [ -f "$c" ] && [ "$(size "$c")" -lt "$best" ]; then
            best=$(size "$c")
        fi
    done
    total=$((total + best))
done
echo "web bundle: $OUT, transfer $(mb "$total") ($([ "$BROTLI" = 1 ] && echo brotli || echo gzip))"
