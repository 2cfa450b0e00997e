#!/usr/bin/env python3
"""ocr.py -- what a scanned page costs nianbao against the tesseract
command on the same page image (issue 15: at most 1.5x), and what a text
report costs with the OCR module present (nothing: it is never loaded).

Pages: sample 000's PDF rendering at 300 dpi, the T3 table page and a
page of prose, each as a PNG (for tesseract -l chi_sim) and as an
image-only PDF (for nianbao check).  Interleaved runs, REPS of each; the
figure is the ratio of the medians of CPU time (user + system of the
child, which load on a shared machine does not inflate) and of wall
time.  Both run with OMP_THREAD_LIMIT=1 (the module sets it for
itself: the daemon's workers share the cores).

usage: ocr.py SRCDIR BUILDDIR OUTDIR [REPS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, env):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env, check=False)
    t1 = time.monotonic()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (t1 - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))


def main():
    src, bld, out = sys.argv[1:4]
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='nb-ocr-bench-')
    pdf = os.path.join(src, 'tests/data/formats/sample-000.pdf')
    env = dict(os.environ, OMP_THREAD_LIMIT='1')
    nb = [os.path.join(bld, 'cli/nianbao'), 'check', '--json', '--rules',
          os.path.join(src, 'rules/national-2021.json'), '--plugin-dir',
          os.path.join(bld, 'plugins/.libs')]
    rows = []
    for name, page in (('table page (T3)', 3), ('prose page', 1)):
        png = os.path.join(tmp, 'p%d' % page)
        subprocess.run(['pdftoppm', '-r', '300', '-gray', '-png', '-f',
                        str(page), '-l', str(page), '-singlefile', pdf, png],
                       check=True)
        scan = png + '.pdf'
        subprocess.run(['img2pdf', '-o', scan, png + '.png'], check=True)
        t, n = [], []
        for _ in range(reps):
            t.append(timed(['tesseract', png + '.png', '-', '-l',
                            'chi_sim'], env))
            n.append(timed(nb + [scan], env))
        tw, tc = (statistics.median(x[i] for x in t) for i in (0, 1))
        nw, nc = (statistics.median(x[i] for x in n) for i in (0, 1))
        rows.append((name, tc, nc, nc / tc, tw, nw, nw / tw))
    text = os.path.join(src, 'tests/data/sample-000.txt')
    plain = dict(env, NB_OCR_MODULE='/nonexistent')
    a, b = [], []
    for _ in range(reps * 3):
        a.append(timed(nb + [text], plain)[1])
        b.append(timed(nb + [text], env)[1])
    lines = ['| page | tesseract CPU s | nianbao CPU s | ratio | '
             'tesseract wall s | nianbao wall s | ratio |',
             '|---|---|---|---|---|---|---|']
    for r in rows:
        lines.append('| %s | %.2f | %.2f | **%.2f** | %.2f | %.2f | %.2f |'
                     % r)
    lines.append('')
    lines.append('text report, CPU s: no OCR module %.3f, module present '
                 '%.3f (ratio %.2f)' % (statistics.median(a),
                                         statistics.median(b),
                                         statistics.median(b) /
                                         statistics.median(a)))
    with open(os.path.join(out, 'ocr.md'), 'w') as fp:
        fp.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))
    worst = max(r[3] for r in rows)
    return 0 if worst <= 1.5 else 1


if __name__ == '__main__':
    sys.exit(main())
