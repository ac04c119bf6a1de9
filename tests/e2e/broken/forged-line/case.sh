WHAT='values with a line break and a very long value: quoted on one line, cut to 80 bytes'
STATUS=0
EXPECT="/prospettive.csv:1: warning: unused column 'nota\\nERROR: forged' (kept, not printed)
/prospettive.csv:1: warning: unused column 'èèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèèè...' (kept, not printed)"
ERRORS=0
