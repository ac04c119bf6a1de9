WHAT='an objective linked to itself (collegamenti.csv)'
EXPECT='/collegamenti.csv:3: error: objective '"'2'"' is linked to itself'
ERRORS=1
