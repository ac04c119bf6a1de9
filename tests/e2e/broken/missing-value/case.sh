WHAT='a required value is empty'
EXPECT='/obiettivi_strategici.csv:3: error: missing value for '"'titolo'"
ERRORS=1
