WHAT='a required column is missing'
EXPECT='/obiettivi_strategici.csv:1: error: missing column '"'missione'"
ERRORS=1
