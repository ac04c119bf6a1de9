WHAT='a link to an objective that does not exist (collegamenti.csv)'
EXPECT='/collegamenti.csv:3: error: objective '"'7'"' (column a) not found in obiettivi_strategici.csv'
ERRORS=1
