WHAT='column widths that are not plain numbers (inf, 1e3)'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: mappa:width.note = '"'inf'"': expected a number from 0.1 to 1000
/template.ini:4: error: mappa:width.target = '"'1e3'"': expected a number from 0.1 to 1000'
ERRORS=2
