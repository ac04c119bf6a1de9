WHAT='a template value that is not allowed'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: page:size = '"'A5'"': expected one of: A4 A3'
ERRORS=1
