#!/usr/bin/env python3
"""scans.py -- the OCR reader on scans made at test time (issue 15).

Every sample's PDF rendering (tests/data/formats/sample-NNN.pdf, made
from its text) is rendered at 150 dpi with pdftoppm, turned by up to
1.5 degrees, given grey noise and specks, and wrapped as an image-only
PDF with img2pdf: a scan as an office's scanner makes it.  Mutants are
made on the page images before they are degraded: the digits of one
T3 or T4 cell are painted over and written again, one more or a few
more, in the report's font (fonts-noto-cjk) at the size, baseline and
left edge the PDF's renderer gave them (repaint()).  Nothing here is
committed as an image.

Asserted:
  * each scan gives the findings of its text (rule, severity, cell),
    except findings the scan adds that say the text could not be read
    for sure (a warning, never an error);
  * at least 95 % of the tables of the scans are read complete;
  * every mutant is caught by an error on its cell (T4: an error
    listing it) or said unreadable (a *_unreadable warning on its
    table: nothing of it is checked), and none gives an error on another cell.
Measured (printed, and --report FILE as JSON): digits of T2-T4 read
right, tables complete, false errors, time.

usage: scans.py --src SRCDIR --build BUILDDIR [--mutants N] [--keep DIR]
       [--report FILE] [--samples 000,001]
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

from PIL import Image, ImageChops, ImageDraw, ImageFont

DPI = 150
FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
SAMPLES = ('000', '001', '002', '003', '004')
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
NUM = re.compile(r'^\d+$')


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, **kw).stdout


def pages_of(pdf, out):
    run(['pdftoppm', '-r', str(DPI), '-gray', '-png', pdf,
         os.path.join(out, 'p')])
    return sorted(os.path.join(out, f) for f in os.listdir(out)
                  if f.startswith('p-') and f.endswith('.png'))


def degrade(img, rng):
    """Turned, noisy, specked: what a scanner gives back."""
    img = img.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC,
                     fillcolor=255)
    noise = Image.effect_noise(img.size, 18)
    img = ImageChops.add(img, noise, 1.0, -128)
    d = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(400):
        x, y = rng.randrange(w), rng.randrange(h)
        d.point((x, y), fill=rng.choice((0, 90, 255)))
    return img


def make_pdf(images, path, rng, keep=None):
    tmp = tempfile.mkdtemp(dir=os.path.dirname(path))
    files = []
    for i, img in enumerate(images):
        f = os.path.join(tmp, '%03d.png' % i)
        degrade(img, rng).save(f, dpi=(DPI, DPI))
        files.append(f)
    run(['img2pdf', '-o', path] + files)
    shutil.rmtree(tmp)


def words_of(pdf):
    """Words of each page of the text PDF, in points."""
    html = run(['pdftotext', '-bbox', pdf, '-']).decode()
    pages = []
    for chunk in html.split('<page ')[1:]:
        pages.append([(float(a), float(b), float(c), float(d), t)
                      for a, b, c, d, t in WORD.findall(chunk)])
    return pages


def lines_of(words):
    lines = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        yc, h = (w[1] + w[3]) / 2, w[3] - w[1]
        if lines and abs(lines[-1][0] - yc) < 0.5 * h:
            lines[-1][1].append(w)
        else:
            lines.append([yc, [w]])
    return [sorted(l[1]) for l in lines]


def table_cells(pdf, pack):
    """(cell id, page index, word box, value) of every T3 and T4 cell:
    T3 rows are the lines ending in 7 numbers, in order; T4 the line of
    15 numbers."""
    t3 = next(t for t in pack['tables'] if t['id'] == 't3')
    t4 = next(t for t in pack['tables'] if t['id'] == 't4')
    rows3, row4 = [], None
    for pi, words in enumerate(words_of(pdf)):
        lines = lines_of(words)
        for li, line in enumerate(lines):
            nums = [w for w in line if NUM.match(w[4])]
            nxt = lines[li + 1] if li + 1 < len(lines) else []
            # the last number alone on the next line (sample 004)
            if len(nums) == 6 and line[-6:] == nums and len(nxt) == 1 and \
                    NUM.match(nxt[0][4]):
                nums = nums + nxt
                line = line + nxt
            if len(nums) == 7 and line[-7:] == nums:
                rows3.append((pi, nums))
            elif len(nums) == 15 and row4 is None:
                row4 = (pi, nums)
    cells = []
    if len(rows3) == len(t3['rows']):
        for (pi, nums), rd in zip(rows3, t3['rows']):
            for w, col in zip(nums, t3['cols']):
                cells.append(('t3.%s.%s' % (rd['id'], col), pi, w[:4],
                              int(w[4])))
    if row4 is not None:
        pi, nums = row4
        for w, col in zip(nums, t4['rows'][0]['cols']):
            cells.append(('t4.' + col, pi, w[:4], int(w[4])))
    return cells


# Where pdftotext's word box puts the digits of the samples' PDFs (9 pt
# Noto Sans CJK, box 11.7 pt high): em = box height / 1.3, baseline at
# 0.71 of the box from its top, ink 0.5 px left of the box.  Fitted on
# 44 cells of samples 000 and 004 by drawing each cell's own value and
# comparing with the page; over all 380 T3/T4 cells of the two the
# repainted box differs from the page by 7.8 of 255 a pixel on average
# (14 at worst), against 42 for the old drawing (a font 0.86 of the box
# high, centred on it: digits a third too tall and low, and its white
# box took out part of the cell's bottom rule).
EM_OF_BOX, BASE_OF_BOX, DX = 1 / 1.3, 0.71, -0.5
SUPER = 4               # drawn 4x and scaled down: sub-pixel size/place


def repaint(img, box, value):
    """Paints over a number and writes another in its place, as the
    PDF renderer printed the digits there: same size, baseline and left
    edge; only the digits' ink is painted over, not the cell's rules."""
    s = DPI / 72.0
    x1, y1, x2, y2 = (v * s for v in box)
    em = (y2 - y1) * EM_OF_BOX
    base = y1 + (y2 - y1) * BASE_OF_BOX
    d = ImageDraw.Draw(img)
    # digits stand 0.73 em above the baseline, nothing below it
    d.rectangle((x1 - 1, base - 0.85 * em, x2 + 1, base + 0.12 * em),
                fill=255)
    font = ImageFont.truetype(FONT, int(round(em * SUPER)))
    ox, oy = int(x1) - 2, int(base - em)
    w = int(font.getlength(str(value)) / SUPER + (x1 - ox)) + 4
    h = int(base - oy + 0.3 * em) + 2
    big = Image.new('L', (w * SUPER, h * SUPER), 255)
    ImageDraw.Draw(big).text(((x1 - ox + DX) * SUPER, (base - oy) * SUPER),
                             str(value), font=font, fill=0, anchor='ls')
    small = big.resize((w, h), Image.BOX)
    area = (ox, oy, ox + w, oy + h)
    img.paste(ImageChops.darker(img.crop(area), small), area)


def check(args, files):
    """nianbao check --json over files: one result per file."""
    cmd = [os.path.join(args.build, 'cli', 'nianbao'), 'check', '--json',
           '--ocr=auto',
           '--rules', os.path.join(args.src, 'rules', 'national-2021.json'),
           '--plugin-dir', os.path.join(args.build, 'plugins', '.libs')]
    env = dict(os.environ)
    p = subprocess.run(cmd + files, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env)
    if p.returncode not in (0, 1):
        sys.exit('nianbao check failed (%d): %s' % (p.returncode,
                                                   p.stderr.decode()))
    out = [json.loads(l) for l in p.stdout.decode().splitlines() if l]
    return {r['file']: r for r in out}


def key(f):
    """Where a finding is: its cell, or the section it names (a scan
    that loses heading 二 while the text lacks 四 has a false error)."""
    return (f['rule'], f['severity'], f.get('cell'), f.get('section'))


def judge_sample(name, text, scan, stats, fails):
    """The scan's findings are the text's; a scan may add warnings
    that say it could not read something for sure."""
    want = {key(f) for f in text['findings']}
    got = {key(f) for f in scan['findings']}
    for k in sorted(want - got, key=str):
        fails.append('%s: scan lost finding %s' % (name, k))
    for k in sorted(got - want, key=str):
        if k[1] == 'error':
            stats['false_errors'] += 1
            fails.append('%s: scan adds error %s' % (name, k))
        else:
            stats['added_warnings'].append('%s %s' % (name, k[0]))
    for f in scan['findings']:
        if f.get('source') != 'ocr' or '（扫描件识别）' not in f['message']:
            fails.append('%s: finding %s does not say it is from a scan' %
                         (name, f['rule']))
    for t, st in (text.get('tables') or {}).items():
        if st['state'] == 'absent':
            continue
        stats['tables'] += 1
        s2 = (scan.get('tables') or {}).get(t, {}).get('state')
        stats['complete'] += s2 == 'complete' or s2 == st['state']
        if s2 != st['state']:
            stats['table_misses'].append('%s %s %s/%s' % (name, t, s2,
                                                          st['state']))
    tr, sr = text.get('readings') or {}, scan.get('readings') or {}
    for cid, v in tr.items():
        if v[0] is None or not cid.startswith(('t2.', 't3.', 't4.')):
            continue
        stats['digits'] += 1
        if cid in sr and sr[cid][0] == v[0]:
            stats['digits_right'] += 1
            stats['sure'] += sr[cid][4] >= 0.95
        else:
            if cid in sr and sr[cid][4] >= 0.95:
                stats['wrong_sure'] += 1
                stats['sure'] += 1
            stats['digit_misses'].append('%s %s %s/%s%s' % (
                name, cid, sr.get(cid, [None])[0], v[0],
                ' sure' if cid in sr and sr[cid][4] >= 0.95 else ''))


def judge_mutant(name, cell, res, text, stats, fails):
    """An error the sample's text has too (004's narrative.applications
    on t3.new.total) is the report's own, not one on a wrong cell."""
    own = {key(f) for f in text['findings']}
    errs = [f for f in res['findings'] if f['severity'] == 'error' and
            f.get('cell', '').startswith(('t3.', 't4.')) and
            key(f) not in own]
    on = [f for f in errs if f.get('cell') == cell or
          (cell.startswith('t4.') and cell in (f.get('cells') or []))]
    wrong = [f for f in errs if f not in on]
    stats['mutants'] += 1
    if on:
        stats['caught'] += 1
    elif any(f['rule'].endswith('unreadable') and
             f.get('section') == int(cell[1]) for f in res['findings']):
        stats['unsure'] += 1
        stats['unsure_mutants'].append('%s %s' % (name, cell))
    else:
        fails.append('%s %s: not caught' % (name, cell))
    if wrong:
        stats['wrong_cell'] += 1
        fails.append('%s %s: error on another cell: %s' % (
            name, cell, [(f['rule'], f.get('cell')) for f in wrong]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--src', required=True)
    ap.add_argument('--build', required=True)
    ap.add_argument('--mutants', type=int, default=25)
    ap.add_argument('--samples', default=','.join(SAMPLES))
    ap.add_argument('--keep')
    ap.add_argument('--report')
    args = ap.parse_args()
    pack = json.load(open(os.path.join(args.src, 'rules',
                                       'national-2021.json')))
    work = args.keep or tempfile.mkdtemp(prefix='nb-scans-')
    os.makedirs(work, exist_ok=True)
    rng = random.Random(15)
    stats = dict(tables=0, complete=0, digits=0, digits_right=0, sure=0,
                 wrong_sure=0,
                 false_errors=0, mutants=0, caught=0, unsure=0,
                 wrong_cell=0, unsure_mutants=[], added_warnings=[],
                 table_misses=[],
                 digit_misses=[], pages=0)
    fails = []
    scans, texts, mutants = {}, {}, {}
    for n in args.samples.split(','):
        pdf = os.path.join(args.src, 'tests', 'data', 'formats',
                           'sample-%s.pdf' % n)
        d = os.path.join(work, n)
        os.makedirs(d, exist_ok=True)
        images = [Image.open(p).convert('L') for p in pages_of(pdf, d)]
        stats['pages'] += len(images)
        scans[n] = os.path.join(work, 'scan-%s.pdf' % n)
        make_pdf(images, scans[n], rng)
        texts[n] = os.path.join(args.src, 'tests', 'data',
                                'sample-%s.txt' % n)
        cells = table_cells(pdf, pack)
        if not cells or args.mutants == 0:
            continue
        # the pages of 三 and 四: the table pages and the one before
        pis = {c[1] for c in cells}
        keep = list(range(max(min(pis) - 1, 0), max(pis) + 1))
        for c in rng.sample(cells, min(args.mutants, len(cells))):
            cid, pi, box, v = c
            imgs = [images[i].copy() for i in keep]
            repaint(imgs[keep.index(pi)], box, v + rng.choice((1, 2, 3, 5)))
            f = os.path.join(work, 'mut-%s-%s.pdf' % (n, cid))
            make_pdf(imgs, f, rng)
            mutants[f] = (n, cid)
            stats['pages'] += len(imgs)
    t0 = time.time()
    res = check(args, list(scans.values()) + list(mutants))
    stats['seconds'] = round(time.time() - t0, 1)
    tres = check(args, list(texts.values()))
    for n in scans:
        judge_sample(n, tres[texts[n]], res[scans[n]], stats, fails)
    for f, (n, cid) in sorted(mutants.items()):
        judge_mutant(n, cid, res[f], tres[texts[n]], stats, fails)
    if stats['tables'] and stats['complete'] < 0.95 * stats['tables']:
        fails.append('tables complete: %d of %d' % (stats['complete'],
                                                   stats['tables']))
    print(json.dumps(stats, ensure_ascii=False, indent=1))
    if args.report:
        with open(args.report, 'w') as fp:
            json.dump(stats, fp, ensure_ascii=False, indent=1)
    for f in fails:
        print('FAIL: ' + f)
    if not args.keep:
        shutil.rmtree(work)
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
