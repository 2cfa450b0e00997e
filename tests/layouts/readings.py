"""readings.py -- the test's own enumeration of the readings a layout
allows, independent of the C reader.

A row written with its cells apart has one reading.  A glued row
("15130000154") has every split of its digits into as many numbers as the
row has cells (no number with a leading zero); an OCR'd row has every
choice of l, | and O standing alone as 1, 0 or a stray mark; a row whose
blank cell was lost has every place the blank could have been; a row
a page number broke has every choice of the number left out (paged_sure).  A table's
readings are the combinations of its rows' readings that satisfy the
relations of the rule pack (rules/*.json), solved over the whole table.
"""
import itertools
import re

LIMIT = 200000          # combinations tried before a table counts as many


def expand(pack):
    """The pack's relations with their foreach variables filled in:
    [(id, cells of lhs, cells of rhs)]."""
    out = []
    for rel in pack['relations']:
        var = rel.get('foreach') or {}
        names = list(var)
        for combo in itertools.product(*[var[n] for n in names]):
            sub = dict(zip(names, combo))

            def fill(s):
                for n, v in sub.items():
                    s = s.replace('{%s}' % n, v)
                return s
            out.append((fill(rel['id']), [fill(c) for c in rel['lhs']],
                        [fill(c) for c in rel['rhs']]))
    return out


def holds(rel, cells):
    """True, False, or None when a cell is unknown or blank."""
    _, lhs, rhs = rel
    try:
        a = sum(cells[c] for c in lhs)
        b = sum(cells[c] for c in rhs)
    except (KeyError, TypeError):
        return None
    return abs(a - b) < 1e-9


def splits(s, n):
    """Every split of the digit string s into n numbers."""
    if n == 1:
        return [[int(s)]] if s and (s == '0' or s[0] != '0') else []
    out = []
    for k in range(1, len(s) - n + 2):
        head = s[:k]
        if len(head) > 1 and head[0] == '0':
            break
        for rest in splits(s[k:], n - 1):
            out.append([int(head)] + rest)
    return out


ONE, ZERO = 'l|I丨', 'Oo'


def ocr_choices(tok):
    """What one OCR token may stand for: a list of options, each a list
    of values (empty = a stray mark, read as nothing)."""
    if re.fullmatch(r'[%s]' % re.escape(ONE), tok):
        return [[1], []]
    if re.fullmatch(r'[%s]' % ZERO, tok):
        return [[0], []]
    t = re.sub('[%s]' % re.escape(ONE), '1', tok)
    t = re.sub('[%s]' % ZERO, '0', t)
    if re.fullmatch(r'\d+(\.\d+)?', t):
        return [[float(t) if '.' in t else int(t)]]
    return [[]]


def row_candidates(mode, item, payload):
    """Every reading of one rendered row: a list of value lists."""
    truth = item[3]
    n = len(truth)
    if mode == 'glued':
        if None in truth or any(isinstance(v, float) for v in truth):
            return [truth] if n == 1 else [truth, None]
        return splits(payload, n)
    if mode == 'ocr':
        out = []
        for combo in itertools.product(*[ocr_choices(t) for t in payload]):
            vals = [v for c in combo for v in c]
            if len(vals) == n and vals not in out:
                out.append(vals)
        return out
    if mode == 'lost':
        k = truth.count(None)
        vals = [v for v in truth if v is not None]
        out = []
        for pos in itertools.combinations(range(n), k):
            it = iter(vals)
            out.append([None if i in pos else next(it) for i in range(n)])
        return out
    return [truth]


def paged_sure(rows, ids_of, rels, truth_cells):
    """A table whose rows a page number broke ("0 0 0 0" / "8" / "0 0 0"):
    read only when, for each such row, one choice of the number to leave
    out breaks fewer relations than, and only relations broken by, every
    other choice (the checker's rule: what it breaks is broken whatever
    the page's number was).  False when some broken row has no such
    choice."""
    for mode, item, payload in rows:
        if mode != 'paged':
            continue
        ids, n = ids_of(item), len(item[3])
        got = [int(x) for x in payload]
        cands = []
        for drop in itertools.combinations(range(len(got)), len(got) - n):
            v = [x for i, x in enumerate(got) if i not in drop]
            if v not in cands:
                cands.append(v)
        broken = []
        for v in cands:
            cells = dict(truth_cells)
            cells.update(zip(ids, v))
            broken.append(set(r[0] for r in rels
                              if set(r[1] + r[2]) & set(ids) and
                              holds(r, cells) is False))
        least = min(broken, key=len)
        if sum(1 for b in broken if len(b) == len(least)) > 1 or \
                not all(least <= b for b in broken):
            return False
    return True


def table_readings(rows, ids_of, rels, truth_cells, keep):
    """Counts the readings of one table (0, 1, or 2 for "more than
    one"): rows = [(mode, item, payload)], ids_of(item) = its cell ids;
    only relations for which keep(rel) is true are required."""
    cand = []
    for mode, item, payload in rows:
        ids = ids_of(item)
        cs = row_candidates(mode, item, payload)
        if any(c is None for c in cs):
            return 2
        own = [r for r in rels if set(r[1] + r[2]) <= set(ids) and keep(r)]
        cs = [c for c in cs
              if all(holds(r, dict(zip(ids, c))) is not False for r in own)]
        cand.append((ids, cs))
    if any(not cs for _, cs in cand):
        return 0
    total = 1
    for _, cs in cand:
        total *= len(cs)
    if total > LIMIT:
        return 2
    table_ids = set(i for ids, _ in cand for i in ids)
    rel = [r for r in rels if set(r[1] + r[2]) & table_ids and keep(r)]
    base = dict(truth_cells)
    found = 0
    for combo in itertools.product(*[cs for _, cs in cand]):
        cells = dict(base)
        for (ids, _), vals in zip(cand, combo):
            cells.update(zip(ids, vals))
        if all(holds(r, cells) is not False for r in rel):
            found += 1
            if found > 1:
                return 2
    return found


def readings(rows, ids_of, rels, truth_cells):
    """How many readings the variant leaves (0, 1, 2 = more than one).
    A clean copy that satisfies its relations: the readings that satisfy
    them all.  One that breaks some (a defect of the report): one reading
    when no candidate satisfies every relation (the defect is certain,
    whatever the split), more than one when some candidate does."""
    ids = set(i for _, it, _ in rows for i in ids_of(it))
    own = [r for r in rels if set(r[1] + r[2]) & ids]
    n = table_readings(rows, ids_of, rels, truth_cells, lambda r: True)
    if all(holds(r, truth_cells) is not False for r in own):
        return n
    return 2 if n >= 1 else 1


def consistent(rows, ids_of, rels, truth_cells):
    """Readings satisfying every relation (for mutants: a mutant with
    such a reading cannot be told from a correct report)."""
    return table_readings(rows, ids_of, rels, truth_cells, lambda r: True)
