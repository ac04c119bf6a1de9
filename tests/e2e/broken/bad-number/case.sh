WHAT='a weight (peso) that is not a number'
EXPECT='/indicatori_operativi.csv:4: error: peso must be a number > 0'
ERRORS=1
