#!/usr/bin/env python3
"""make-renderings.py -- render each sample report as DOCX, HTML, PDF and
legacy-encoded text, for the ingest tests (tests/ingest/formats.sh).
Samples 001 and 004 also get a second PDF made from the HTML (portrait,
wrapped and vertically centred labels): sample-NNN.web.pdf.

The renderings must say exactly what the text says, so every text line
becomes one paragraph or one table row, in order:

  * a line with tabs is a table row, its fields the cells;
  * a line ending in two or more numbers ("自然人 15 0 0 0 0 0 15") is a
    table row: the label, then one cell per number;
  * short lines between two such rows (labels wrapped over lines) are
    one-cell rows of the same table;
  * other lines are paragraphs ('#' lines headings, '**' bold).

Headings "一、…" and "（一）…" are Word list items in the DOCX (the
label comes from numbering.xml, not from the text) where their numbers
follow on.  Tables use real merges where the text allows them without changing what
a reader gets back: a cell followed by empty fields spans them
(gridSpan / colspan), and leading empty fields under a cell continue it
(vMerge / rowspan).  The readers expand merges back to empty fields.

Only the Python standard library is needed for DOCX, HTML and text; the
PDF is converted from the DOCX with LibreOffice (dev time only:
apt-get install libreoffice-writer-nogui fonts-noto-cjk).  The outputs
are committed under tests/data/formats/, so CI needs none of this.

It also writes the hostile files (bad-*, made by hostile_files.py): zip
bombs (honest and lying sizes), too many entries, ODT, a truncated PDF, a
PDF without text, binary junk, an OLE2 (.doc) header, HTML nested 5000
deep, undecodable text.

Usage: make-renderings.py SRCDIR   (the top of the source tree)
"""

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from hostile_files import make_hostile
from ooxml import (CONTENT_TYPES, DOC_RELS, NUMBERING, R_NS, RELS, STYLES,
                   W_NS)

NUM = re.compile(r'^-?\d+(\.\d+)?$')
HEADING_BREAK = re.compile(r'^[一二三四五六七八九十]+、.{6,}')
PAGE_W, MARGIN, EM = 16838, 600, 180       # twips; 9 pt text


def numeric_row(line):
    """Cells of a space-separated row ending in >= 2 numbers, or None."""
    toks = line.split()
    k = 0
    while k < len(toks) and NUM.match(toks[len(toks) - 1 - k]):
        k += 1
    if k < 2:
        return None
    nums = toks[len(toks) - k:]
    label = line
    for t in reversed(nums):
        label = label.rstrip()
        assert label.endswith(t)
        label = label[:len(label) - len(t)]
    label = label.strip()
    return ([label] if label else []) + nums


def row_cells(line):
    if '\t' in line:
        return line.split('\t')
    return numeric_row(line)


def is_filler(line):
    """A short line that may sit inside a table (a wrapped label)."""
    s = line.strip()
    return len(s) <= 30 and '。' not in s and not s.startswith('#') \
        and not HEADING_BREAK.match(s) and not s.startswith('---')


def blocks(lines):
    """[('p', text) | ('table', [cells, ...])] in text order."""
    out, i, n = [], 0, len(lines)
    while i < n:
        cells = row_cells(lines[i])
        if cells is None:
            if lines[i].strip():
                out.append(('p', lines[i]))
            i += 1
            continue
        rows = [cells]
        i += 1
        while i < n:
            if not lines[i].strip():
                i += 1
                continue
            cells = row_cells(lines[i])
            if cells is not None:
                rows.append(cells)
                i += 1
                continue
            # fillers count only if another row follows them
            j = i
            while j < n and (not lines[j].strip() or
                             (row_cells(lines[j]) is None and
                              is_filler(lines[j]))):
                j += 1
            if j < n and row_cells(lines[j]) is not None and j - i <= 12:
                rows.extend([lines[k].strip()] for k in range(i, j)
                            if lines[k].strip())
                i = j
                continue
            break
        out.append(('table', rows))
    return out


def layout(rows):
    """Per row, a list of (text, colspan, vmerge) with vmerge None,
    'restart' or 'continue', and the number of grid columns."""
    ncols = max(len(r) for r in rows)
    grid = []
    for r, cells in enumerate(rows):
        out, c = [], 0
        above = grid[-1] if grid else []
        # leading empty fields continue the cells above them
        while c < len(cells) and cells[c] == '' and c < len(above) and \
                above[c] is not None and above[c][1] == 1 and \
                (above[c][0] != '' or above[c][2] == 'continue') and \
                c + 1 < len(cells):
            out.append(['', 1, 'continue'])
            if above[c][2] is None:
                above[c][2] = 'restart'
            c += 1
        while c < len(cells):
            span = 1
            if cells[c] != '':
                while c + span < len(cells) and cells[c + span] == '':
                    span += 1
            out.append([cells[c], span, None])
            out.extend([None] * (span - 1))
            c += span
        grid.append(out)
    return [[x for x in row if x is not None] for row in grid], ncols, grid


def text_em(s):
    return sum(1.0 if ord(ch) > 0x7f else 0.55 for ch in s)


def col_widths(grid, ncols):
    want = [2.0] * ncols
    for row in grid:
        for c, x in enumerate(row):
            if x is not None and x[1] == 1:
                want[c] = max(want[c], min(text_em(x[0]), 40.0))
    tw = [int(w * EM) + 160 for w in want]
    avail = PAGE_W - 2 * MARGIN
    while sum(tw) > avail:
        k = tw.index(max(tw))
        tw[k] = int(tw[k] * 0.95)
    return tw


# ---------------------------------------------------------------- DOCX

def x(s):
    return html.escape(s, quote=True)


def runs_xml(text, size=18):
    out = []
    for k, part in enumerate(text.split('**')):
        if not part:
            continue
        b = '<w:b/>' if k % 2 else ''
        out.append('<w:r><w:rPr>%s<w:sz w:val="%d"/></w:rPr>'
                   '<w:t xml:space="preserve">%s</w:t></w:r>'
                   % (b, size, x(part)))
    return ''.join(out)


CN = '〇一二三四五六七八九十'
LIST = re.compile(r'^([一二三四五六七八九十]+)、|^（([一二三四五六七八九十]+)）')


def cn_value(t):
    """一..九十九 to an int."""
    if t == '十':
        return 10
    if '十' in t:
        a, b = t.split('十')
        return (CN.index(a) if a else 1) * 10 + (CN.index(b) if b else 0)
    return CN.index(t) if len(t) == 1 else -1


class Numbering:
    """Headings "一、" and "（一）" become Word list items (numbering.xml,
    chineseCounting) when their number is the one Word would give them:
    the reader must put the label back."""

    def __init__(self):
        self.count = [0, 0]

    def take(self, text):
        """(level, text without its label) or None."""
        m = LIST.match(text)
        if not m:
            return None
        level = 0 if m.group(1) else 1
        if cn_value(m.group(level + 1)) != self.count[level] + 1:
            return None
        self.count[level] += 1
        if level == 0:
            self.count[1] = 0
        return level, text[m.end():]


def para_xml(line, num):
    s = line.lstrip()
    style, size = '', 18
    if s.startswith('#'):
        level = len(s) - len(s.lstrip('#'))
        s = s.lstrip('#').strip()
        style, size = '<w:pStyle w:val="Heading%d"/>' % min(level, 3), 24
    item = num.take(s.lstrip('\u3000 '))
    if item is not None:
        return ('<w:p><w:pPr>%s<w:numPr><w:ilvl w:val="%d"/><w:numId '
                'w:val="1"/></w:numPr></w:pPr>%s</w:p>'
                % (style, item[0], runs_xml(item[1], size)))
    if style:
        return '<w:p><w:pPr>%s</w:pPr>%s</w:p>' % (style, runs_xml(s, size))
    return '<w:p>%s</w:p>' % runs_xml(line)


def table_xml(rows):
    cells, ncols, grid = layout(rows)
    tw = col_widths(grid, ncols)
    b = ''.join('<w:%s w:val="single" w:sz="4" w:space="0" '
                'w:color="000000"/>' % e for e in
                ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
    out = ['<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/>'
           '<w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="60" w:type="dxa"/>'
           '<w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>'
           '<w:tblGrid>%s</w:tblGrid>'
           % (sum(tw), b, ''.join('<w:gridCol w:w="%d"/>' % w
                                  for w in tw))]
    for row in cells:
        used = sum(c[1] for c in row)
        out.append('<w:tr>')
        if used < ncols:
            out.append('<w:trPr><w:gridAfter w:val="%d"/></w:trPr>'
                       % (ncols - used))
        col = 0
        for text, span, vm in row:
            pr = '<w:tcW w:w="%d" w:type="dxa"/>' % sum(tw[col:col + span])
            if span > 1:
                pr += '<w:gridSpan w:val="%d"/>' % span
            if vm == 'restart':
                pr += '<w:vMerge w:val="restart"/>'
            elif vm == 'continue':
                pr += '<w:vMerge/>'
            out.append('<w:tc><w:tcPr>%s</w:tcPr><w:p>%s</w:p></w:tc>'
                       % (pr, runs_xml(text) if text else ''))
            col += span
        out.append('</w:tr>')
    out.append('</w:tbl><w:p/>')
    return ''.join(out)


def write_docx(path, bl):
    num = Numbering()
    body = ''.join(para_xml(t, num) if kind == 'p' else table_xml(t)
                   for kind, t in bl)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s'
           '<w:sectPr><w:pgSz w:w="%d" w:h="11906" w:orient="landscape"/>'
           '<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" '
           'w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>'
           '</w:body></w:document>'
           % (W_NS, R_NS, body, PAGE_W, MARGIN, MARGIN, MARGIN, MARGIN))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in (('[Content_Types].xml', CONTENT_TYPES),
                           ('_rels/.rels', RELS),
                           ('word/_rels/document.xml.rels', DOC_RELS),
                           ('word/styles.xml', STYLES),
                           ('word/numbering.xml', NUMBERING),
                           ('word/document.xml', doc)):
            info = zipfile.ZipInfo(name, (2023, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ---------------------------------------------------------------- HTML

def html_runs(text):
    return ''.join(('<b>%s</b>' if k % 2 else '%s') % x(part)
                   for k, part in enumerate(text.split('**')) if part)


def html_table(rows):
    cells, _, _ = layout(rows)
    out = ['<table border="1" cellspacing="0">\n<tbody>']
    down = {}
    for r, row in enumerate(cells):
        col = 0
        for c, (text, span, vm) in enumerate(row):
            if vm == 'restart':
                k = r + 1
                while k < len(cells) and c < len(cells[k]) and \
                        cells[k][c][2] == 'continue':
                    k += 1
                down[(r, c)] = k - r
        parts = []
        for c, (text, span, vm) in enumerate(row):
            if vm == 'continue':
                continue
            a = ''
            if span > 1:
                a += ' colspan="%d"' % span
            if (r, c) in down:
                a += ' rowspan="%d"' % down[(r, c)]
            parts.append('<td%s>%s</td>' % (a, html_runs(text)))
            col += span
        out.append('<tr>%s</tr>' % ''.join(parts))
    out.append('</tbody>\n</table>')
    return '\n'.join(out)


def write_html(path, bl, title, charset, encoding, declared=None):
    body = []
    for kind, t in bl:
        if kind == 'table':
            body.append(html_table(t))
            continue
        s = t.lstrip()
        if s.startswith('#'):
            level = min(len(s) - len(s.lstrip('#')), 6)
            body.append('<h%d>%s</h%d>' % (level, html_runs(
                s.lstrip('#').strip()), level))
        else:
            body.append('<p>%s</p>' % html_runs(t))
    page = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n'
            '<meta http-equiv="Content-Type" content="text/html; '
            'charset=%s">\n<title>%s</title>\n<style>td{padding:2px}'
            '</style>\n<script>var nav = "首页";</script>\n</head>\n<body>\n'
            '<nav><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>'
            '</nav>\n<div class="article">\n%s\n</div>\n'
            '<footer>版权所有 主办单位 网站标识码 0000000000</footer>\n'
            '</body>\n</html>\n'
            % (declared or charset, x(title), '\n'.join(body)))
    with open(path, 'wb') as f:
        f.write(page.encode(encoding))


# ---------------------------------------------------------------- main

def legacy(text):
    try:
        return text.encode('gbk'), 'gbk'
    except UnicodeEncodeError:
        return text.encode('gb18030'), 'gb18030'


def make_pdf(src, dest, filt='pdf'):
    """LibreOffice conversion of src to the PDF dest.  From the DOCX:
    landscape, labels on one line, cells top-aligned.  From the HTML
    (filt 'pdf:writer_web_pdf_Export'): portrait, narrow autofit columns,
    wrapped labels, cells vertically centred -- what most published
    reports look like."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['soffice', '-env:UserInstallation=file://' + tmp,
                        '--headless', '--convert-to', filt, '--outdir',
                        tmp, src], check=True, stdout=subprocess.DEVNULL)
        base = os.path.splitext(os.path.basename(src))[0]
        shutil.move(os.path.join(tmp, base + '.pdf'), dest)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else '.'
    data = os.path.join(src, 'tests', 'data')
    out = os.path.join(data, 'formats')
    os.makedirs(out, exist_ok=True)
    for n in range(5):
        base = 'sample-%03d' % n
        with open(os.path.join(data, base + '.txt'), encoding='utf-8') as f:
            text = f.read()
        lines = text.splitlines()
        bl = blocks(lines)
        title = next((l.strip(' #\u3000') for l in lines if l.strip()), '')
        docx = os.path.join(out, base + '.docx')
        write_docx(docx, bl)
        if n == 1:
            # a legacy site: GBK bytes, declared gb2312
            write_html(os.path.join(out, base + '.html'), bl, title,
                       'gb2312', 'gb18030')
        else:
            write_html(os.path.join(out, base + '.html'), bl, title,
                       'utf-8', 'utf-8')
        raw, enc = legacy(text)
        with open(os.path.join(out, '%s.%s.txt' % (base, enc)), 'wb') as f:
            f.write(raw)
        if shutil.which('soffice'):
            make_pdf(docx, os.path.join(out, base + '.pdf'))
            if n in (1, 4):
                make_pdf(os.path.join(out, base + '.html'),
                         os.path.join(out, base + '.web.pdf'),
                         'pdf:writer_web_pdf_Export')
        else:
            print('soffice not found: %s.pdf not made' % base)
    make_hostile(out)
    # the same page declared GBK although its bytes are UTF-8
    write_html(os.path.join(out, 'sample-004.wrong-charset.html'),
               blocks(open(os.path.join(data, 'sample-004.txt'),
                           encoding='utf-8').read().splitlines()),
               'wrong charset', 'utf-8', 'utf-8', declared='gbk')
    # UTF-16 with a byte-order mark, both orders
    with open(os.path.join(data, 'sample-004.txt'), encoding='utf-8') as f:
        text = f.read()
    with open(os.path.join(out, 'sample-004.utf16le.txt'), 'wb') as f:
        f.write(b'\xff\xfe' + text.encode('utf-16-le'))
    # and without: Windows "Unicode" text saved by some tools
    with open(os.path.join(out, 'sample-004.utf16le-nobom.txt'), 'wb') as f:
        f.write(text.encode('utf-16-le'))
    with open(os.path.join(out, 'sample-003.utf16be.txt'), 'wb') as f:
        f.write(b'\xfe\xff' + open(os.path.join(data, 'sample-003.txt'),
                                   encoding='utf-8').read()
                .encode('utf-16-be'))


if __name__ == '__main__':
    main()
