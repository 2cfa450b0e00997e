"""mutants.py -- single-cell mutants of the glued and one-line versions
(issue 8, Done when): each T3/T4 cell + 1, rendered again in that layout.

Every mutant must be caught by an error on its cell (one-line; for T4 a
finding listing the cell) or, glued, by the same rule on the same row as
its one-line twin's error, unless the test's own enumeration finds a reading of the mutant
consistent with every relation (counted apart: no checker can tell it
from a correct report).  No mutant may give a new error on another cell
(one-line) or row (glued).
"""
import copy
import os

import readings
import render
import source

DOCS = ('sample-000', 'sample-001', 'sample-004', 'real-04', 'real-05')
CLASSES = ('oneline', 'glued')


def given_rows(doc):
    """Rows of a real file as given, for the enumeration: 04, 05 and 06
    are glued crawler text."""
    if doc.name[5:] not in ('04', '05', '06'):
        return []
    return [('glued', it, ''.join(render.fmt(v) for v in it[3]))
            for it in doc.items if it[0] == 'r']


def ids_of(item):
    return source.cell_ids(item[1], item[2], len(item[3]))


def group(cell):
    """What a finding must name: the row (glued) or T4 group."""
    return cell.rsplit('.', 1)[0] if cell else None


def mutate(doc, k, j):
    d = copy.copy(doc)
    d.items = list(doc.items)
    it = d.items[k]
    vals = list(it[3])
    vals[j] = vals[j] + 1
    d.items[k] = (it[0], it[1], it[2], vals)
    d.cells = dict(doc.cells)
    d.cells[ids_of(d.items[k])[j]] = vals[j]
    return d


def key(f, glued):
    c = f.get('cell')
    return (f.get('rule'), f.get('section'), group(c) if glued else c)


def names(f, cell):
    return f.get('cell') == cell or cell in (f.get('cells') or [])


def new_errors(m, rep, base):
    """Errors of the mutant its base lacks.  A base finding is the same
    as one of the mutant that names, among its cells, the mutant's cell
    (one claim naming two cells, told by the other when one is unread)."""
    glued = m['cls'] == 'glued'
    bf = base.get('findings', [])
    old = set(key(f, glued) for f in bf)
    return [f for f in rep.get('findings', []) if f.get('severity') ==
            'error' and key(f, glued) not in old and not any(
                b.get('rule') == f.get('rule') and f.get('cell') and
                f.get('cell') in (b.get('cells') or []) for b in bf)]


def row_of(f, cell):
    """The row a finding names: its cell's, or, with no cell, the
    mutant's when it lists it among its cells (a glued row that no split
    makes add up, with no one relation to blame: the row as a whole)."""
    if f.get('cell'):
        return group(f.get('cell'))
    return group(cell) if cell in (f.get('cells') or []) else None


def verdict(m, rep, base, same):
    """The errors that catch a mutant and those on a wrong cell.  same:
    (rule, row) of the errors its one-line twin gets, which a glued
    mutant must repeat ("the same rule on the same row")."""
    glued, cell = m['cls'] == 'glued', m['cell']
    new = new_errors(m, rep, base)
    if glued or cell.startswith('t4.'):
        hit = [f for f in new if group(f.get('cell')) == group(cell) or
               names(f, cell)]
        if glued and same:
            hit = [f for f in hit if (f.get('rule'), row_of(f, cell))
                   in same]
        wrong = [f for f in new if f.get('cell') and
                 group(f.get('cell')) != group(cell)]
    else:
        hit = [f for f in new if f.get('cell') == cell]
        wrong = [f for f in new if f.get('cell') and f.get('cell') != cell]
    return hit, wrong


def run(docs, tools, tmp):
    todo, bases = [], {}
    for d in docs:
        if d.name not in DOCS or not d.cells:
            continue
        for c in CLASSES:
            text, _ = render.CLASSES[c](d)
            p = os.path.join(tmp, 'base.%s.%s.txt' % (d.name, c))
            with open(p, 'w', encoding='utf-8') as fp:
                fp.write(text)
            bases[(d.name, c)] = p
            for k, it in enumerate(d.items):
                if it[0] != 'r' or it[1] not in ('t3', 't4'):
                    continue
                for j in range(len(it[3])):
                    if it[3][j] is None:
                        continue
                    md = mutate(d, k, j)
                    text, rows = render.CLASSES[c](md)
                    cell = ids_of(it)[j]
                    p = os.path.join(tmp, 'mut.%s.%s.%s.txt' %
                                     (d.name, c, cell))
                    with open(p, 'w', encoding='utf-8') as fp:
                        fp.write(text)
                    tr = [r for r in rows if r[1][1] == it[1]]
                    n = readings.consistent(tr, ids_of, tools.rels,
                                            md.cells)
                    todo.append({'doc': d.name, 'cls': c, 'cell': cell,
                                 'path': p, 'hidden': n > 0})
    reps = tools.check([m['path'] for m in todo] + list(bases.values()))
    tally = {}
    false, misses = [], []
    twin = {}
    for m in todo:
        if m['cls'] == 'oneline':
            twin[(m['doc'], m['cell'])] = set(
                (f.get('rule'), group(f.get('cell'))) for f in new_errors(
                    m, reps[m['path']], reps[bases[(m['doc'], 'oneline')]]))
    for m in todo:
        t = tally.setdefault(m['cls'], {'tried': 0, 'caught': 0,
                                        'hidden': 0, 'missed': 0,
                                        'wrong': 0})
        t['tried'] += 1
        hit, wrong = verdict(m, reps[m['path']],
                             reps[bases[(m['doc'], m['cls'])]],
                             twin.get((m['doc'], m['cell'])))
        if wrong:
            t['wrong'] += 1
            false += [(m['doc'], 'mutant-%s:%s' % (m['cls'], m['cell']), f)
                      for f in wrong[:1]]
        if m['hidden']:
            t['hidden'] += 1
        elif hit:
            t['caught'] += 1
        else:
            t['missed'] += 1
            misses.append('%s %s %s' % (m['doc'], m['cls'], m['cell']))
    agg = {}
    for doc, what, f in false:
        k = (what.split(':')[0], f.get('rule'), f.get('cell') or '-')
        agg.setdefault(k, []).append('%s %s' % (doc, what.split(':')[1]))
    false_lines = ['  %s %s on %s: %d mutants, e.g. %s' %
                   (k[0], k[1], k[2], len(v), ', '.join(v[:3]))
                   for k, v in sorted(agg.items())]
    lines = ['', 'mutants (T3/T4 cell + 1):']
    ok = True
    for c, t in sorted(tally.items()):
        lines.append('  %-8s tried %d, caught %d, missed %d, wrong-cell '
                     'errors %d; with another consistent reading '
                     '(not counted as missed) %d' %
                     (c, t['tried'], t['caught'], t['missed'], t['wrong'],
                      t['hidden']))
        ok = ok and not t['missed'] and not t['wrong']
    if misses:
        lines.append('  first missed: ' + '; '.join(misses[:8]))
    return {'lines': lines, 'false_lines': false_lines, 'ok': ok}
