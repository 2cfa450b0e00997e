"""hostile_files.py -- the broken and hostile inputs of the format tests:
zip bombs (honest and lying about their sizes), too many entries, ODT, a
truncated PDF, a PDF without text, ruled table PDFs, a text-box DOCX,
binary junk, an OLE2 (.doc) header, HTML nested 5000 deep, undecodable
text.  Written by make-renderings.py with the renderings."""
import os
import random

from ooxml import CONTENT_TYPES, RELS, W_NS, zip_with

def lie_about_size(path, size):
    """Patches every declared uncompressed size of the archive to size,
    as zip bombs do to get past checks of the central directory."""
    b = bytearray(open(path, 'rb').read())
    k = 0
    while True:
        k = b.find(b'PK\x03\x04', k)
        if k < 0:
            break
        b[k + 22:k + 26] = size.to_bytes(4, 'little')
        k += 4
    k = 0
    while True:
        k = b.find(b'PK\x01\x02', k)
        if k < 0:
            break
        b[k + 24:k + 28] = size.to_bytes(4, 'little')
        k += 4
    open(path, 'wb').write(bytes(b))


def pdf_file(content, resources=b'<< >>', mediabox=b'0 0 400 300'):
    """A one-page PDF around a content stream."""
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [%s] '
            b'/Contents 4 0 R /Resources %s >>' % (mediabox, resources),
            b'<< /Length %d >>\nstream\n%s\nendstream' % (len(content),
                                                         content)]
    out, offs = bytearray(b'%PDF-1.4\n'), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b'%d 0 obj\n%s\nendobj\n' % (i, o)
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        out += b'%010d 00000 n \n' % o
    out += (b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objs) + 1, xref))
    return bytes(out)


def table_pdf(outer=True):
    """A small ruled table drawn by hand: a header row, a row whose
    first cell spans two rows (no rule under it; its text sits in the
    second row), a blank cell; with or without outer vertical borders.
    The PDF reader must give Item|A|B|C, Grp|1|2|3, |4||6
    (tests/ingest/formats.sh)."""
    rules = [(50, 250, 300, 250), (50, 230, 300, 230), (150, 210, 300, 210),
             (50, 190, 300, 190)] + \
        [(x, 190, x, 250) for x in ((50, 150, 200, 250, 300) if outer
                                    else (150, 200, 250))]
    text = [(12, 50, 270, 'Title 2022'), (10, 55, 236, 'Item'),
            (10, 155, 236, 'A'), (10, 205, 236, 'B'), (10, 255, 236, 'C'),
            (10, 155, 216, '1'), (10, 205, 216, '2'), (10, 255, 216, '3'),
            (10, 55, 196, 'Grp'), (10, 155, 196, '4'), (10, 255, 196, '6')]
    c = b'0.5 w ' + b' '.join(b'%d %d m %d %d l S' % r for r in rules)
    for size, x, y, t in text:
        c += b' BT /F1 %d Tf 1 0 0 1 %d %d Tm (%s) Tj ET' % (size, x, y,
                                                           t.encode())
    return pdf_file(c, b'<< /Font << /F1 << /Type /Font /Subtype /Type1 '
                    b'/BaseFont /Helvetica >> >> >>')


def notext_pdf():
    """One page with a drawn square and no text: what a scan looks like
    to a text extractor."""
    return pdf_file(b'0.5 g 72 72 300 300 re f', mediabox=b'0 0 595 842')


def textbox_docx(path):
    """A title in a text box (DrawingML, with its VML fallback holding
    the same text), then a paragraph: the reader must give the title
    once, then the paragraph."""
    ns = ('xmlns:w="%s" xmlns:mc="http://schemas.openxmlformats.org/'
          'markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.'
          'com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-'
          'microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/'
          'drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.'
          'openxmlformats.org/drawingml/2006/main"' % W_NS)
    box = ('<w:txbxContent><w:p><w:r><w:t>某区2022年政府信息公开工作年度报告'
           '</w:t></w:r></w:p></w:txbxContent>')
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:document %s><w:body>'
           '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>'
           '<wps:txbx>%s</wps:txbx></wps:wsp></a:graphicData></a:graphic>'
           '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
           '<v:shape><v:textbox>%s</v:textbox></v:shape></w:pict>'
           '</mc:Fallback></mc:AlternateContent></w:r></w:p>'
           '<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body>'
           '</w:document>' % (ns, box, box))
    zip_with(path, [('[Content_Types].xml', CONTENT_TYPES),
                    ('_rels/.rels', RELS), ('word/document.xml', doc)])


def make_hostile(out):
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w='
           '"%s"><w:body><w:p><w:r><w:t>' % W_NS).encode() + \
        b' ' * (8 << 20) + b'</w:t></w:r></w:p></w:body></w:document>'
    base = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS)]
    zip_with(os.path.join(out, 'bad-zipbomb.docx'),
             base + [('word/document.xml', doc)])
    zip_with(os.path.join(out, 'bad-zipbomb-lying.docx'),
             base + [('word/document.xml', doc)])
    lie_about_size(os.path.join(out, 'bad-zipbomb-lying.docx'), 1000)
    zip_with(os.path.join(out, 'bad-many-entries.docx'),
             base + [('word/media/x%d.xml' % i, '') for i in range(40)] +
             [('word/document.xml', '<w:document xmlns:w="%s"/>' % W_NS)])
    zip_with(os.path.join(out, 'bad-odt.odt'),
             [('mimetype', 'application/vnd.oasis.opendocument.text'),
              ('content.xml', '<office:document-content/>')])
    pdf = open(os.path.join(out, 'sample-004.pdf'), 'rb').read()
    open(os.path.join(out, 'bad-truncated.pdf'), 'wb').write(
        pdf[:len(pdf) * 2 // 5])
    open(os.path.join(out, 'bad-notext.pdf'), 'wb').write(notext_pdf())
    open(os.path.join(out, 'table-rules.pdf'), 'wb').write(table_pdf())
    open(os.path.join(out, 'table-open.pdf'), 'wb').write(table_pdf(False))
    textbox_docx(os.path.join(out, 'textbox.docx'))
    rnd = random.Random(4)
    open(os.path.join(out, 'bad-junk.bin'), 'wb').write(
        bytes(rnd.randrange(256) for _ in range(4096)))
    open(os.path.join(out, 'bad-legacy.doc'), 'wb').write(
        b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + bytes(504))
    open(os.path.join(out, 'bad-deep.html'), 'w').write(
        '<!DOCTYPE html><html><body>' + '<div>' * 5000 + '深' +
        '</div>' * 5000 + '</body></html>')
    open(os.path.join(out, 'bad-encoding.txt'), 'wb').write(
        '一、总体情况\n'.encode() + b'abc\xff\xfe\xfd\n')
