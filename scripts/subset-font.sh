#!/usr/bin/env bash
# Regenerates assets/fonts/NotoSansSC-Hotline.otf: Noto Sans CJK SC cut down
# to the characters the bundled scenarios and the interface use, so the repo
# carries ~1 MB instead of ~20 MB. Run it after adding Chinese text to a
# scenario or a UI string; characters outside the subset show as boxes.
#
# Needs: fonts-noto-cjk and fonttools (apt-get install -y fonts-noto-cjk fonttools).
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=${NOTO_CJK:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
OUT=assets/fonts/NotoSansSC-Hotline.otf
PYTHON=${PYTHON:-/usr/bin/python3}

if [[ ! -f $SRC ]]; then
    echo "missing $SRC: apt-get install -y fonts-noto-cjk" >&2
    exit 1
fi

chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
# Every non-ASCII character in scenarios and Rust sources (UI strings,
# event descriptions), plus CJK punctuation and full-width forms that
# authors type without noticing.
"$PYTHON" - "$chars" <<'PY'
import pathlib, sys
text = set()
for pattern in ("scenarios/**/*.ron", "assets/*.ron", "src/**/*.rs"):
    for p in pathlib.Path(".").glob(pattern):
        text.update(c for c in p.read_text(encoding="utf-8", errors="ignore") if ord(c) > 0x7F)
text.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
text.update(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
text.update("0123456789")
pathlib.Path(sys.argv[1]).write_text("".join(sorted(text)), encoding="utf-8")
print(f"{len(text)} characters", file=sys.stderr)
PY

# Face 2 of the collection is Simplified Chinese (check with fontTools'
# TTCollection if the package changes its order).
"$PYTHON" -m fontTools.subset "$SRC" --font-number="${FACE:-2}" \
    --text-file="$chars" --output-file="$OUT" \
    --no-hinting --desubroutinize --layout-features='*' --name-IDs='*'
ls -l "$OUT"
