WHAT='a template key that does not exist: a warning with a suggestion'
TEMPLATE=template.ini
STATUS=0
EXPECT='/template.ini:4: warning: unknown key '"'page:marign_left'"' ignored; did you mean '"'page:margin_left'"'?'
ERRORS=0
