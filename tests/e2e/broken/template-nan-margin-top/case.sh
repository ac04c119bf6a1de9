WHAT='a margin that is not a number (nan)'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: page:margin_top = '"'nan'"': expected a length'
ERRORS=1
