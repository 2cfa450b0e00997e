#!/usr/bin/env python3
"""harness.py -- issue 8's layout test: every sample and real report
rebuilt at test time in each layout class must give the findings and the
cell readings of its clean copy, or one sums.table_unreadable warning where
the test's own enumeration (readings.py) finds more than one reading --
never an error from a guess.  Then the single-cell mutants (mutants.py).

Prints a class x file table (ok / unread-ok / FAIL with the first
difference), the fraction of tables read complete, the mutation counts
and every false error.  Exit 0 only when every variant and mutant passes.

usage: harness.py --src SRCDIR --build BUILDDIR [--shared DIR]
                  [--report FILE.md] [--no-mutants] [--keep DIR]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mutants   # noqa: E402
import readings  # noqa: E402
import render    # noqa: E402
import source    # noqa: E402

SECTION = {'t2': 2, 't3': 3, 't4': 4}
# a table read for nothing: T2, T3 (sums) and T4 (litigation)
UNREAD_RULES = ('sums.table_unreadable', 'litigation.table_unreadable')
RULE_TABLE = {'sums': 't3', 'litigation': 't4', 'narrative': 't3'}
TEXT_CLASSES = ['oneline', 'cr', 'glued', 'glued-lines', 'markdown', 'ocr',
                'layout', 'pages']


class Tools:
    def __init__(self, src, build):
        self.rules = os.path.join(src, 'rules', 'national-2021.json')
        self.cli = os.path.join(build, 'cli', 'nianbao')
        self.dump = os.path.join(build, 'tests', 'layouts', 'dump-model')
        self.plugins = os.path.join(build, 'plugins', '.libs')
        self.pack = json.load(open(self.rules, encoding='utf-8'))
        self.rels = readings.expand(self.pack)

    def _batch(self, argv, files, key):
        out = {}
        chunks = [files[i:i + 60] for i in range(0, len(files), 60)]
        procs = []
        for ch in chunks:
            procs.append((ch, subprocess.Popen(argv + ch,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)))
            if len(procs) >= 2:
                self._collect(procs.pop(0), out, key)
        for p in procs:
            self._collect(p, out, key)
        return out

    @staticmethod
    def _collect(p, out, key):
        ch, proc = p
        so, _ = proc.communicate()
        got = {}
        for line in so.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            got[rec.get(key)] = rec
        for f in ch:
            out[f] = got.get(f, {'error': 'no record'})

    def check(self, files):
        return self._batch([self.cli, 'check', '--json', '--rules',
                            self.rules, '--plugin-dir', self.plugins],
                           files, 'file')

    def models(self, files):
        return self._batch([self.dump, self.rules], files, 'file')


# Variants the reader does not read yet, each named with why: they are
# reported every run and do not fail it; one that starts to pass does,
# so that it is taken out of here.
KNOWN_GAPS = {}

# Classes the reader does not read yet, with why: a variant of one may
# miss findings or declare tables unreadable (reported, its tables counted
# apart from the 95% gate) but never give a false error.
KNOWN_GAP_CLASSES = {
    'pdf-text': 'pdftotext in its default mode: a T3 whose numbers keep '
    'the row order (real file 17) is read by that order where one reading '
    'keeps every relation (sequence.c); our own renderings\' labels '
    'wrapped over two lines move numbers out of that order, T2 blocks of '
    '规章 and 规范性文件 read by rows or by columns keep every relation '
    'alike (T2 has none), and a T4 number is printed after the next '
    'section: those are sums.table_unreadable',
}


def row_key(cell):
    return cell.rsplit('.', 1)[0] if cell else None


def fkey(f, glued):
    cell = f.get('cell')
    return (f.get('rule'), f.get('severity'), f.get('section'),
            row_key(cell) if glued else cell)


def related(f, table):
    cell = f.get('cell') or ''
    if cell.startswith(table + '.'):
        return True
    return (f.get('rule', '').split('.')[0] in ('sums', 'litigation') and
            f.get('section') == SECTION[table] and
            f.get('rule') not in UNREAD_RULES)


def first_diff(want, got):
    """The first difference between two lists of finding keys, errors
    before warnings, missing before extra."""
    w, g = list(want), list(got)
    for x in want:
        if x in g:
            g.remove(x)
            w.remove(x)
    for sev in ('error', 'warning', 'info'):
        for x in sorted(w, key=str):
            if x[1] == sev:
                return 'missing %s' % (x,)
        for x in sorted(g, key=str):
            if x[1] == sev:
                return 'extra %s' % (x,)
    return None


def ids_of(item):
    return source.cell_ids(item[1], item[2], len(item[3]))


def ambiguous_tables(doc, rows, rels):
    """Tables of the variant with more than one reading, and those with a
    defect no reading escapes (no split of a glued row satisfies its
    relations: the row's cells cannot be known, only that it is wrong)."""
    out, nosplit = set(), set()
    for t in ('t2', 't3', 't4'):
        tr = [r for r in rows if r[1][1] == t]
        if not tr:
            continue
        truth = dict(doc.cells)
        for _, it, _ in tr:
            truth.update(zip(ids_of(it), it[3]))
        if any(r[0] == 'paged' for r in tr):
            if not readings.paged_sure(tr, ids_of, rels, truth):
                out.add(t)
        elif readings.readings(tr, ids_of, rels, truth) > 1:
            out.add(t)
        elif readings.consistent(tr, ids_of, rels, truth) == 0:
            nosplit.add(t)
    return out, nosplit


def expect_ok(doc, rep, skip_tables):
    """The real file's criterion (score-real): every must finding, no
    error outside must + allowed_errors, the format right."""
    fs = rep.get('findings', [])
    ex = doc.expect or {}
    allowed = set(ex.get('allowed_errors', []))
    for rule, sec in ex.get('must', []):
        rules = rule if isinstance(rule, list) else [rule]
        allowed |= set(rules)
        if doc.name == 'real-06':
            continue   # needs the 2019 pack (issue 8, Done when)
        if not any(f.get('rule') in rules and
                   (sec is None or f.get('section') == sec) for f in fs):
            # a finding read from a table declared unreadable is excused
            if any(SECTION[t] == sec or RULE_TABLE.get(r.split('.')[0]) == t
                   for t in skip_tables for r in rules):
                continue
            return 'must %s %s missing' % (rule, sec)
    fmt = str(rep.get('format'))
    if doc.fmt == '2021':
        if fmt != '2021':
            return 'format %s, not 2021' % fmt
    else:
        allowed.add('report.format')
        if fmt == '2021' or not any(f.get('rule') == 'report.format'
                                    for f in fs):
            return 'format %s not recognised as %s' % (fmt, doc.fmt)
    for f in fs:
        if f.get('severity') == 'error' and f.get('rule') not in allowed:
            return 'false error %s L%s %s' % (f.get('rule'), f.get('line'),
                                               f.get('cell') or '')
    return None


def compare_cells(doc, model, amb, nosplit=()):
    if doc.fmt != '2021':
        return None     # not read as 2021 tables, by design
    cells = model.get('cells') or {}
    for cid, want in doc.cells.items():
        if want is None or cid.split('.')[0] not in SECTION:
            continue
        c = cells.get(cid, {})
        t = cid.split('.')[0]
        if t in amb and c.get('conf', 0) < 0.95:
            continue
        # a row no split makes add up: its digits, not its cells, are
        # what the reader can give (the finding names them)
        if t in nosplit and c.get('kind') == 'missing' and \
                len(c.get('raw', '')) > len(str(want)):
            continue
        got = c.get('value')
        if got is None or abs(got - want) > 1e-6:
            st = (model.get('tables') or {}).get(t, {}).get('state')
            return '%s %s: cell %s read %s %s "%s", clean %s' % (
                t, st, cid, c.get('kind'), got, c.get('raw', ''), want)
    return None


def judge(v, rep, ref, model):
    """ok / unread-ok / FAIL: reason, and the false errors."""
    doc, amb = v['doc'], v['amb']
    if 'error' in rep or 'findings' not in rep:
        return 'FAIL: no result (%s)' % rep.get('error'), []
    fs = rep['findings']
    unread = [f for f in fs if f.get('rule') in UNREAD_RULES]
    unread_t = set()
    for f in unread:
        t = (f.get('cell') or '').split('.')[0]
        unread_t.add(t if t in SECTION else
                     {2: 't2', 3: 't3', 4: 't4'}.get(f.get('section'), '?'))
    # Tables the test holds no reading of (T2 of the real files) cannot
    # be judged: an unreadable warning for them is taken as it comes.
    known = set(r[1][1] for r in v.get('rows', [])) | set(
        c.split('.')[0] for c in doc.cells)
    bad = [t for t in unread_t if t not in amb and t in known]
    skip = set(t for t in unread_t if t in amb or t not in known)
    glued = v['glued']
    false = []
    # A real file's PDF is its clean copy for errors only: the PDF
    # reader's own warnings are not a hand reading.
    sev = ('error',) if doc.expect is not None else ('error', 'warning',
                                                      'info')
    if ref is not None:
        want = [fkey(f, glued) for f in ref.get('findings', [])
                if not any(related(f, t) for t in skip) and
                f.get('severity') in sev]
        got = [fkey(f, glued) for f in fs if f not in unread and
               not any(related(f, t) for t in skip) and
               f.get('severity') in sev]
        d = first_diff(want, got)
        refkeys = set(fkey(f, glued) for f in ref.get('findings', []))
        false = [f for f in fs if f.get('severity') == 'error' and
                 fkey(f, glued) not in refkeys]
    else:
        d = None
    if doc.expect is not None:
        e = expect_ok(doc, rep, skip)
        d = d or e
        allowed = set((doc.expect or {}).get('allowed_errors', [])) | set(
            r for m in (doc.expect or {}).get('must', [])
            for r in (m[0] if isinstance(m[0], list) else [m[0]]))
        if doc.fmt != '2021':
            allowed.add('report.format')
        false += [f for f in fs if f.get('severity') == 'error' and
                  f.get('rule') not in allowed and f not in false]
    for t in skip:
        errs = [f for f in fs if f.get('severity') == 'error' and
                related(f, t)]
        if errs:
            return 'FAIL: error %s from unreadable %s' % (
                errs[0].get('rule'), t), false
    if len(unread) > len(skip):
        d = d or 'table_unreadable for %s, enumeration finds one reading' \
            ' of each (%s)' % (sorted(unread_t), unread[0].get('message'))
    if bad:
        d = d or 'table_unreadable for %s, which has one reading' % bad[0]
    if not d and model is not None:
        d = compare_cells(doc, model, amb, v.get('nosplit', ()))
    if d:
        return 'FAIL: ' + d, false
    return ('unread-ok' if skip else 'ok'), false


def pdf_variants(src, shared, docs, tmp):
    """(d) pdftotext in its default mode (reading order: column blocks),
    -raw and -layout of the project's PDF renderings and of the PDFs of
    ../shared/real, made now."""
    out = []
    if shutil.which('pdftotext') is None:
        print('SKIP: pdftotext not installed, no (d) variants')
        return out
    byname = {d.name: d for d in docs}
    fmt = os.path.join(src, 'tests', 'data', 'formats')
    pdfs = [(os.path.join(fmt, f), f.split('.')[0])
            for f in sorted(os.listdir(fmt))
            if f.startswith('sample-') and f.endswith('.pdf')]
    if shared:
        real = os.path.join(shared, 'real')
        pdfs += [(os.path.join(real, f), 'real-' + f[:2])
                 for f in sorted(os.listdir(real)) if f.endswith('.pdf')]
    for path, name in pdfs:
        if name not in byname:
            continue
        tag = os.path.basename(path)[:-4].split('.', 1)
        tag = '.' + tag[1] if len(tag) > 1 else ''
        for mode in ('text', 'raw', 'layout'):
            dst = os.path.join(tmp, '%s%s.pdf-%s.txt' % (name, tag, mode))
            opt = [] if mode == 'text' else ['-' + mode]
            subprocess.run(['pdftotext'] + opt + ['-enc', 'UTF-8',
                            path, dst], check=True)
            out.append({'doc': byname[name], 'cls': 'pdf-' + mode,
                        'path': dst, 'rows': [], 'glued': False,
                        'file': name + tag})
    return out


def selfcheck(shared):
    """The enumeration agrees with the hand readings: the splits that
    labels.json lists for rows ambiguous on their own are exactly the
    row-consistent splits found here, and the whole table leaves one.
    Returns the failures."""
    bad = []
    if readings.splits('71424', 3) == [[7, 14, 24]] or \
            readings.splits('000', 3) != [[0, 0, 0]]:
        bad.append('splits of 71424 / 000 wrong')
    bad += judge_selfcheck()
    if not shared:
        return bad
    labels = json.load(open(os.path.join(shared, 'real', 'labels.json'),
                            encoding='utf-8'))
    for lab in labels:
        at = lab.get('application_table') or {}
        for amb in at.get('ambiguous_rows_when_split_in_isolation') or []:
            got = [c for c in readings.splits(amb['string'], 7)
                   if sum(c[:6]) == c[6]]
            if sorted(got) != sorted(amb['candidate_splits']):
                bad.append('%s %s: splits %s, labels.json %s' % (
                    lab['file'], amb['row'], got, amb['candidate_splits']))
    return bad


def judge_selfcheck():
    """judge() on made-up results: one unreadable warning for an
    ambiguous table passes, an error from it or an unreadable warning for
    a table with one reading fails."""
    doc = source.Doc('self', [('t', '')], {'t3.new.total': None}, '',
                     fmt='2021')
    w = {'rule': 'narrative.x', 'severity': 'warning', 'section': 1}
    u = {'rule': 'sums.table_unreadable', 'severity': 'warning',
         'section': 3}
    e = {'rule': 'sums.row_total', 'severity': 'error', 'section': 3,
         'cell': 't3.new.total'}
    ref = {'findings': [w]}
    cases = [({'t3'}, [u, w], 'unread-ok'), ({'t3'}, [u, w, e], 'FAIL'),
             (set(), [u, w], 'FAIL'), (set(), [w], 'ok'),
             (set(), [w, e], 'FAIL'), (set(), [], 'FAIL')]
    bad = []
    for amb, fs, want in cases:
        v = {'doc': doc, 'amb': amb, 'cls': 'oneline', 'glued': False}
        got = judge(v, {'findings': fs}, ref, None)[0]
        if not got.startswith(want):
            bad.append('judge(%s, %s) = %s, not %s' % (
                sorted(amb), [f['rule'] for f in fs], got, want))
    return bad


def build(src, shared, tools, tmp):
    docs = [source.load_sample(os.path.join(src, 'tests', 'data',
                                            'sample-00%d.txt' % i),
                               tools.pack) for i in range(5)]
    if shared:
        docs += source.load_real(os.path.join(shared, 'real'), tools.pack)
    vs = []
    for d in docs:
        classes = ['clean'] + TEXT_CLASSES
        if d.name.startswith('real-'):
            vs.append({'doc': d, 'cls': 'as-given', 'path': d.origin,
                       'rows': mutants.given_rows(d),
                       'glued': d.name[5:] in ('04', '05', '06'),
                       'file': d.name})
            if d.clean:
                vs.append({'doc': d, 'cls': 'pdf', 'path': d.clean,
                           'rows': [], 'glued': False, 'file': d.name})
        for c in classes:
            text, rows = render.CLASSES[c](d)
            p = os.path.join(tmp, '%s.%s.txt' % (d.name, c))
            with open(p, 'w', encoding='utf-8', newline='') as fp:
                fp.write(text)
            vs.append({'doc': d, 'cls': c, 'path': p, 'rows': rows,
                       'glued': c.startswith('glued'), 'file': d.name})
    vs += pdf_variants(src, shared, docs, tmp)
    for v in vs:
        v['amb'], v['nosplit'] = ambiguous_tables(
            v['doc'], v['rows'], tools.rels) if v['rows'] else (set(), set())
    return docs, vs


def table_right(doc, model, t):
    """Every cell of table t that the clean copy holds read as it."""
    cells = model.get('cells') or {}
    for cid, want in doc.cells.items():
        if not cid.startswith(t + '.') or want is None:
            continue
        got = cells.get(cid, {}).get('value')
        if got is None or abs(got - want) > 1e-6:
            return False
    return True


def table_counts(vs, models, missed=None):
    """(complete and right, state complete, tables) over all variants;
    missed, if given, gets (file, class, table, state) of the others."""
    right = done = total = 0
    for v in vs:
        m = models.get(v['path']) or {}
        have = set(c.split('.')[0] for c in v['doc'].cells) \
            if v['doc'].fmt == '2021' else set()
        for t in sorted(have):
            if t == 't3' and v['doc'].collapsed_other:
                continue
            total += 1
            state = (m.get('tables') or {}).get(t, {}).get('state')
            ok = state == 'complete' and table_right(v['doc'], m, t)
            done += state == 'complete'
            right += ok
            if not ok and missed is not None:
                missed.append((v['file'], v['cls'], t, state
                               if state != 'complete' else 'wrong cells'))
    return right, done, total


def print_table(vs, models, out):
    """The class x file grid, then the first difference of each FAIL."""
    files = []
    for v in vs:
        if v['file'] not in files:
            files.append(v['file'])
    classes = ['as-given', 'pdf', 'clean'] + TEXT_CLASSES + [
        'pdf-text', 'pdf-raw', 'pdf-layout']
    classes = [c for c in classes if any(v['cls'] == c for v in vs)]
    out.append('%-15s' % 'file' + ''.join('%-12s' % c for c in classes))
    for f in files:
        row = '%-15s' % f
        for c in classes:
            s = [v['status'] for v in vs if v['file'] == f and v['cls'] == c]
            row += '%-12s' % (s[0].split(':')[0] if s else '.')
        out.append(row.rstrip())
    out.append('')
    out.append('first difference of each FAIL (gap: of a known gap class):')
    for v in vs:
        if v['status'].startswith(('FAIL', 'gap: ')):
            out.append('  %s %s: %s' % (v['file'], v['cls'], v['status']))
    for c in classes:
        n = [v for v in vs if v['cls'] == c]
        ok = [v for v in n if not v['status'].startswith(('FAIL', 'gap'))]
        right, _, total = table_counts(n, models)
        out.append('  class %-11s %2d/%2d pass; tables complete and right '
                   '%d/%d' % (c, len(ok), len(n), right, total))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--src', required=True)
    ap.add_argument('--build', required=True)
    ap.add_argument('--shared')
    ap.add_argument('--report')
    ap.add_argument('--keep')
    ap.add_argument('--no-mutants', action='store_true')
    a = ap.parse_args()
    t0 = time.time()
    shared = a.shared or os.environ.get('NB_SHARED') or \
        os.path.join(os.path.abspath(a.src), '..', 'shared')
    if not os.path.isdir(os.path.join(shared, 'real')):
        print('SKIP: %s/real not found: only the sample-based variants run'
              % shared)
        shared = None
    tools = Tools(a.src, a.build)
    tmp = a.keep or tempfile.mkdtemp(prefix='nb-layouts.')
    os.makedirs(tmp, exist_ok=True)
    try:
        bad = selfcheck(shared)
        for b in bad:
            print('FAIL: enumeration self-check: ' + b)
        docs, vs = build(a.src, shared, tools, tmp)
        for v in vs:
            if v['file'] == 'real-05' and v['cls'] in ('as-given', 'glued') \
                    and v['amb'] & {'t3', 't4'}:
                bad.append('real-05 %s: T3/T4 not unique' % v['cls'])
                print('FAIL: enumeration self-check: real-05 glued T3/T4 '
                      'has one reading (labels.json), found more')
        refs = sorted(set(d.clean for d in docs if d.clean))
        files = [v['path'] for v in vs]
        reps = tools.check(files + refs)
        models = tools.models(files)
        false = []
        for v in vs:
            ref = reps.get(v['doc'].clean) if v['doc'].clean else None
            v['status'], fe = judge(v, reps[v['path']], ref,
                                    models.get(v['path']))
            false += [(v['file'], v['cls'], f) for f in fe]
        out = []
        falsev = set((f, c) for f, c, _ in false)
        inclass = [v for v in vs if v['cls'] in KNOWN_GAP_CLASSES]
        for v in inclass:
            if v['status'].startswith('FAIL') and \
                    (v['file'], v['cls']) not in falsev:
                v['status'] = 'gap: ' + v['status'][len('FAIL: '):]
        print_table(vs, models, out)
        missed = []
        gated = [v for v in vs if v['cls'] not in KNOWN_GAP_CLASSES]
        right, done, total = table_counts(gated, models, missed)
        all_right, _, all_total = table_counts(vs, models)
        npass = sum(not v['status'].startswith(('FAIL', 'gap: '))
                    for v in vs)
        gaps = [v for v in vs if (v['file'], v['cls']) in KNOWN_GAPS]
        gaps += [v for v in inclass if v['status'].startswith('gap: ')]
        out.append('')
        out.append('variants: %d, passing %d' % (len(vs), npass))
        for c, why in sorted(KNOWN_GAP_CLASSES.items()):
            n = sum(v['cls'] == c and v['status'].startswith('gap: ')
                    for v in vs)
            out.append('known gap class %s (issue 8): %d of %d variants '
                       'not read as their clean copy, none with a false '
                       'error: %s' % (c, n, sum(v['cls'] == c for v in vs),
                                      why))
        for v in gaps:
            if v['cls'] in KNOWN_GAP_CLASSES:
                continue
            why = KNOWN_GAPS[(v['file'], v['cls'])]
            if v['status'].startswith('FAIL'):
                out.append('known gap (issue 8, not yet read): %s %s: %s'
                           % (v['file'], v['cls'], why))
            else:
                out.append('FAIL: known gap %s %s now passes: take it out '
                           'of KNOWN_GAPS' % (v['file'], v['cls']))
        out.append('tables read complete with every cell as the clean copy: '
                   '%d/%d (%.1f%%, target 95%%); state "complete" alone: '
                   '%d/%d; with the known gap classes: %d/%d (%.1f%%)' % (
                       right, total, 100.0 * right / max(total, 1), done,
                       total, all_right, all_total,
                       100.0 * all_right / max(all_total, 1)))
        out.append('tables not read complete and right:')
        for x in missed:
            out.append('  %s %s %s: %s' % x)
        amb = {}
        for v in vs:
            for t in sorted(v['amb']):
                amb.setdefault(v['cls'], []).append('%s:%s' % (v['file'], t))
        out.append('tables with more than one reading (one '
                   'sums.table_unreadable accepted):')
        for c, xs in sorted(amb.items()):
            out.append('  %-11s %s' % (c, ' '.join(xs)))
        mres = None
        if not a.no_mutants:
            mres = mutants.run(docs, tools, tmp)
            out += mres['lines']
        out.append('')
        out.append('false errors (file, variant, rule, line, cell):')
        seen = set()
        for f, c, x in false:
            k = (f, c, x.get('rule'), x.get('line') or '-',
                 x.get('cell') or '-')
            if k not in seen:
                seen.add(k)
                out.append('  %s %s %s L%s %s' % k)
        if mres:
            out += mres['false_lines']
        out.append('time %.1f s' % (time.time() - t0))
        print('\n'.join(out))
        if a.report:
            with open(a.report, 'w', encoding='utf-8') as fp:
                fp.write('\n'.join(out) + '\n')
        # issue 8: at least 95% of the variants' tables read complete and
        # right (declaring tables unreadable is not a way to pass)
        ok = npass == len(vs) - len(gaps) and all(
            v['status'].startswith(('FAIL', 'gap: ')) for v in gaps) and \
            (mres is None or mres['ok']) and \
            not bad and total > 0 and right >= 0.95 * total
        return 0 if ok else 1
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
