#!/usr/bin/env python3
"""End to end in a browser: the web build, served by `hotline serve --web`,
in headless Chromium driven over the DevTools protocol (a pipe, no
websocket library). It asserts, in order:

  a) the page at http://ADDR/?test=1 draws its first frame and the library,
     with a bundled scenario's title; the screenshot is not blank; the wasm
     is sent as application/wasm, compressed when the browser accepts it;
  b) no console error so far (a Rust panic is one);
  c) solo from the URL (?scenario=...&mode=solo&team=dhs&seed=1): the team
     desk opens; after one event, a reload offers to resume the journalled
     exercise, and resuming it gives back the same state (hash, minute,
     journal);
  d) join by code (?code=<DHS code>): a headless CAC seat (`hotline join
     --plan scripts/web/cac-writes-first.ron --print-messages`) writes first;
     the page shows the message, answers it with Reply and a typed text, and
     the CAC seat receives that answer with the text; still no console error.

The page's test hook (test=1) is `window.hotlineTrace`: each frame's texts
and their centres in CSS pixels (src/app/trace.rs). Every wait is bounded
and the whole run has a budget; screenshots go to $WEB_E2E_OUT.

usage: python3 scripts/web-e2e.py HOTLINE_BIN WEB_DIR
needs: chromium (apt-get install -y chromium)
"""
import base64, fcntl, json, os, pathlib, queue, shutil, struct, subprocess, sys, tempfile, threading, time, urllib.request, zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIO, SCENARIO_ID, US, CN = "scenarios/wrong-target.ron", "wrong-target", "dhs", "cac"
PLAN = ROOT / "scripts/web/cac-writes-first.ron"
SEED = "15"  # the plan's seed: CAC's message is readable at +52m (the plan says why)
W, H = 1280, 800
BUDGET = 320.0  # seconds for the whole run's waits (each call to Chromium: 20 s at most)
# What the app draws (src/app/...): change here when the UI changes.
TITLE = "Wrong Target"                    # library list (a bundled scenario)
TO_DESK = "To the team desk →"            # screens/briefing.rs
NEXT_EVENT = "⏭ Next event"               # topbar.rs
RESUME_OFFER = "Resume"                   # library.rs, unfinished exercises
CLOCK_RESUME = "▶ Resume"                 # topbar.rs: not the offer
INBOX, REPLY, SEND, TEXT_LABEL = "Inbox", "Reply", "Send", "4. Text"   # team_view
CN_MSG = "Request for assistance"         # the type CAC sends (the plan)
TOKEN = "webe2e reply 7"                  # typed into the answer
ZH_PASTE, ZH_TYPED = "收到，正在核查", "。"      # then pasted, then typed
IGNORED = ["/favicon.ico"]                # console errors about these URLs only

START = time.time()
OUT = pathlib.Path(os.environ.get("WEB_E2E_OUT") or tempfile.mkdtemp(prefix="hotline-web-e2e-"))


class Failure(Exception):
    pass


def left(timeout):
    return max(0.0, min(timeout, BUDGET - (time.time() - START)))


class Chrome:
    """Headless Chromium over --remote-debugging-pipe: fd 3 is what it
    reads, fd 4 what it writes; each message is JSON ending in a NUL."""

    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="hotline-chrome-")
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        # Numbered above 9 (bash, unlike dash, takes them): `3<&A 4>&B` then
        # never overwrites one of its own sources.
        a, b = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_r, from_w))
        os.close(to_r), os.close(from_w)
        flags = ["--headless=new", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                 "--no-sandbox", f"--user-data-dir={self.profile}", f"--window-size={W},{H}",
                 "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps", "about:blank"]
        self.log = open(OUT / "chromium.log", "w")
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{a} 4>&{b} {a}<&- {b}>&-', exe, *flags],
            pass_fds=(a, b), stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        os.close(a), os.close(b)
        self.w, self.r = os.fdopen(to_w, "wb"), from_r
        self.replies, self.events, self.next_id = queue.Queue(), [], 0
        threading.Thread(target=self._read, daemon=True).start()

    def attach(self):
        """A new tab, its session, and the domains whose events we read."""
        tid = self.call("Target.createTarget", url="about:blank", session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=tid, flatten=True,
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=W, height=H,
                  deviceScaleFactor=1, mobile=False)

    def _read(self):
        buf = b""
        while chunk := os.read(self.r, 1 << 16):
            buf += chunk
            *msgs, buf = buf.split(b"\0")
            for m in msgs:
                msg = json.loads(m)
                (self.replies.put if "id" in msg else self.events.append)(msg)

    def call(self, method, session=True, timeout=20, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.w.write(json.dumps(msg).encode() + b"\0")
        self.w.flush()
        end = time.time() + timeout
        while (rest := end - time.time()) > 0:
            try:
                reply = self.replies.get(timeout=min(rest, 1))
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise Failure(f"chromium exited ({self.proc.returncode}); see chromium.log")
                continue
            if reply["id"] == self.next_id:
                if "error" in reply:
                    raise Failure(f"{method}: {reply['error']}")
                return reply.get("result", {})
        raise Failure(f"no answer to {method} within {timeout} s")

    def errors(self):
        """Console errors, exceptions and error log entries so far."""
        out = []
        for e in list(self.events):
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                out.append(d.get("exception", {}).get("description") or d.get("text", ""))
            elif m == "Runtime.consoleAPICalled" and p.get("type") == "error":
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
            elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
                url = p["entry"].get("url", "")
                if not any(url.endswith(i) for i in IGNORED):
                    out.append(f"{p['entry']['text']} {url}".strip())
        return out

    def load(self, method, timeout=60, **params):
        """Navigates (or reloads) and waits for the new document's load event."""
        n = len(self.events)
        r = self.call(method, **params)
        if r.get("errorText"):
            raise Failure(f"{method} {params}: {r['errorText']}")
        end = time.time() + left(timeout)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events[n:]):
            if time.time() > end:
                raise Failure(f"the page did not load within {timeout} s ({method} {params})")
            time.sleep(0.1)

    def trace(self):
        v = self.call("Runtime.evaluate", expression="window.hotlineTrace || null",
                      returnByValue=True)["result"].get("value")
        return json.loads(v) if v else None

    def mouse(self, kind, x, y, **more):
        self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, **more)

    def click(self, x, y):
        # A frame between each: the app hovers, then presses, then releases,
        # as under a person's hand.
        self.mouse("mouseMoved", x, y)
        self.next_frame()
        self.mouse("mousePressed", x, y, button="left", buttons=1, clickCount=1)
        self.next_frame()
        self.mouse("mouseReleased", x, y, button="left", buttons=0, clickCount=1)

    def next_frame(self, timeout=5.0):
        """Waits until the app has drawn a frame since this call (software
        rendering takes a good part of a second for one)."""
        start = (self.trace() or {}).get("frame", 0)
        end = time.time() + timeout
        while time.time() < end and (self.trace() or {}).get("frame", 0) <= start:
            time.sleep(0.03)

    def wiggle(self, i=0):
        """Moves the pointer in a corner: a frame for an app that draws on input."""
        self.mouse("mouseMoved", 4 + i % 3, H - 4)

    def type_keys(self, text):
        for c in text:
            if not c.isascii():  # a character an input method would commit
                code, vk = "", 0
            else:
                code = "Space" if c == " " else f"Key{c.upper()}" if c.isalpha() else f"Digit{c}"
                vk = ord(c.upper())
            for kind in ("keyDown", "keyUp"):
                extra = {"text": c, "unmodifiedText": c} if kind == "keyDown" else {}
                self.call("Input.dispatchKeyEvent", type=kind, key=c, code=code,
                          windowsVirtualKeyCode=vk, **extra)

    def screenshot(self, name, scale=1.0):
        clip = {"x": 0, "y": 0, "width": W, "height": H, "scale": scale}
        png = base64.b64decode(self.call("Page.captureScreenshot", format="png", clip=clip)["data"])
        if name:
            (OUT / f"{name}.png").write_bytes(png)
        return png

    def stop(self):
        stop(self.proc)
        shutil.rmtree(self.profile, ignore_errors=True)


def stop(proc):
    """Ends a process this script started, and its children (own session)."""
    if proc and proc.poll() is None:
        try:
            os.killpg(proc.pid, 15)
            proc.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, 9)


def png_colours(png):
    """Distinct colours and the share of the commonest, of an 8-bit RGB(A)
    non-interlaced PNG."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure("the screenshot is not a PNG")
    pos, idat = 8, b""
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise Failure(f"unexpected screenshot PNG: depth {depth}, colour type {ctype}")
        elif kind == b"IDAT":
            idat += body
        pos += n + 12
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, counts = bytearray(stride), {}
    for y in range(h):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: row[i] = (row[i] + a) & 255
            elif f == 2: row[i] = (row[i] + b) & 255
            elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for i in range(0, stride, bpp):
            k = bytes(row[i:i + 3])
            counts[k] = counts.get(k, 0) + 1
        prev = row
    return len(counts), max(counts.values()) / (w * h)


class Page:
    def __init__(self, chrome):
        self.c, self.shots = chrome, 0

    def wait(self, pred, what, timeout=60.0):
        end, i, doc = time.time() + left(timeout), 0, None
        while time.time() < end:
            try:
                doc = self.c.trace()
            except Failure:  # between two documents
                doc = None
            got = doc and pred(doc)
            if got:
                return got
            self.c.wiggle(i)
            i += 1
            time.sleep(0.25)
        seen = sorted({t["t"] for t in (doc or {}).get("texts", [])})[:80]
        raise Failure(f"timed out waiting for {what}; screen {(doc or {}).get('screen')}, on it: {seen}")

    @staticmethod
    def find(doc, text, exact=True):
        return next(((t["x"], t["y"]) for t in doc["texts"]
                     if (t["t"] == text if exact else text in t["t"])), None)

    def click(self, text, exact=True, timeout=60.0, until=None):
        """Clicks the label `text`. With `until`, clicks again (three tries)
        while that does not come true: a running exercise may move the
        label between aiming and clicking."""
        for attempt in range(3):
            self.wait(lambda d: self.find(d, text, exact), repr(text), timeout)
            # The app draws on input only: the frame found may predate the
            # canvas taking its size. Two more frames give the current layout.
            for i in range(2):
                self.c.wiggle(i)
                time.sleep(0.15)
            x, y = self.wait(lambda d: self.find(d, text, exact), repr(text), timeout)
            frame = self.c.trace()["frame"]
            self.c.click(x, y)
            self.wait(lambda d: d["frame"] >= frame + 2, f"frames after clicking {text!r}", 20)
            if until is None:
                break
            try:
                self.wait(until, f"the effect of clicking {text!r}", 5)
                break
            except Failure:
                if attempt == 2:
                    raise
        for i in range(4):  # let panels settle their sizes before the next aim
            self.c.wiggle(i)
            time.sleep(0.1)

    def scroll_to(self, text, x, y, margin=120, tries=12):
        """Scrolls the panel under (x, y) until `text` is on screen, at least
        `margin` pixels above its bottom edge, as a person scrolls a form."""
        for _ in range(tries):
            d = self.c.trace()
            at = d and self.find(d, text)
            if at and at[1] < H - margin:
                return at
            self.c.mouse("mouseMoved", x, y)  # the wheel scrolls what is hovered
            self.c.next_frame()
            self.c.mouse("mouseWheel", x, y, deltaX=0, deltaY=200)
            self.c.next_frame()
            time.sleep(0.2)
        raise Failure(f"{text!r} did not come into view by scrolling")

    def to_desk(self, timeout=60.0):
        """Waits for the team desk, clicking through the briefing."""
        screen = self.wait(lambda d: d["screen"] in ("Briefing", "Team") and d["screen"],
                           "the briefing or the team desk", timeout)
        if screen == "Briefing":
            self.click(TO_DESK, until=lambda d: d["screen"] == "Team")
            self.wait(lambda d: d["screen"] == "Team", "the team desk")
        return self.c.trace()

    def shot(self, name):
        self.shots += 1
        self.c.screenshot(f"{self.shots:02d}-{name}")


def ok(what):
    print(f"ok: {what} ({time.time() - START:.0f} s)", flush=True)


def check_library(page, base):
    t0 = time.time()
    page.c.load("Page.navigate", url=base + "?test=1")
    page.wait(lambda d: d["frame"] >= 1, "the first frame")
    ok(f"first frame after {time.time() - t0:.1f} s")
    page.wait(lambda d: d["screen"] == "Library" and page.find(d, TITLE, exact=False),
              f"the library listing {TITLE!r}")
    page.shot("library")
    colours, top = png_colours(page.c.screenshot(None, scale=0.25))
    if colours <= 3 or top > 0.985:
        raise Failure(f"the page looks blank: {colours} colours, the commonest on {top:.1%}")
    ok(f"the library lists {TITLE!r}; the page shows {colours} colours")
    req = urllib.request.Request(base + "hotline_bg.wasm", headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(req, timeout=30) as r:
        kind, enc = r.headers.get("Content-Type", ""), r.headers.get("Content-Encoding")
    if not kind.startswith("application/wasm") or enc not in ("br", "gzip"):
        raise Failure(f"the wasm is sent as {kind!r}, encoding {enc!r}")
    ok(f"the wasm is sent as application/wasm, {enc}")


def check_no_errors(page, when):
    errs = page.c.errors()
    if errs:
        raise Failure(f"console errors {when}:\n  " + "\n  ".join(e[:400] for e in errs[:20]))
    ok(f"no console error {when}")


def check_solo_resume(page, base):
    page.c.load("Page.navigate", url=base + f"?scenario={SCENARIO_ID}&mode=solo&team={US}&seed=1&test=1")
    page.to_desk()
    page.click(NEXT_EVENT, until=lambda d: (d.get("now") or 0) > 0)
    page.wait(lambda d: (d.get("now") or 0) > 0, "the clock to move past minute 0")
    time.sleep(1)
    before = page.c.trace()
    if not before.get("journal") or not before.get("state_hash"):
        raise Failure(f"no journal or state hash on the desk: {before}")
    page.shot("solo-desk")
    ok(f"solo desk at minute {before['now']}, journal {before['journal']}")
    page.c.load("Page.reload")
    offer = page.wait(lambda d: next((t["t"] for t in d["texts"] if t["t"] == RESUME_OFFER or (
        RESUME_OFFER in t["t"] and t["t"] != CLOCK_RESUME)), None), "an offer to resume")
    page.shot("resume-offer")
    page.click(offer)
    after = page.to_desk()
    diff = {k: (before[k], after.get(k)) for k in ("state_hash", "now", "journal") if before[k] != after.get(k)}
    if diff:
        raise Failure(f"the resumed exercise differs (before, after): {diff}")
    page.shot("solo-resumed")
    ok(f"the reload offered to resume, and resuming gave state {after['state_hash']} back")


def check_join(page, base, hotline, ws, codes):
    # CAC first: with --autostart the clock starts when the page takes DHS.
    seat = Proc([hotline, "join", ws, codes[CN], "--plan", str(PLAN), "--print-messages",
                 "--timeout", "300"], "join")
    try:
        page.c.load("Page.navigate", url=base + f"?code={codes[US]}&test=1")
        page.to_desk()
        ok("the page took the DHS seat by its code")
        page.click(INBOX, exact=False)
        page.wait(lambda d: page.find(d, CN_MSG, exact=False), f"CAC's {CN_MSG!r} in the inbox")
        page.shot("inbox")
        ok("CAC's message reached the page's inbox")
        page.click(REPLY, timeout=150,  # once translated
                   until=lambda d: page.find(d, TEXT_LABEL) or page.find(d, "Replying to", exact=False))
        x, y = page.scroll_to(TEXT_LABEL, 260, 600)
        page.c.click(x, y + 40)  # into the text box under the label
        page.c.type_keys(TOKEN)
        typed = lambda d: page.find(d, TOKEN, exact=False)
        try:
            page.wait(typed, "the typed text", 10)
        except Failure:
            page.c.call("Input.insertText", text=TOKEN)
            page.wait(typed, "the inserted text", 10)
        # Chinese, pasted as a browser pastes (a paste event on the page),
        # then one character typed as a key carrying text.
        page.c.call("Runtime.evaluate", expression=(
            "(() => { const d = new DataTransfer(); d.setData('text/plain', %s);"
            " document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: d})); })()"
            % json.dumps(" " + ZH_PASTE)))
        page.wait(lambda d: page.find(d, ZH_PASTE, exact=False), "the pasted Chinese text", 10)
        page.c.type_keys(ZH_TYPED)
        page.wait(lambda d: page.find(d, ZH_PASTE + ZH_TYPED, exact=False), "the typed Chinese", 10)
        page.shot("reply-draft")
        # The app confirms a sent message in its status line. A line of the
        # desk that appears meanwhile ("1 awaiting your reply") moves Send.
        for attempt in range(3):
            page.scroll_to(SEND, 260, 400, margin=12)
            try:
                page.click(SEND, until=lambda d: page.find(d, " sent at ", exact=False))
                break
            except Failure:
                if attempt == 2:
                    raise
        ok("the page answered with Reply, a typed text and Send")
        # From DHS and answering something: not a spoof "from DHS" (an inject at +9h).
        mine = lambda m: m.get("from") in (US, "DHS") and m.get("reply_to", 0) is not None
        seat.wait(mine, "the answer to reach the CAC seat", 60)
        ok("the answer reached the CAC seat")
        seat.wait(lambda m: mine(m) and TOKEN + " " + ZH_PASTE + ZH_TYPED in json.dumps(m, ensure_ascii=False),
                  "the CAC seat to read the typed and pasted text", 150)
        ok("the CAC seat read the typed and pasted text, Chinese included")
        page.shot("joined-desk")
    finally:
        stop(seat.proc)


class Proc:
    """A hotline subprocess whose stdout lines are collected (JSON ones parsed)."""

    def __init__(self, cmd, name):
        self.name, self.lines = name, []
        self.err = open(OUT / f"{name}.stderr", "w")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=self.err,
                                     stdin=subprocess.DEVNULL, text=True, start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        with open(OUT / f"{self.name}.stdout", "w") as log:
            for line in self.proc.stdout:
                log.write(line), log.flush()
                try:
                    self.lines.append(json.loads(line))
                except ValueError:
                    pass

    def wait(self, pred, what, timeout):
        end = time.time() + left(timeout)
        while True:
            if exited := self.proc.poll() is not None:
                self.reader.join(5)  # its last lines
            if got := next((m for m in self.lines if isinstance(m, dict) and pred(m)), None):
                return got
            if exited:
                raise Failure(f"`hotline {self.name}` exited ({self.proc.returncode}) before {what}; "
                              f"stderr: {(OUT / f'{self.name}.stderr').read_text()[-800:]}")
            if time.time() > end:
                raise Failure(f"timed out waiting for {what}; {self.name} printed {self.lines[-5:]}")
            time.sleep(0.2)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    hotline, web = str(pathlib.Path(sys.argv[1]).resolve()), str(pathlib.Path(sys.argv[2]).resolve())
    exe = shutil.which("chromium")
    if not exe and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run("apt-get install -y -qq chromium || (apt-get update -qq && "
                       "apt-get install -y -qq chromium)", shell=True, check=False)
        exe = shutil.which("chromium")
    if not exe:
        sys.exit("web-e2e: chromium is missing (apt-get install -y chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"web-e2e: screenshots and logs in {OUT}", flush=True)
    helptext = subprocess.run([hotline, "serve", "--help"], capture_output=True, text=True).stdout
    json_flag = "--codes-json" if "--codes-json" in helptext else "--json"
    server = chrome = page = None
    try:
        server = Proc([hotline, "serve", SCENARIO, "--bind", "127.0.0.1:0", "--web", web,
                       json_flag, "--seed", SEED, "--autostart"], "serve")
        first = server.wait(lambda m: "url" in m and "codes" in m, "the server's address", 30)
        ws, codes = first["url"], first["codes"]
        base = "http://" + ws.removeprefix("ws://").removesuffix("ws")  # http://ADDR/
        ok(f"the server listens on {base}")
        chrome = Chrome(exe)
        chrome.attach()
        page = Page(chrome)
        check_library(page, base)
        check_no_errors(page, "after the library")
        check_solo_resume(page, base)
        check_join(page, base, hotline, ws, codes)
        check_no_errors(page, "at the end")
        print(f"web-e2e: all passed in {time.time() - START:.0f} s")
    except Exception as e:  # a Failure, or the page or a process misbehaving
        print(f"FAILED: {type(e).__name__ + ': ' if not isinstance(e, Failure) else ''}{e}", flush=True)
        if page:
            try:
                page.shot("failure")
                (OUT / "failure-trace.json").write_text(json.dumps(chrome.trace(), indent=1))
                for err in chrome.errors():
                    if err[:300] not in str(e):
                        print(f"  console: {err[:300]}")
            except Exception as again:
                print(f"  (no screenshot: {again})")
        sys.exit(1)
    finally:
        if chrome:
            chrome.stop()
        if server:
            stop(server.proc)


if __name__ == "__main__":
    main()
