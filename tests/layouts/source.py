"""source.py -- a report as the layout tests see it: free text and table
rows, with the values a clean copy holds.

A Doc is a list of items, ('t', text) or ('r', table, row, values), in
source order.  Rendering the items back with a layout (render.py) gives
each layout class.  A sample's rows are found in its own clean text by the
labels of the rule pack (python, independent of the C reader); a real
file's rows are its hand reading in labels.json, put where the original
prints them (04, 05: after each label) or, for files whose tables are
shredded beyond that (17, 18, 23), in place of the whole table region.
"""
import json
import os
import re

T3_ROWS = ['new', 'carry_in', 'result.open', 'result.partial',
           'result.deny.secret', 'result.deny.law', 'result.deny.safety',
           'result.deny.third_party', 'result.deny.internal',
           'result.deny.process', 'result.deny.enforcement',
           'result.deny.query', 'result.unable.not_held',
           'result.unable.need_create', 'result.unable.unclear',
           'result.noproc.petition', 'result.noproc.repeat',
           'result.noproc.publication', 'result.noproc.massive',
           'result.noproc.confirm', 'result.other.no_correction',
           'result.other.no_fee', 'result.other.other', 'result.total',
           'carry_out']
T3_COLS = ['natural', 'commercial', 'research', 'public_interest',
           'legal_service', 'other', 'total']
T4_COLS = [g + '.' + c for g in ('review', 'lit_direct', 'lit_after')
           for c in ('upheld', 'corrected', 'other', 'pending', 'total')]
# labels.json row names -> rule pack row ids
LABEL_ROWS = dict(zip(
    ['new', 'carry', 'open', 'partial'] +
    ['deny%d' % i for i in range(1, 9)] +
    ['unable%d' % i for i in range(1, 4)] +
    ['noproc%d' % i for i in range(1, 6)] +
    ['other1', 'other2', 'other3', 'total', 'carry_next'], T3_ROWS))

NUM = re.compile(r'(?<![\w.])\d+(?:\.\d+)?(?![\w.])')


class Doc:
    def __init__(self, name, items, cells, origin, expect=None, fmt='2021',
                 clean=None, collapsed_other=False):
        self.name = name          # e.g. "sample-000", "real-04"
        self.items = []           # free text and rows alternate
        for it in items:
            if it[0] == 't' and self.items and self.items[-1][0] == 't':
                self.items[-1] = ('t', self.items[-1][1] + it[1])
            else:
                self.items.append(it)
        self.cells = cells        # cell id -> value (None = blank)
        self.origin = origin      # the file it was built from
        self.expect = expect      # expect.json entry (real files)
        self.fmt = fmt            # format a correct checker reads
        self.clean = clean        # file whose findings are the reference
        self.collapsed_other = collapsed_other

    def rows(self, table):
        return [it for it in self.items if it[0] == 'r' and it[1] == table]


def cell_ids(table, row, n):
    if table == 't4':
        return ['t4.' + c for c in T4_COLS]
    if table == 't3':
        return ['t3.%s.%s' % (row, c) for c in T3_COLS[:n]]
    return ['t2.%s.%s' % (row, c) for c in T2_COLS[row]]


T2_COLS = {'rules': ['issued', 'repealed', 'effective'],
           'normative': ['issued', 'repealed', 'effective'],
           'license': ['decisions'], 'penalty': ['decisions'],
           'coercion': ['decisions'], 'fee': ['amount_wan']}
T2_KEYS = [('rules', '规章'), ('normative', '规范性文件'),
           ('license', '行政许可'), ('penalty', '行政处罚'),
           ('coercion', '行政强制'), ('fee', '行政事业性收费')]


def t3_keys(pack):
    t3 = [t for t in pack['tables'] if t['id'] == 't3'][0]
    return [(r['id'], r['keys']) for r in t3['rows']]


def num(tok):
    return float(tok) if '.' in tok else int(tok)


class Cursor:
    """Cuts a text into items as rows are found in it, left to right."""

    def __init__(self, text):
        self.text, self.pos, self.items, self.cells = text, 0, [], {}

    def row(self, table, row, start, end, values, ids):
        self.items.append(('t', self.text[self.pos:start]))
        self.items.append(('r', table, row, values))
        self.cells.update(zip(ids, values))
        self.pos = end

    def done(self):
        self.items.append(('t', self.text[self.pos:]))
        return self.items


WIDE = {'（': '[（(]', '）': '[）)]', '(': '[（(]', ')': '[）)]',
        '.': '[.．、]', '、': '[.．、]'}
_keys = {}


def key_re(k):
    """A label key matched as the pack matches it: white space anywhere
    (labels wrap), full- or half-width brackets and numeral points."""
    if k not in _keys:
        _keys[k] = re.compile(r'\s*'.join(WIDE.get(c, re.escape(c))
                                           for c in k))
    return _keys[k]


def find_key(text, keys, pos, end):
    best = None
    for k in keys:
        m = key_re(k).search(text, pos, end)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    return best


def numbers(text, pos, end, n):
    """The first n number tokens of text[pos:end] if nothing but white
    space and markdown noise lies between them: (start, end, values)."""
    toks = list(NUM.finditer(text, pos, end))[:n]
    if len(toks) < n:
        return None
    for a, b in zip(toks, toks[1:]):
        if text[a.end():b.start()].strip(' \t\r\n|*'):
            return None
    return toks[0].start(), toks[-1].end(), [num(t.group()) for t in toks]


def load_sample(path, pack):
    """A clean sample: rows found by the pack's labels in its text."""
    text = open(path, encoding='utf-8').read()
    cur = Cursor(text)
    t2 = text.find('第二十条第')
    t3 = text.find('本列数据的勾稽关系')
    t4 = text.find('复议后起诉')
    five = text.find('主要问题', t4 if t4 >= 0 else 0)
    if t2 >= 0 and t3 > t2:
        for row, key in T2_KEYS:
            k = find_key(text, [key], cur.pos, t3)
            got = k and numbers(text, k[1], t3, len(T2_COLS[row]))
            if got:
                cur.row('t2', row, got[0], got[1], got[2],
                        cell_ids('t2', row, 0))
    keys = t3_keys(pack)
    if t3 >= 0 and t4 > t3:
        for i, (row, ks) in enumerate(keys):
            k = find_key(text, ks, cur.pos, t4)
            if not k:
                continue
            nxt = find_key(text, keys[i + 1][1], k[1], t4) \
                if i + 1 < len(keys) else None
            got = numbers(text, k[1], nxt[0] if nxt else t4, 7)
            if got:
                cur.row('t3', row, got[0], got[1], got[2],
                        cell_ids('t3', row, 7))
    if t4 >= 0 and five > t4:
        got = numbers(text, t4, five, 15)
        if got:
            cur.row('t4', '', got[0], got[1], got[2],
                    cell_ids('t4', '', 15))
    name = os.path.basename(path)[:-4]
    fmt = 'old' if '统计指标' in text else '2021'
    return Doc(name, cur.done(), cur.cells, path, fmt=fmt, clean=path)


def digits_at(text, pos, want):
    """Where the digit string want starts at the first digit at or after
    pos, white space allowed between its digits: (start, end) or None."""
    m = re.compile(r'\d').search(text, pos)
    if not m:
        return None
    i, k = m.start(), 0
    while k < len(want) and i < len(text):
        if text[i] == want[k]:
            k += 1
        elif text[i] not in ' \t':
            return None
        i += 1
    return (m.start(), i) if k == len(want) else None


def hand_rows(lab):
    at = lab.get('application_table') or {}
    rows = at.get('rows_hand_read') or {}
    out = []
    for k, v in rows.items():
        rid = 'result.other' if k == 'other' else LABEL_ROWS[k]
        out.append((rid, v))
    order = {r: i for i, r in enumerate(T3_ROWS)}
    order['result.other'] = order['result.other.no_correction']
    out.sort(key=lambda x: order[x[0]])
    return out


def load_glued_real(path, lab, pack):
    """04, 05, 06: the crawler text keeps each row's digits after its
    label; they are replaced by the hand reading."""
    text = open(path, encoding='utf-8').read()
    cur = Cursor(text)
    keys = dict(t3_keys(pack))
    keys['result.other'] = ['（六）其他处理']
    start = text.find('本列数据的勾稽关系')
    if start < 0:
        return None
    for rid, vals in hand_rows(lab):
        k = find_key(text, keys[rid], max(cur.pos, start), len(text))
        want = ''.join('' if v is None else str(v) for v in vals)
        at = k and digits_at(text, k[1], want)
        if not at:
            raise ValueError('%s: row %s (%s) not where its label is'
                             % (path, rid, want))
        cur.row('t3', rid, at[0], at[1], vals, cell_ids('t3', rid, 7))
    lit = lab.get('litigation_table') or {}
    if lit.get('present'):
        vals = lit['values_hand_read']
        want = ''.join(str(v) for v in vals)
        at = digits_at(text, text.find('复议后起诉', cur.pos), want)
        if not at:
            raise ValueError('%s: T4 %s not found' % (path, want))
        cur.row('t4', '', at[0], at[1], vals, cell_ids('t4', '', 15))
    return paragraphs(cur.done()), cur.cells


def paragraphs(items):
    """The crawler wrote each paragraph, heading and table cell of the
    page as a run of text and put a space between runs: a space of the
    body (after the crawler's header lines) is a line break again, so
    that the other layouts start from the page's own paragraphs."""
    out = []
    for it in items:
        if it[0] == 't':
            head, sep, body = it[1].rpartition('=== 正文 ')
            if not sep:
                head, body = '', it[1]
            body = re.sub(r'[ \u3000]+', '\n', body)
            it = ('t', head + sep + body)
        out.append(it)
    return out


T3_LABELS = {
    'new': '一、本年新收政府信息公开申请数量',
    'carry_in': '二、上年结转政府信息公开申请数量',
    'result.open': '三、本年度办理结果\n（一）予以公开',
    'result.partial': '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    'result.deny.secret': '（三）不予公开\n1.属于国家秘密',
    'result.deny.law': '2.其他法律行政法规禁止公开',
    'result.deny.safety': '3.危及“三安全一稳定”',
    'result.deny.third_party': '4.保护第三方合法权益',
    'result.deny.internal': '5.属于三类内部事务信息',
    'result.deny.process': '6.属于四类过程性信息',
    'result.deny.enforcement': '7.属于行政执法案卷',
    'result.deny.query': '8.属于行政查询事项',
    'result.unable.not_held': '（四）无法提供\n1.本机关不掌握相关政府信息',
    'result.unable.need_create': '2.没有现成信息需要另行制作',
    'result.unable.unclear': '3.补正后申请内容仍不明确',
    'result.noproc.petition': '（五）不予处理\n1.信访举报投诉类申请',
    'result.noproc.repeat': '2.重复申请',
    'result.noproc.publication': '3.要求提供公开出版物',
    'result.noproc.massive': '4.无正当理由大量反复申请',
    'result.noproc.confirm': '5.要求行政机关确认或重新出具已获取信息',
    'result.other.no_correction': '（六）其他处理\n1.申请人无正当理由逾期不补正、'
                                  '行政机关不再处理其政府信息公开申请',
    'result.other.no_fee': '2.申请人逾期未按收费通知要求缴纳费用、'
                           '行政机关不再处理其政府信息公开申请',
    'result.other.other': '3.其他',
    'result.other': '（六）其他处理',
    'result.total': '（七）总计',
    'carry_out': '四、结转下年度继续办理',
}
T3_HEAD = ('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n'
           '申请人情况\n自然人 法人或其他组织 总计\n'
           '商业企业 科研机构 社会公益组织 法律服务机构 其他\n')
T4_HEAD = ('行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n'
           '结果维持 结果纠正 其他结果 尚未审结 总计 '
           '结果维持 结果纠正 其他结果 尚未审结 总计 '
           '结果维持 结果纠正 其他结果 尚未审结 总计\n')


def load_shredded_real(path, lab, pack):
    """17, 18, 23: the tables are rewritten from the hand reading, in a
    clean layout, in place of the region the original gives them (from
    the T3 note or header to the heading after T4).  Narrative and T2 stay
    as written."""
    text = open(path, encoding='utf-8').read()
    a = min(i for i in (text.find('申请人情况'), text.find('本列数据的勾稽'))
            if i >= 0)
    a = text.rfind('\n', 0, a) + 1
    head4 = [m.start() for m in re.finditer(r'\n[ \t]*[一二三四五六]、[^\n]*'
                                            r'(行政复议|行政诉讼)', text)]
    b = [i for i in head4 if i > a][0] + 1
    c = re.compile(r'\n[ \t]*(五、|（一）主要问题)').search(text, b).start() + 1
    cells, items = {}, [('t', text[:a] + T3_HEAD)]
    for rid, vals in hand_rows(lab):
        items.append(('t', T3_LABELS[rid] + ' '))
        items.append(('r', 't3', rid, vals))
        items.append(('t', '\n'))
        if rid != 'result.other':
            cells.update(zip(cell_ids('t3', rid, 7), vals))
    lit = lab['litigation_table']['values_hand_read']
    heading = text[b:text.index('\n', b) + 1]
    items.append(('t', heading + T4_HEAD))
    items.append(('r', 't4', '', lit))
    items.append(('t', '\n' + text[c:]))
    cells.update(zip(cell_ids('t4', '', 15), lit))
    return items, cells


def load_real(real, pack):
    """Every text file of ../shared/real as a Doc, clean copy = hand
    reading (and for 17, 18 the PDF)."""
    labels = json.load(open(os.path.join(real, 'labels.json'),
                            encoding='utf-8'))
    expect = json.load(open(os.path.join(real, 'expect.json'),
                            encoding='utf-8'))
    docs = []
    for lab in sorted(labels, key=lambda x: x['file']):
        f = lab['file']
        if not f.endswith('.txt'):
            continue
        key, path = f[:2], os.path.join(real, f)
        fmt = lab['format']
        at = lab.get('application_table') or {}
        collapsed = at.get('template_rows') == '2021-collapsed-other'
        pdf = [x['file'] for x in labels
               if x['file'].startswith(key) and x['file'].endswith('.pdf')]
        clean = os.path.join(real, pdf[0]) if pdf else None
        if not at.get('present'):
            items, cells = [('t', open(path, encoding='utf-8').read())], {}
        elif key in ('17', '18', '23'):
            items, cells = load_shredded_real(path, lab, pack)
        else:
            items, cells = load_glued_real(path, lab, pack)
        docs.append(Doc('real-' + key, items, cells, path,
                        expect=expect.get(key, {}), fmt=fmt, clean=clean,
                        collapsed_other=collapsed))
    return docs
