#!/usr/bin/env python3
"""nbbench.py -- measuring helpers for bench/run.sh (python3 stdlib only).

Every measurement is printed as one line: KIND, LABEL, then key=value
fields, tab-separated (run.sh appends them to results.tsv).

  nbbench.py run LABEL REPS CMD      run `sh -c CMD` REPS times: wall and
                                     CPU (user+sys of all children) seconds,
                                     max RSS (KiB) of the largest child
  nbbench.py drain LABEL SRC INCOMING OUT TIMEOUT [PID]
                                     move every file of SRC into INCOMING at
                                     once, wait until as many new *.json are
                                     in OUT; wall seconds, and the peak RSS
                                     (KiB) of PID and of its children, sampled
  nbbench.py latency LABEL SRC INCOMING OUT COUNT GAP TIMEOUT
                                     move COUNT files one at a time, each GAP
                                     seconds after the previous result; p50,
                                     p90, p99, max milliseconds from rename()
                                     to the result's inotify event (each one
                                     in $NBBENCH_RAW/latency-LABEL.txt)
  nbbench.py arrivals COUNT DIR...   print "watching" once DIRs are watched,
                                     then "done" once COUNT files (not
                                     hidden, not *.reason) have been renamed
                                     into them: a drain's end, seen without
                                     polling (its CPU would be the drain's)
  nbbench.py rss LABEL PID           VmHWM/VmRSS (KiB) of PID and children
  nbbench.py recycle SRC DST [MAX]   move SRC/[ID-]NAME to DST/NAME
  nbbench.py summary RESULTS.tsv     medians and ratios, as Markdown
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
        for p in [path] if isinstance(path, str) else path:
            if libc.inotify_add_watch(self.fd, p.encode(), mask) < 0:
                raise OSError(ctypes.get_errno(), "inotify_add_watch " + p)

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


def cpu_of(pids):
    """User+system seconds of the live processes pids (with waited-for
    children)."""
    t = 0
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                v = f.read()
            v = v[v.rindex(")") + 2:].split()
            t += sum(int(x) for x in v[11:15])
        except (OSError, ValueError):
            pass
    return t / os.sysconf("SC_CLK_TCK")


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
        # 1 findings, 3 unreadable input; xargs says 123 for either.
        if code not in (0, 1, 3, 123):
            sys.exit("nbbench: %s: exit %d: %s" % (label, code, cmd))
        print("run\t%s\trep=%d\twall=%.4f\tcpu=%.4f\trss=%d" % (label, i,
              wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss), flush=True)


def list_files(src):
    return sorted(os.path.join(src, f) for f in os.listdir(src)
                  if not f.startswith("."))


def cmd_drain(label, src, incoming, out, timeout, pid=None):
    files = list_files(src)
    n = len(files)
    before = count_results(out)
    ino = Inotify(out)
    sampler = RssSampler(int(pid)) if pid else None
    if sampler:
        sampler.start()
    seen = set()
    cpu0 = cpu_of(family(int(pid))) if pid else 0
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
    cpu = cpu_of(family(int(pid))) - cpu0 if pid else 0
    if sampler:
        sampler.stop.set()
        sampler.join()
    ok = done >= n
    print("drain\t%s\twall=%.4f\tcpu=%.3f\tn=%d\tdone=%d\tmoved=%.4f"
          "\tok=%d\thwm_main=%d\thwm_child=%d" % (label, wall, cpu, n, done,
          t_moved, ok, sampler.main if sampler else 0,
          sampler.child if sampler else 0), flush=True)
    if not ok:
        sys.exit(1)


def cmd_arrivals(count, *dirs):
    n = int(count)
    ino = Inotify(list(dirs), IN_MOVED_TO)
    print("watching", flush=True)
    seen = 0
    while seen < n:
        names = ino.read(60.0)
        if names is None:
            sys.exit("nbbench: inotify overflow while waiting for arrivals")
        seen += sum(1 for x in names
                    if not x.startswith(".") and not x.endswith(".reason"))
    print("done", flush=True)


def pct(v, p):
    v = sorted(v)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def cmd_latency(label, src, incoming, out, count, gap, timeout):
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
    raw = os.environ.get("NBBENCH_RAW")
    if raw:
        with open(os.path.join(raw, "latency-%s.txt" % label), "w") as f:
            f.write("".join("%.3f\n" % x for x in lat))
    print("latency\t%s\tp50=%.3f\tp90=%.3f\tp99=%.3f\tmax=%.3f\tn=%d" % (
          label, pct(lat, 50), pct(lat, 90), pct(lat, 99), max(lat),
          len(lat)), flush=True)


def cmd_rss(label, pid):
    pid = int(pid)
    main, kids = None, []
    for p in family(pid):
        s = status(p)
        if s and "VmHWM" in s:
            if p == pid:
                main = s
            else:
                kids.append(s)
    if main is None:
        sys.exit("nbbench: no process %d" % pid)
    print("rss\t%s\thwm_main=%s\trss_main=%s\tworkers=%d\thwm_child=%d"
          "\trss_child=%d" % (label, main["VmHWM"], main["VmRSS"], len(kids),
          max([int(k["VmHWM"]) for k in kids] or [0]),
          max([int(k["VmRSS"]) for k in kids] or [0])), flush=True)


def cmd_recycle(src, dst, most=None):
    """Moves src/[ID-]NAME back to dst/NAME (the spool's archive/ as input),
    at most `most` files."""
    n = 0
    for e in os.scandir(src):
        if most is not None and n >= int(most):
            break
        if e.is_file():
            name = re.sub(r"^[0-9a-f]{16}-", "", e.name)
            os.rename(e.path, os.path.join(dst, name))
            n += 1
    print(n)


def records(path):
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 2:
            continue
        d = {"kind": f[0], "label": f[1]}
        for kv in f[2:]:
            k, _, v = kv.partition("=")
            try:
                d[k] = float(v)
            except ValueError:
                d[k] = v
        yield d


def cmd_summary(path):
    """Markdown tables of one run's results.tsv."""
    recs = list(records(path))
    runs = {}
    for r in recs:
        if r["kind"] == "run":
            runs.setdefault(r["label"], []).append(r)
    meta = {r["label"]: r for r in recs if r["kind"] == "meta"}

    def med(label, key):
        v = [r[key] for r in runs.get(label, [])]
        return statistics.median(v) if v else None

    def best(label, key):
        v = [r[key] for r in runs.get(label, [])]
        return min(v) if v else None

    if runs:
        print("### Batch throughput (`nianbao check --json`, xargs -n 1000)"
              "\n")
        print("| corpus | files | reports/s (median) | floor | floor files/s "
              "| ratio wall median (min..max) | ratio CPU median | reps |")
        print("|---|---|---|---|---|---|---|---|")
        for fmt in ("txt", "gbk", "html", "docx", "pdf", "txt-perfile",
                    "pdf-perfile"):
            c, fl = runs.get("tp-%s-check" % fmt), runs.get("tp-%s-floor" % fmt)
            if not c or not fl:
                continue
            n = meta.get("tp-%s" % fmt, {}).get("files", 0)
            ratios = [a["wall"] / b["wall"] for a, b in zip(c, fl)]
            cratios = [a["cpu"] / b["cpu"] if b["cpu"] > 0 else float("nan")
                       for a, b in zip(c, fl)]
            floor = meta.get("tp-%s" % fmt, {}).get("floor", "cat")
            print("| %s | %d | %.0f | %s | %.0f | %.2f× (%.2f..%.2f) | %.2f× | %d |"
                  % (fmt, n, n / med("tp-%s-check" % fmt, "wall"), floor,
                     n / med("tp-%s-floor" % fmt, "wall"),
                     statistics.median(ratios), min(ratios), max(ratios),
                     statistics.median(cratios), len(ratios)))
        print()
    dr = [r for r in recs if r["kind"] == "drain"]
    if dr:
        print("### Daemon drain (burst moved into incoming/, until the last "
              "out/*.json)\n")
        print("| run | files | seconds | files/s | CPU s (all processes) "
              "| peak RSS main KiB | peak RSS worker KiB |")
        print("|---|---|---|---|---|---|---|")
        rate = {}
        for r in dr:
            fps = r["done"] / r["wall"]
            # The 1k run is a warm-up for the memory point: not compared.
            if not r["label"].endswith("-1k"):
                rate.setdefault(r["label"].split("-")[0], []).append(fps)
            print("| %s | %d | %.2f | %.1f | %.2f | %d | %d |" % (r["label"],
                  r["done"], r["wall"], fps, r.get("cpu", 0), r["hwm_main"],
                  r["hwm_child"]))
        cpu = {r["label"].split("-")[0]: r.get("cpu", 0) / r["done"]
               for r in dr if r["done"] and not r["label"].endswith("-1k")}
        if "nianbaod" in rate and "pipeline" in rate:
            print("\nDrain rate ratio nianbaod / inotifywait pipeline: "
                  "**%.1f×** (CPU per report: %.1f×)" % (
                      max(rate["nianbaod"]) / max(rate["pipeline"]),
                      cpu["pipeline"] / cpu["nianbaod"]
                      if cpu.get("nianbaod") else float("nan")))
        if "nofsync" in rate and "pipeline" in rate:
            print("\nDiagnostic, fsync disabled: nianbaod / pipeline "
                  "**%.1f×**" % (max(rate["nofsync"]) / max(rate["pipeline"])))
        print()
    lat = [r for r in recs if r["kind"] == "latency"]
    if lat:
        print("### Single-file arrival-to-result latency (idle, one at a "
              "time)\n")
        print("| run | n | p50 ms | p90 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|---|")
        for r in lat:
            print("| %s | %d | %.1f | %.1f | %.1f | %.1f |" % (r["label"],
                  r["n"], r["p50"], r["p90"], r["p99"], r["max"]))
        print()
    rs = [r for r in recs if r["kind"] == "rss"]
    if rs:
        print("### Memory (VmHWM = peak RSS, VmRSS = now)\n")
        print("| after | daemon VmHWM KiB | daemon VmRSS KiB | workers "
              "| worker VmHWM KiB | worker VmRSS KiB |")
        print("|---|---|---|---|---|---|")
        for r in rs:
            print("| %s | %d | %d | %d | %d | %d |" % (r["label"],
                  r["hwm_main"], r["rss_main"], r["workers"], r["hwm_child"],
                  r["rss_child"]))
        print()


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd, args = a[0], a[1:]
    if cmd == "run" and len(args) == 3:
        cmd_run(*args)
    elif cmd == "drain" and len(args) in (5, 6):
        cmd_drain(*args)
    elif cmd == "latency" and len(args) == 7:
        cmd_latency(*args)
    elif cmd == "arrivals" and len(args) >= 2:
        cmd_arrivals(*args)
    elif cmd == "rss" and len(args) == 2:
        cmd_rss(*args)
    elif cmd == "recycle" and len(args) in (2, 3):
        cmd_recycle(*args)
    elif cmd == "summary" and len(args) == 1:
        cmd_summary(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
