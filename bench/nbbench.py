#!/usr/bin/env python3
"""nbbench.py -- measuring helpers for bench/run.sh (python3 stdlib only).

  nbbench.py run LABEL REPS CMD      run `sh -c CMD` REPS times; one TSV line
                                     per run: LABEL rep wall cpu maxrss_kib
  nbbench.py drain SRC INCOMING OUT TIMEOUT [PID]
                                     move every file of SRC into INCOMING at
                                     once, wait until each has a *.json in
                                     OUT; prints wall seconds, files, and the
                                     peak RSS (KiB) of PID and its children
  nbbench.py latency SRC INCOMING OUT COUNT GAP TIMEOUT
                                     move COUNT files one at a time, each after
                                     the previous result and GAP seconds idle;
                                     prints p50 p90 p99 max (ms) and count
  nbbench.py rss PID                 VmHWM/VmRSS (KiB) of PID and children
  nbbench.py summary RESULTS.tsv     medians, bests and ratios, as Markdown
"""
import ctypes
import ctypes.util
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import threading
import time

IN_CLOSE_WRITE = 0x008
IN_MOVED_TO = 0x080
IN_Q_OVERFLOW = 0x4000
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000


class Inotify:
    """Just enough inotify(7) through ctypes to see results appear."""

    def __init__(self, path, mask=IN_MOVED_TO | IN_CLOSE_WRITE):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if libc.inotify_add_watch(self.fd, path.encode(), mask) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch " + path)

    def read(self, timeout):
        """Names seen within timeout; None on queue overflow."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return []
        names = []
        try:
            buf = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return []
        off = 0
        while off + 16 <= len(buf):
            wd, mask, cookie, ln = struct.unpack_from("iIII", buf, off)
            name = buf[off + 16:off + 16 + ln].split(b"\0", 1)[0]
            off += 16 + ln
            if mask & IN_Q_OVERFLOW:
                return None
            names.append(name.decode("utf-8", "replace"))
        return names


def is_result(name):
    return name.endswith(".json") and not name.startswith(".")


def count_results(out):
    return sum(1 for e in os.scandir(out) if is_result(e.name))


def family(pid):
    """pid and all its descendants."""
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                s = f.read()
            ppid = int(s[s.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def status(pid):
    d = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("Name", "VmHWM", "VmRSS"):
                    d[k] = v.split()[0] if k != "Name" else v.strip()
    except OSError:
        return None
    return d


class RssSampler(threading.Thread):
    """Peak VmHWM of a process and of its children, sampled."""

    def __init__(self, pid, period=0.25):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.main = 0
        self.child = 0
        self.stop = threading.Event()

    def sample(self):
        for p in family(self.pid):
            s = status(p)
            if not s or "VmHWM" not in s:
                continue
            v = int(s["VmHWM"])
            if p == self.pid:
                self.main = max(self.main, v)
            else:
                self.child = max(self.child, v)

    def run(self):
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.period)
        self.sample()


def cmd_run(label, reps, cmd):
    for i in range(int(reps)):
        t0 = time.monotonic()
        p = subprocess.Popen(["sh", "-c", cmd])
        _, st, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        code = os.waitstatus_to_exitcode(st)
        if code not in (0, 1, 3):  # findings and unreadable inputs are fine
            sys.exit("nbbench: %s: exit %d: %s" % (label, code, cmd))
        print("%s\t%d\t%.4f\t%.4f\t%d" % (label, i, wall,
              ru.ru_utime + ru.ru_stime, ru.ru_maxrss), flush=True)


def list_files(src):
    return sorted(os.path.join(src, f) for f in os.listdir(src)
                  if not f.startswith("."))


def cmd_drain(src, incoming, out, timeout, pid=None):
    files = list_files(src)
    n = len(files)
    before = count_results(out)
    ino = Inotify(out)
    sampler = RssSampler(int(pid)) if pid else None
    if sampler:
        sampler.start()
    seen = set()
    t0 = time.monotonic()
    for f in files:
        os.rename(f, os.path.join(incoming, os.path.basename(f)))
    t_moved = time.monotonic() - t0
    deadline = t0 + float(timeout)
    polling = False
    done = 0
    while done < n:
        now = time.monotonic()
        if now > deadline:
            break
        if polling:
            time.sleep(0.05)
            done = count_results(out) - before
            continue
        names = ino.read(min(1.0, deadline - now))
        if names is None:
            polling = True
            continue
        seen.update(x for x in names if is_result(x))
        done = len(seen)
    wall = time.monotonic() - t0
    if sampler:
        sampler.stop.set()
        sampler.join()
    ok = done >= n
    print("%.4f\t%d\t%d\t%.4f\t%s\t%d\t%d" % (wall, n, done, t_moved,
          "ok" if ok else "TIMEOUT", sampler.main if sampler else 0,
          sampler.child if sampler else 0), flush=True)
    if not ok:
        sys.exit(1)


def pct(v, p):
    v = sorted(v)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def cmd_latency(src, incoming, out, count, gap, timeout):
    files = list_files(src)[:int(count)]
    ino = Inotify(out)
    lat = []
    for f in files:
        time.sleep(float(gap))
        ino.read(0)  # drop stale events
        t0 = time.monotonic()
        os.rename(f, os.path.join(incoming, os.path.basename(f)))
        deadline = t0 + float(timeout)
        got = False
        while not got and time.monotonic() < deadline:
            names = ino.read(max(0.0, deadline - time.monotonic()))
            if names is None:
                sys.exit("nbbench: inotify overflow in latency run")
            got = any(is_result(x) for x in names)
        if not got:
            sys.exit("nbbench: no result within %ss for %s" % (timeout, f))
        lat.append((time.monotonic() - t0) * 1000.0)
    print("%.3f\t%.3f\t%.3f\t%.3f\t%d" % (pct(lat, 50), pct(lat, 90),
          pct(lat, 99), max(lat), len(lat)), flush=True)


def cmd_rss(pid):
    pid = int(pid)
    for p in family(pid):
        s = status(p)
        if s:
            print("%d\t%s\t%s\t%s" % (p, "main" if p == pid else "child",
                  s.get("VmHWM", "0"), s.get("VmRSS", "0")))


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd, args = a[0], a[1:]
    if cmd == "run" and len(args) == 3:
        cmd_run(*args)
    elif cmd == "drain" and len(args) in (4, 5):
        cmd_drain(*args)
    elif cmd == "latency" and len(args) == 6:
        cmd_latency(*args)
    elif cmd == "rss" and len(args) == 1:
        cmd_rss(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
