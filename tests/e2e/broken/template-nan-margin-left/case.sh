WHAT='a left margin that is not a number (nan)'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: page:margin_left = '"'nan'"': expected a length'
ERRORS=1
