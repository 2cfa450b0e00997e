"""render.py -- one report (source.Doc) written out in each layout class
of issue 8, the way real converters write it (see ../shared/real 04, 05:
crawler text; 17: pdftotext raw; 18: -layout; 23: PDF-to-Markdown).

Every renderer returns (text, rows): rows lists, per table row, what the
layout did to it ('sep' cells apart, 'glued' digits together, 'ocr' with
the tokens as written), for the test's own enumeration of readings.
"""
import re

HEAD = re.compile(r'^[ \t\u3000#*]*([一二三四五六七八九十]+、|（[一二三四五六七]）)')
END = '。；：！？）”」'


def fmt(v):
    if v is None:
        return ''
    if isinstance(v, float):
        return ('%.6f' % v).rstrip('0').rstrip('.')
    return str(v)


def clean(doc):
    """The clean copy: one row per line, cells apart (tabs when a cell is
    blank, so that it keeps its column)."""
    out = []
    for i, it in enumerate(doc.items):
        if it[0] == 't':
            t = it[1]
            if i and doc.items[i - 1][0] == 'r' and t[:1] not in '\n\r':
                t = '\n' + t.lstrip(' \t')
            out.append(t)
        else:
            vals = it[3]
            sep = '\t' if None in vals else ' '
            if out and not out[-1][-1:].isspace():
                out.append(' ')
            out.append(sep.join(fmt(v) for v in vals))
    return ''.join(out)


def flatten(text, k):
    """Joins the lines of free text as a crawler does: wrapped lines run
    on, a paragraph ends in a space, a heading comes after 。 with no
    space, a space or two full-width spaces (rotating with k)."""
    lines = [x.strip(' \t\u3000') for x in re.split(r'\r\n|\r|\n', text)]
    out = ''
    for x in lines:
        if not x:
            continue
        if not out:
            out = x
        elif HEAD.match(x):
            # after 。 anything; after a title or a table, some space
            seps = ('', ' ', '\u3000\u3000') if out[-1] in END else \
                (' ', '\u3000\u3000')
            out += seps[k[0] % len(seps)] + x
            k[0] += 1
        elif out[-1] in END or out.endswith('报告'):
            out += ' ' + x
        else:
            out += x
    lead = ' ' if text[:1].isspace() and text.strip() else ''
    trail = ' ' if text[-1:].isspace() and text.strip() else ''
    return lead + out + trail


def oneline(doc, glue=False):
    """(a) web page text with every line break lost; with glue, (c) the
    cells of a row written together ("15130000154") and the next label's
    numeral right after them ("00000002.其他")."""
    out, rows, k = [], [], [0]
    for i, it in enumerate(doc.items):
        if it[0] == 't':
            t = flatten(it[1], k)
            if glue and i > 0 and doc.items[i - 1][0] == 'r':
                t = t.lstrip()
            out.append(t)
            continue
        vals = [fmt(v) for v in it[3]]
        if glue:
            if out:
                out[-1] = out[-1].rstrip()
            lead = ' ' if it[1] == 't3' and len(rows) % 2 == 0 else ''
            out.append(lead + ''.join(vals))
            rows.append(('glued', it, ''.join(vals)))
        else:
            if out and not out[-1].endswith(' '):
                out.append(' ')
            out.append(' '.join(vals) + ' ')
            rows.append(('lost' if None in it[3] else 'sep', it, vals))
    text = ''.join(out)
    return re.sub(r' {2,}', ' ', text).strip() + '\n', rows


def cr_only(doc):
    """(b) bare CR line breaks, one cell per line, a blank cell an empty
    line of its own."""
    out, rows = [], []
    for it in doc.items:
        if it[0] == 't':
            out.append(re.sub(r'[ \t\u3000]*(\r\n|\n|\r)+[ \t\u3000]*', '\r',
                              it[1]))
            continue
        if out:
            out[-1] = out[-1].rstrip(' \t\r\u3000') + '\r'
        out.append('\r'.join(fmt(v) for v in it[3]) + '\r')
        rows.append(('sep', it, [fmt(v) for v in it[3]]))
    return ''.join(out), rows


def split_label(text, first, table=''):
    """The label of a row (the text before it since the last row), and
    what comes before the label (narrative, headers) for the first row of
    a table and for every row of T2 (whose sub-tables have headers)."""
    lines = [x for x in re.split(r'\r\n|\r|\n', text)]
    if first or table == 't2':
        while lines and not lines[-1].strip():
            lines.pop()
        lab = lines.pop().strip() if lines else ''
        cut = label_start(lab, table)
        if cut > 0:
            lines.append(lab[:cut])
            lab = lab[cut:]
        return '\n'.join(lines) + '\n', lab
    return '', re.sub(r'\s+', '', text)


T2_LABELS = ('规章', '行政规范性文件', '规范性文件', '行政许可', '行政处罚',
             '行政强制', '行政事业性收费')
ORDINAL = re.compile(r'[一二三四]、|（[一二三四五六七]）')


def label_start(lab, table):
    """Where a row's own label begins in the text run before its numbers
    (a crawler's text runs the table header into the first label)."""
    if table == 't2':
        ends = [k for k in T2_LABELS if lab.endswith(k)]
        return len(lab) - max(map(len, ends)) if ends else 0
    if table == 't3':
        starts = [m.start() for m in ORDINAL.finditer(lab)]
        return starts[-1] if starts else 0
    return 0


SHRED = {'t3': '| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |',
         't4': '| 维持 | 纠正 | 结果 | 审结 | 结果 | 结果 | 其他 | 尚未 | 结果 | '
               '结果 | 其他 | 尚未 |',
         't2': '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |'}


def pipe(cells):
    return '| ' + ' | '.join(cells) + ' |'


def rule(n):
    return '|' + '---|' * n


def markdown(doc):
    """(e) a PDF-to-Markdown conversion: pipe tables whose header row is
    shredded ("| 业 | 构 | 益组织 |"), cut into blocks, labels of every
    third row detached onto a line of their own above a row of bare
    numbers, group labels run into the row label."""
    out, rows, table, n, pending = [], [], None, 0, ''
    for it in doc.items:
        if it[0] == 't':
            if pending:
                out.append(('\n' if table else '') + pending.lstrip('\n'))
                table = None
            pending = it[1]
            continue
        vals = [fmt(v) for v in it[3]]
        first = it[1] != table
        before, lab = split_label(pending, first, it[1])
        pending = ''
        if not first and before.strip():
            out.append(before)
        if first:
            table, n = it[1], 0
            out.append(before + '\n' + SHRED.get(it[1], '') + '\n' +
                       rule({'t3': 9, 't4': 12}.get(it[1], 4)) + '\n')
        n += 1
        if it[1] == 't4' or (lab and n % 3 == 2):
            if lab:
                out.append('\n' + lab + '\n' + rule(len(vals)) + '\n')
            out.append(pipe(vals) + '\n')
        else:
            out.append(pipe([lab] + vals) + '\n')
        rows.append(('sep', it, vals))
    out.append(('\n' if table else '') + pending.lstrip('\n'))
    return ''.join(out), rows


OCR_ONE = ('l', '|', '丨')
STRAY = ('·', '_', '′')


def ocr(doc):
    """(f) an OCR pass over a printed page: rows as lines of numbers, a
    lone 1 now and then read as l, | or 丨, a 0 as O, a 1 inside a number
    as l, a stray mark between cells or at a line's end now and then, a
    page number inside the table."""
    out, rows, k = [], [], 0
    for it in doc.items:
        if it[0] == 't':
            out.append(it[1])
            continue
        toks = []
        for v in it[3]:
            s = fmt(v)
            if s == '1' and k % 3 != 2:
                s = OCR_ONE[k % 3 if k % 7 else 2]
            elif s == '0' and k % 9 == 4:
                s = 'O'
            elif '1' in s and len(s) > 1 and k % 4 == 1:
                s = s.replace('1', 'l', 1)
            k += 1
            toks.append(s)
            if k % 23 == 0:
                toks.append(STRAY[(k // 23) % len(STRAY)])
        if out:
            out[-1] = out[-1].rstrip(' ')
            if not out[-1].endswith(('\n', '\t')):
                out[-1] += ' '
        line = ' '.join(toks)
        if len(rows) % 9 == 8:
            line += ' ' + STRAY[len(rows) % 3]
        out.append(line)
        rows.append(('lost' if None in it[3] else 'ocr', it, toks))
        if len(rows) == 12:
            out.append('\n\n- 3 -\n\n')
    return ''.join(out), rows


def width(s):
    return sum(2 if ord(c) > 0x2e80 else 1 for c in s)


def pad(s, w):
    return s + ' ' * max(1, w - width(s))


NUMBERING = (lambda n, t: n + '、' + t, lambda n, t: n + '．' + t,
             lambda n, t: '(' + n + ')' + t)
GROUP = re.compile(r'^([一二三四]、本年度办理结果)?((?:（[三四五六]）\D{2,6}?)'
                   r'(?=\d+[.．、]))?(.*)$')


def cut(label, n):
    k = -(-len(label) // n)
    return [label[i:i + k] for i in range(0, len(label), k)]


def layout(doc):
    """pdftotext -layout of a Word-exported PDF, as 18 shows it: columns
    set apart by runs of spaces, long labels wrapped over two or three
    lines with the numbers on the middle one, sub-items numbered 1、, 1．
    or (1), group labels on a line of their own inside the group, page
    numbers (- 3 -, 第 4 页) and, for half of the reports, the column
    header repeated after the page break inside T3."""
    out, rows, table, pending = [], [], None, ''
    style = NUMBERING[sum(map(ord, doc.name)) % 3]
    repeat = sum(map(ord, doc.name)) % 2 == 0    # header after the break?
    for it in doc.items:
        if it[0] == 't':
            if pending:
                out.append(pending)
                table = None
            pending = it[1]
            continue
        first = it[1] != table
        before, lab = split_label(pending, first, it[1])
        pending = ''
        if first:
            table = it[1]
        out.append(before)
        g = GROUP.match(lab)
        big, grp, lab = g.group(1) or '', g.group(2) or '', g.group(3)
        lab = re.sub(r'^(\d+)[.．、]', lambda m: style(m.group(1), ''), lab)
        vals = [fmt(v) for v in it[3]]
        nums = ''.join('%6s' % v for v in vals)
        if big:
            out.append(' ' * 2 + ' '.join(big) + '\n')
        if it[1] == 't4':
            out.append((lab + '\n' if lab else '') + nums + '\n')
        elif width(lab) > 28:
            parts = cut(lab, 3 if width(lab) > 52 else 2)
            out.append(' ' * 18 + parts[0] + '\n')
            out.append(' ' * 18 + pad(parts[1], 30) + nums + '\n')
            for p in parts[2:]:
                out.append(' ' * 18 + p + '\n')
        else:
            out.append(' ' * 18 + pad(lab, 30) + nums + '\n')
        if grp:
            out.append(' ' * 4 + grp + '\n')
        rows.append(('lost' if None in it[3] else 'sep', it, vals))
        if it[1] == 't3' and sum(r[1][1] == 't3' for r in rows) == 12 \
                and not repeat:
            out.append('\x00\n')
        elif it[1] == 't3' and sum(r[1][1] == 't3' for r in rows) == 12:
            out.append('\x00' + ' ' * 48 + '自然人   商业   科研   社会   '
                       '法律   其他   总计\n' + ' ' * 55 + '企业   机构   公益'
                       '   服务\n')
    out.append(pending)
    res, page, n = [], 1, 0
    for x in ''.join(out).split('\n'):
        n += 1
        if x.startswith('\x00') or n % 45 == 0:
            page, n = page + 1, 0
            res.append(' ' * 30 + ('- %d -' % page if page % 2 else
                                   '第 %d 页' % page) + '\n\f')
            x = x.lstrip('\x00')
        res.append(x)
    return '\n'.join(res), rows


def glued_lines(doc):
    """(c) as a table pasted as text without its tabs: a row per line,
    its digits together and against its label ("…申请数量150000015")."""
    out, rows = [], []
    for i, it in enumerate(doc.items):
        if it[0] == 't':
            t = it[1]
            if i and doc.items[i - 1][0] == 'r' and t[:1] not in '\n\r':
                t = '\n' + t.lstrip(' \t')
            out.append(t)
            continue
        vals = ''.join(fmt(v) for v in it[3])
        if out:
            out[-1] = out[-1].rstrip(' \t')
        out.append(vals)
        rows.append(('glued', it, vals))
    return ''.join(out), rows


def pages(doc):
    """(e) a PDF's text with its page furniture left in the tables: after
    every third row the page's number on a line of its own (bare "7",
    "- 7 -", "第7页", rotating), and T4's row or every eighth wide row
    broken by the number where the page broke it ("0 0 0 0 0 0 0 0" /
    "8" / "0 0 0 0 0 0 0")."""
    out, rows, n, page = [], [], 0, 6
    marks = ('%d', '- %d -', '第%d页')
    for i, it in enumerate(doc.items):
        if it[0] == 't':
            t = it[1]
            if i and doc.items[i - 1][0] == 'r' and t[:1] not in '\n\r':
                t = '\n' + t.lstrip(' \t')
            out.append(t)
            continue
        vals = [fmt(v) for v in it[3]]
        sep = '\t' if None in it[3] else ' '
        if out and not out[-1][-1:].isspace():
            out.append(' ')
        n += 1
        if len(vals) >= 7 and None not in it[3] and \
                (it[1] == 't4' or n % 8 == 0):
            page += 1
            half = len(vals) // 2 + 1
            out.append(' '.join(vals[:half]) + '\n%d\n' % page +
                       ' '.join(vals[half:]))
            rows.append(('paged', it, vals[:half] + [str(page)] +
                         vals[half:]))
        else:
            out.append(sep.join(vals))
            rows.append(('sep', it, vals))
        if n % 3 == 0:
            page += 1
            out.append('\n' + marks[page % 3] % page + '\n')
    return ''.join(out), rows


CLASSES = {
    'clean': lambda d: (clean(d), [('sep', it, [fmt(v) for v in it[3]])
                                   for it in d.items if it[0] == 'r']),
    'oneline': oneline,
    'cr': cr_only,
    'glued': lambda d: oneline(d, glue=True),
    'glued-lines': glued_lines,
    'markdown': markdown,
    'ocr': ocr,
    'layout': layout,
    'pages': pages,
}
