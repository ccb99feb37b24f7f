#!/usr/bin/env bash
# Captures every screen of the app into docs/screens/*.png under a virtual
# X server with software Vulkan (Mesa lavapipe). Needs root for apt-get.
#   scripts/screenshots.sh            # debug build
#   PROFILE=release scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
[[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ]] || need+=(mesa-vulkan-drivers)
command -v convert >/dev/null || need+=(imagemagick)
if ((${#need[@]})); then
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi

PROFILE=${PROFILE:-debug}
# BIN=path/to/hotline uses a binary already built (e.g. by cargo test).
if [[ -z ${BIN:-} ]]; then
    if [[ $PROFILE == release ]]; then cargo build --release; else cargo build; fi
    BIN=${CARGO_TARGET_DIR:-target}/$PROFILE/hotline
fi
# The target folder may be shared: keep the binary this script built.
cp "$BIN" /tmp/hotline-screens
BIN=/tmp/hotline-screens

DISPLAY_NUM=${DISPLAY_NUM:-:99}
if ! xdpyinfo -display "$DISPLAY_NUM" >/dev/null 2>&1; then
    Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 >/dev/null 2>&1 &
    XVFB=$!
    trap 'kill $XVFB' EXIT
    sleep 2
fi
export DISPLAY=$DISPLAY_NUM

out=docs/screens
mkdir -p "$out"
scenario=scenarios/wrong-target.ron
shot() {
    local name=$1
    shift
    # A fresh data folder per shot: no "resume" offer, no stray journals.
    local data
    data=$(mktemp -d)
    XDG_DATA_HOME=$data timeout 600 "$BIN" play "$@" \
        --screenshot "$out/$name.png" --exit-after-frames "${FRAMES:-12}"
    rm -rf "$data"
    echo "$out/$name.png"
}

shot library $scenario --screen library --seed 7
shot library-zh $scenario --screen library --seed 7 --lang zh
shot briefing $scenario --mode solo --team dhs --seed 7 --screen briefing
shot team $scenario --mode solo --team cac --seed 7 --advance 900 --screen team
shot team-zh $scenario --mode solo --team cac --seed 7 --advance 900 --screen team --lang zh
shot timeline $scenario --mode workshop --seed 7 --advance 1500 --screen timeline
# The projector: large text, public content only.
shot observer $scenario --mode observer --seed 7 --advance 1500 --screen timeline
shot facilitator $scenario --mode workshop --seed 7 --advance 600 --screen facilitator
shot debrief $scenario --mode observer --seed 7 --advance 2880 --screen debrief
# For authors: the scenario map, opened on its first dead end.
shot map $scenario --screen map
# A workshop on several computers: the library's join form, and the console
# of a workshop shared on a loopback port (the facilitator's seat needs a few
# more frames to join its own server).
shot join $scenario --screen library --seed 7
FRAMES=60 shot codes $scenario --mode workshop --seed 7 --share 127.0.0.1:0 --screen facilitator
# The sizes a classroom meets: a small laptop and a full-HD projector.
shot team-1280x800 $scenario --mode solo --team dhs --seed 7 --advance 900 --screen team --window-size 1280x800
shot facilitator-1920x1080 $scenario --mode workshop --seed 7 --advance 1500 --screen facilitator --window-size 1920x1080
shot observer-1920x1080 $scenario --mode observer --seed 7 --advance 1500 --screen timeline --window-size 1920x1080
