WHAT='a link given twice (collegamenti.csv): a warning, the PDF is built'
STATUS=0
EXPECT='/collegamenti.csv:4: warning: the link from '"'3'"' to '"'1'"' is given twice (first at'
ERRORS=0
