WHAT='a date that does not exist'
EXPECT='/modifiche.csv:3: error: data '"'31/02/2021'"' is not a date'
ERRORS=1
