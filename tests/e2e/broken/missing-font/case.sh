WHAT='a template pointing to a font file that does not exist'
TEMPLATE=template.ini
EXPECT='Nope.ttf
/template.ini:3: error:'
ERRORS=1
