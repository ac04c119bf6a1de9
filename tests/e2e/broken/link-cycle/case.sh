WHAT='links that go round in a cycle (collegamenti.csv)'
EXPECT='/collegamenti.csv:5: error: the link from '"'2'"' to '"'3'"' closes the cycle '"'3 → 1 → 2 → 3'"''
ERRORS=1
