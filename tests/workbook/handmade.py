#!/usr/bin/env python3
"""handmade.py OUTDIR [broken] - a small plan as .xlsx and .ods written by
hand, XML and zip (Python's zipfile), not by annex: the cases a reader
must get right and that openpyxl does not write.

hand.xlsx: shared strings with rich-text runs and a phonetic run (rPh, not
shown), an _x000D_ escape, an inline string, a formula string with its
cached value, General, #,##0, 0% and date formats (built-in and custom),
a merged range whose covered cell still holds a stale value, a hidden
sheet, a sheet that is no table of the plan, the documento sheet with its
chiave | valore header, cells without r= attributes.
hand.ods: the same plan with number, percentage and date styles, a
hidden table, a covered cell, an annotation, text:s and text:span, a
formula with its value, repeated empty rows and columns.

With "broken": a #REF! error cell, a formula without a cached value and a
reference to a missing programma (tests/e2e/t_workbook.sh checks the
messages).  tests/workbook/hand.xlsx and hand.ods are this script's
output, committed as fixtures (tests/unit/test_workbook.c).
"""
import datetime
import os
import sys
import zipfile
from xml.sax.saxutils import escape

BROKEN = len(sys.argv) > 2 and sys.argv[2] == "broken"


def serial(y, m, d):
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


# Each sheet: rows of cells; a cell is (kind, value[, style]):
#   s: shared string index, t: inline string, n: number, f: formula str
SST = [
    "codice", "denominazione",                      # 0 1
    None,                                           # 2 rich text
    "riga uno_x000D_\nriga due",                    # 3
    None,                                           # 4 phonetic
]
RICH = ('<si><r><t xml:space="preserve">Competitività </t></r>'
        '<r><rPr><b/></rPr><t>delle Imprese</t></r></si>')
PHON = ('<si><t>Benefici attesi</t><rPh sb="0" eb="1"><t>HIDDEN</t></rPh>'
        '</si>')

SHEETS = [
    ("missioni", False, [
        [("s", 0), ("s", 1)],
        [("t", "011"), ("s", 2)],
    ]),
    ("prospettive", True, [
        [("t", "codice"), ("t", "denominazione")],
        [("t", "ITC"), ("t", "Imprese Territorio e Consumatori")],
    ]),
    ("obiettivi_strategici", False, [
        [("t", "codice"), ("t", "titolo"), ("t", "missione"),
         ("t", "prospettiva")],
        [("n", "1"), ("t", "Semplificazione Amministrativa"), ("t", "011"),
         ("t", "ITC")],
    ]),
    ("indicatori_strategici", False, [
        [("t", "codice"), ("t", "obiettivo"), ("t", "descrizione"),
         ("t", "owner"), ("t", "polarita"), ("t", "peso"),
         ("t", "target_2020"), ("t", "target_2021")],
        [("t", "IS-1"), ("n", "1"), ("s", 3), ("t", "S. Anagrafe"),
         ("t", "decrescente"), ("n", "0.5"), ("n", "0.95", 2),
         ("t", "≥ 90%")],
    ]),
    ("programmi", False, [
        [("t", "codice"), ("t", "obiettivo"), ("t", "titolo"),
         ("t", "benefici"), ("t", "risorse")],
        [("t", "P-1"), ("n", "1"), ("t", "Programma uno"), ("s", 4),
         ("n", "1670000", 3)],
    ]),
    ("obiettivi_operativi", False, [
        [("t", "codice"), ("t", "programma"), ("t", "descrizione")],
        [("t", "OO-1"), ("t", "P-99" if BROKEN else "P-1"),
         ("f", "Obiettivo operativo")],
    ]),
    ("indicatori_operativi", False, [
        [("t", "codice"), ("t", "obiettivo_operativo"), ("t", "descrizione"),
         ("t", "target"), ("t", "albero"), ("t", "strutture")],
        [("t", "IO-1"), ("t", "OO-1"), ("t", "Indicatore uno"),
         ("n", str(serial(2021, 12, 31)), 4), ("t", "X"),
         ("t", "Servizio Promozione")],
        [("t", "IO-2"), ("t", "OO-1"),
         ("e", "#REF!") if BROKEN else ("t", "Indicatore due"),
         ("nf", "") if BROKEN else ("t", "100%"), ("t", ""),
         ("t", "stale")],
    ]),
    ("modifiche", False, [
        [("t", "riferimento"), ("t", "tipo"), ("t", "data"),
         ("t", "organo"), ("t", "numero")],
        [("t", "IS-1"), ("t", "aggiornato"),
         ("n", str(serial(2019, 12, 2)), 5), ("t", "Giunta"), ("n", "129")],
    ]),
    ("documento", False, [
        [("t", "chiave"), ("t", "valore")],
        [("t", "ente"), ("t", "Camera di Commercio di Prova")],
        [("t", "titolo"), ("t", "Piano di prova")],
        [("t", "delibera_data"), ("n", str(serial(2021, 7, 27)), 1)],
        [("t", "anno"), ("n", "2021")],
    ]),
    ("Note", False, [[("t", "appunti")]]),
]
MERGES = {"indicatori_operativi": "F2:F3"}

# cellXfs: 0 General, 1 date 14, 2 percent 9, 3 #,##0, 4 custom date 164,
# 5 custom 165 (a literal and a date)
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>
<numFmt numFmtId="165" formatCode="[$-410]dd/mm/yyyy"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/>
<xf numFmtId="3"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
</styleSheet>"""

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = ('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_cell(ref, c, with_ref):
    kind, v = c[0], c[1]
    r = f' r="{ref}"' if with_ref else ""
    s = f' s="{c[2]}"' if len(c) > 2 else ""
    if kind == "s":
        return f'<c{r}{s} t="s"><v>{v}</v></c>'
    if kind == "t":
        if v == "":
            return ""
        return f'<c{r}{s} t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    if kind == "n":
        return f"<c{r}{s}><v>{v}</v></c>"
    if kind == "f":
        return (f'<c{r}{s} t="str"><f>"Obiettivo "&amp;"operativo"</f>'
                f"<v>{escape(v)}</v></c>")
    if kind == "nf":
        return f"<c{r}{s}><f>1/0</f></c>"
    if kind == "e":
        return f'<c{r}{s} t="e"><f>#REF!</f><v>{v}</v></c>'
    raise ValueError(kind)


def write_xlsx(path):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
               'schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="xml" ContentType="application/xml"/>'
               "</Types>")
    z.writestr("_rels/.rels",
               f'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
               f'openxmlformats.org/package/2006/relationships"><Relationship'
               f' Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.'
               f'xml"/></Relationships>')
    sheets, rels = [], []
    for i, (name, hidden, rows) in enumerate(SHEETS, 1):
        st = ' state="hidden"' if hidden else ""
        sheets.append(f'<sheet name="{name}" sheetId="{i}"{st} '
                      f'r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
        body = []
        for r, row in enumerate(rows, 1):
            # the documento sheet leaves out r= (allowed, and some
            # writers do)
            refs = name != "documento"
            cells = "".join(xlsx_cell(f"{col_letter(c)}{r}", cell, refs)
                            for c, cell in enumerate(row))
            body.append(f'<row r="{r}">{cells}</row>' if refs
                        else f"<row>{cells}</row>")
        merge = (f'<mergeCells count="1"><mergeCell ref="{MERGES[name]}"/>'
                 "</mergeCells>" if name in MERGES else "")
        z.writestr(f"xl/worksheets/sheet{i}.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS} '
                   f'{RNS}><sheetData>{"".join(body)}</sheetData>{merge}'
                   "</worksheet>")
    n = len(SHEETS)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" '
                f'Target="styles.xml"/>')
    rels.append(f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" '
                f'Target="/xl/sharedStrings.xml"/>')
    z.writestr("xl/workbook.xml",
               f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}>'
               f'<workbookPr date1904="false"/><sheets>{"".join(sheets)}'
               "</sheets></workbook>")
    z.writestr("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
               'openxmlformats.org/package/2006/relationships">'
               + "".join(rels) + "</Relationships>")
    z.writestr("xl/styles.xml", STYLES)
    si = []
    for s in SST:
        if s is None:
            si.append(RICH if len(si) == 2 else PHON)
        else:
            si.append(f'<si><t xml:space="preserve">{escape(s)}</t></si>')
    z.writestr("xl/sharedStrings.xml",
               f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'
               + "".join(si) + "</sst>")
    z.close()


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:'
    'xmlns:calcext:1.0" office:version="1.2"')

ODS_STYLES = """<office:automatic-styles>
<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>
<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
<number:number-style style:name="N3"><number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<number:percentage-style style:name="N10"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:date-style style:name="N36"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N10"/>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N36"/>
</office:automatic-styles>"""


def ods_text(v):
    """Runs of spaces as text:s, as LibreOffice writes them."""
    out, i = [], 0
    while i < len(v):
        if v[i] == " " and i + 1 < len(v) and v[i + 1] == " ":
            j = i
            while j < len(v) and v[j] == " ":
                j += 1
            out.append(f' <text:s text:c="{j - i - 1}"/>')
            i = j
        else:
            out.append(escape(v[i]))
            i += 1
    return "".join(out)


def ods_cell(c, sheet):
    kind, v = c[0], c[1]
    style = c[2] if len(c) > 2 else 0
    if kind == "s":
        v = SST[v] if SST[v] is not None else None
        if v is None and c[1] == 2:
            return ('<table:table-cell office:value-type="string"><text:p>'
                    'Competitività <text:span text:style-name="T1">delle '
                    'Imprese</text:span></text:p></table:table-cell>')
        if v is None:
            return ('<table:table-cell office:value-type="string">'
                    '<office:annotation><text:p>a comment, not shown'
                    '</text:p></office:annotation><text:p>Benefici attesi'
                    '</text:p></table:table-cell>')
        parts = v.replace("_x000D_", "").split("\n")
        return ('<table:table-cell office:value-type="string">'
                + "".join(f"<text:p>{ods_text(p)}</text:p>" for p in parts)
                + "</table:table-cell>")
    if kind == "t":
        if v == "":
            return "<table:table-cell/>"
        return ('<table:table-cell office:value-type="string"><text:p>'
                f"{ods_text(v)}</text:p></table:table-cell>")
    if kind == "n":
        if style in (1, 4, 5):
            d = datetime.date(1899, 12, 30) + datetime.timedelta(int(v))
            return ('<table:table-cell table:style-name="ce1" '
                    f'office:value-type="date" office:date-value="{d}">'
                    "<text:p>whatever</text:p></table:table-cell>")
        if style == 2:
            return ('<table:table-cell table:style-name="ce2" '
                    f'office:value-type="percentage" office:value="{v}">'
                    "<text:p>95%</text:p></table:table-cell>")
        st = ' table:style-name="ce3"' if style == 3 else ""
        return (f'<table:table-cell{st} office:value-type="float" '
                f'office:value="{v}"><text:p>{v}</text:p></table:table-cell>')
    if kind == "f":
        return ('<table:table-cell table:formula="of:=&quot;Obiettivo '
                '&quot;&amp;&quot;operativo&quot;" office:value-type="string"'
                f' office:string-value="{v}"><text:p>{v}</text:p>'
                "</table:table-cell>")
    if kind == "nf":
        return '<table:table-cell table:formula="of:=1/0"/>'
    if kind == "e":
        return ('<table:table-cell table:formula="of:=#REF!" '
                'office:value-type="float" office:value="0" '
                'calcext:value-type="error"><text:p>#REF!</text:p>'
                "</table:table-cell>")
    raise ValueError(kind)


def write_ods(path):
    tables = []
    for name, hidden, rows in SHEETS:
        st = "ta2" if hidden else "ta1"
        body = [f'<table:table table:name="{name}" table:style-name="{st}">'
                '<table:table-column table:number-columns-repeated="1024"/>']
        for r, row in enumerate(rows, 1):
            cells = []
            for c, cell in enumerate(row):
                if name in MERGES and c == 5 and r == 2:
                    cells.append(ods_cell(cell, name).replace(
                        "<table:table-cell ", '<table:table-cell '
                        'table:number-rows-spanned="2" ', 1))
                elif name in MERGES and c == 5 and r == 3:
                    cells.append('<table:covered-table-cell office:value-'
                                 'type="string"><text:p>stale</text:p>'
                                 "</table:covered-table-cell>")
                else:
                    cells.append(ods_cell(cell, name))
            cells.append('<table:table-cell table:number-columns-repeated='
                         f'"{1024 - len(row)}"/>')
            body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        body.append('<table:table-row table:number-rows-repeated="1048570">'
                    '<table:table-cell table:number-columns-repeated="1024"/>'
                    "</table:table-row></table:table>")
        tables.append("".join(body))
    content = (f'<?xml version="1.0" encoding="UTF-8"?>'
               f"<office:document-content {ODS_NS}>{ODS_STYLES}"
               "<office:body><office:spreadsheet>" + "".join(tables)
               + "</office:spreadsheet></office:body>"
               "</office:document-content>")
    z = zipfile.ZipFile(path, "w")
    z.writestr(zipfile.ZipInfo("mimetype"),
               "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    z.writestr("META-INF/manifest.xml",
               '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
               'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
               'manifest:1.0" manifest:version="1.2"><manifest:file-entry '
               'manifest:full-path="/" manifest:media-type="application/'
               'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
               'manifest:full-path="content.xml" manifest:media-type='
               '"text/xml"/></manifest:manifest>', zipfile.ZIP_DEFLATED)
    z.close()


def main():
    out = sys.argv[1]
    stem = "hand-broken" if BROKEN else "hand"
    write_xlsx(os.path.join(out, stem + ".xlsx"))
    write_ods(os.path.join(out, stem + ".ods"))


if __name__ == "__main__":
    main()
