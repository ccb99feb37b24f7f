#!/usr/bin/env python3
"""End to end, as a student would: the real app under Xvfb, driven by real
mouse clicks (xdotool) on the labels it draws. It opens the library, starts
Wrong Target solo as DHS, reads the briefing, gets the first situation
report, answers a message, runs to the end, opens the debrief, exports the
report, then checks the journal (replayed by `hotline replay` to the state
hash the app showed) and the exported report.

The app writes what it drew each frame to HOTLINE_UI_TRACE (src/app/trace.rs);
this script only reads that file and clicks. Every wait is bounded.

usage: scripts/e2e.py [BIN]     (default target/debug/hotline)
needs: xvfb, mesa-vulkan-drivers, xdotool (apt-get install -y ...)
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/debug/hotline")
DISPLAY = os.environ.get("E2E_DISPLAY", ":97")
SHOTS = os.environ.get("E2E_SHOTS")  # a folder to keep a screenshot per step
SEED = os.environ.get("E2E_SEED", "7")


class Failure(Exception):
    pass


class App:
    def __init__(self, data: pathlib.Path):
        self.trace = data / "trace.json"
        self.env = dict(os.environ, DISPLAY=DISPLAY, XDG_DATA_HOME=str(data),
                        HOTLINE_UI_TRACE=str(self.trace))
        self.log = open(data / "app.log", "w")
        self.proc = subprocess.Popen([str(BIN)], env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.step = 0

    def read(self):
        try:
            return json.loads(self.trace.read_text())
        except (OSError, ValueError):
            return None

    def wait(self, pred, what, timeout=60.0):
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise Failure(f"the app exited ({self.proc.returncode}) waiting for {what}")
            doc = self.read()
            if doc:
                got = pred(doc)
                if got:
                    return got
            time.sleep(0.2)
        doc = self.read() or {}
        seen = sorted({t["t"] for t in doc.get("texts", [])})[:80]
        raise Failure(f"timed out waiting for {what}; on screen: {seen}")

    def find(self, doc, text, exact=True):
        for t in doc["texts"]:
            if (t["t"] == text) if exact else (text in t["t"]):
                return (t["x"], t["y"])
        return None

    def wait_text(self, text, exact=True, timeout=60.0):
        return self.wait(lambda d: self.find(d, text, exact), repr(text), timeout)

    def has(self, text, exact=True):
        doc = self.read()
        return bool(doc and self.find(doc, text, exact))

    def click(self, text, exact=True, timeout=60.0):
        x, y = self.wait_text(text, exact, timeout)
        before = (self.read() or {}).get("frame", 0)
        subprocess.run(["xdotool", "mousemove", str(int(x)), str(int(y)), "click", "1"],
                       env=self.env, check=True)
        # The click wakes the app: wait for the frames that answer it.
        self.wait(lambda d: d["frame"] >= before + 2, f"frames after clicking {text!r}", 20)
        self.settle()
        self.shot(text)

    def settle(self):
        """A few frames (the idle app draws only on input): grids and panels
        settle their sizes before anything is aimed at."""
        for i in range(6):
            subprocess.run(["xdotool", "mousemove", str(5 + i), "995"], env=self.env, check=True)
            time.sleep(0.15)

    def type(self, text):
        subprocess.run(["xdotool", "type", "--delay", "20", text], env=self.env, check=True)

    def shot(self, name):
        self.step += 1
        if SHOTS:
            safe = "".join(c if c.isalnum() else "-" for c in name)[:30]
            subprocess.run(["import", "-window", "root",
                            f"{SHOTS}/{self.step:02d}-{safe}.png"], env=self.env)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def check(cond, what):
    if not cond:
        raise Failure(what)
    print(f"ok: {what}")


def play(app: App, data: pathlib.Path):
    # Library: Wrong Target, solo (the default mode), as DHS (the first team).
    # Let the first frames settle the layout before aiming at it.
    app.wait(lambda d: d["frame"] >= 1, "the library's first frame")
    # Without a window manager nothing gives the window the keyboard.
    subprocess.run(["xdotool", "search", "--sync", "--name", "Hotline", "windowfocus", "--sync"],
                   env=app.env, check=True, timeout=30)
    app.settle()
    for _ in range(5):
        app.click("Wrong Target", exact=False)
        # The detail pane's heading is the title alone.
        if app.has("Wrong Target") and app.has("Start exercise"):
            break
    # A fixed seed: the same story every run (the computer's choices and
    # the injects' draws depend on it).
    app.click("random")
    app.type(SEED)
    app.settle()
    app.click("Start exercise")
    app.wait_text("To the team desk →")
    check(app.has("PAUSED"), "a new solo exercise starts paused, on the briefing")
    app.click("To the team desk →")

    # The first situation report reaches DHS as readable content.
    app.click("⏭ Next event")
    app.wait(lambda d: any("Situation (" in t["t"] and "●" in t["t"] for t in d["texts"]),
             "the Situation tab marks new news")
    app.click("Situation", exact=False)
    app.wait_text("for your team only", exact=False)
    check(True, "the analysis addressed to DHS is in its situation feed")

    # Run on until something lands in the inbox that can be answered.
    for _ in range(40):
        app.click("Inbox", exact=False)
        if app.has("Reply"):
            break
        if app.has("The exercise has ended"):
            raise Failure("the exercise ended before anything could be answered")
        app.click("⏭ Next event")
    app.click("Reply")
    # A reply is pre-addressed; fill what it needs.
    fill_fields(app)
    app.click("Send")
    app.wait_text("sent at", exact=False)
    check(True, "a sent message is confirmed with its time and channel")

    # On to the end, one event at a time (bounded).
    for _ in range(300):
        seen = app.wait(lambda d: ("end" if app.find(d, "The exercise has ended")
                                   else "next" if app.find(d, "⏭ Next event") else None),
                        "the next event or the end")
        if seen == "end":
            break
        app.click("⏭ Next event")
    check(True, "the end is announced in a window of its own")
    app.click("Open the debrief")
    app.wait_text("Hot wash questions")
    app.click("Export report")
    app.wait_text("Open the report")
    check(True, "the debrief offers to open the exported report")
    doc = app.read()
    return doc


def fill_fields(app: App):
    """Fills the draft until the Send button's blockers are gone: Time fields
    with "now", choices with their first option, text with a word."""
    for _ in range(12):
        doc = app.read()
        blockers = next((t["t"] for t in doc["texts"] if t["t"].startswith("Before sending:")), None)
        if not blockers:
            return
        if app.has("now"):
            app.click("now")
            continue
        if app.has("choose…"):
            app.click("choose…")
            # The first option of the list that opened: just below the box.
            x, y = app.find(app.read(), "choose…") or (0, 0)
            subprocess.run(["xdotool", "mousemove", str(int(x)), str(int(y + 26)), "click", "1"],
                           env=app.env, check=True)
            time.sleep(0.5)
            continue
        # A free-text field: the label's row, to the right of its label.
        label = blockers.split(":", 1)[1].split(",")[0].strip()
        x, y = app.wait_text(label + " *")
        subprocess.run(["xdotool", "mousemove", str(int(x + 160)), str(int(y)), "click", "1"],
                       env=app.env, check=True)
        time.sleep(0.3)
        app.type("e2e")
        time.sleep(0.5)
    raise Failure("could not complete the draft")


def main():
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            sys.exit(f"e2e: {tool} missing (apt-get install -y xvfb xdotool mesa-vulkan-drivers)")
    data = pathlib.Path(tempfile.mkdtemp(prefix="hotline-e2e-"))
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    app = App(data)
    try:
        doc = play(app, data)
        shown_hash = doc["state_hash"]
        journal = pathlib.Path(doc["journal"])
        check(journal.is_file() and journal.name.startswith("wrong-target-"),
              f"the exercise was journalled: {journal.name}")
        header = json.loads(journal.read_text().splitlines()[0])
        check(header["seed"] == int(SEED), f"the seed typed in the library ({SEED}) was used")
        app.stop()
        replay = subprocess.run([str(BIN), "replay", str(journal), "--format", "json"],
                                capture_output=True, text=True, env=app.env, timeout=120)
        check(replay.returncode == 0, "the journal replays")
        check(json.loads(replay.stdout)["state_hash"] == shown_hash,
              "the replayed journal ends in the state the app showed")
        reports = list((data / "hotline/exports").glob("*-report.html"))
        check(len(reports) == 1, "one report was exported")
        html = reports[0].read_text()
        check("<svg" in html and "DHS" in html, "the report has its chart and names the teams")
        print("1 passed, 0 failed")
    except Failure as e:
        print(f"FAILED: {e}")
        print((data / "app.log").read_text()[-3000:])
        print("0 passed, 1 failed")
        sys.exit(1)
    finally:
        app.stop()
        xvfb.terminate()


if __name__ == "__main__":
    main()
