"""ooxml.py -- the fixed parts of a minimal Word document (OOXML
package) and a deterministic zip writer, shared by the test renderings
(make-renderings.py) and the hostile files (hostile_files.py)."""
import zipfile

FONT = 'Noto Sans CJK SC'
W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R_NS = ('http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships')
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension='
    '"xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/><Override '
    'PartName="/word/styles.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '</Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="%s/officeDocument" '
    'Target="word/document.xml"/></Relationships>' % R_NS)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="%s/styles" '
    'Target="styles.xml"/><Relationship Id="rId2" Type="%s/numbering" '
    'Target="numbering.xml"/></Relationships>' % (R_NS, R_NS))
NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:numbering xmlns:w="%s"><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt '
    'w:val="chineseCounting"/><w:lvlText w:val="%%1、"/><w:suff '
    'w:val="nothing"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
    '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%%2）"/>'
    '<w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1">'
    '<w:abstractNumId w:val="0"/></w:num></w:numbering>' % W_NS)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s"/>'
    '<w:sz w:val="18"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '</w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style>%s</w:styles>'
    % (W_NS, FONT, FONT, FONT, ''.join(
        '<w:style w:type="paragraph" w:styleId="Heading%d"><w:name '
        'w:val="heading %d"/><w:basedOn w:val="Normal"/><w:pPr>'
        '<w:outlineLvl w:val="%d"/></w:pPr><w:rPr><w:b/></w:rPr>'
        '</w:style>' % (k, k, k - 1) for k in (1, 2, 3))))


def zip_with(path, entries):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, (2023, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
