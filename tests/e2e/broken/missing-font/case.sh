WHAT='a template pointing to a font file that does not exist'
TEMPLATE=template.ini
EXPECT='Nope.ttf
/template.ini:3: error:'
ERRORS=1
# template.c does not check the font files: only the build finds out, and
# without the line of the key.  Until it does, these checks are "todo".
TODO='check:
/template.ini:3: error:'
