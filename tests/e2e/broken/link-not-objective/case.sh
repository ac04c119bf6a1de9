WHAT='a link from a programme, not a strategic objective (collegamenti.csv)'
EXPECT='/collegamenti.csv:3: error: '"'P-1.1'"' (column da) is not a strategic objective but a record of'
ERRORS=1
