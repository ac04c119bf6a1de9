WHAT='a cell padding that is not a number (nan)'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: table:padding_x = '"'nan'"': expected a length'
ERRORS=1
