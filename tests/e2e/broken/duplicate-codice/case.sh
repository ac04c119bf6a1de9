WHAT='a codice used twice in one file'
EXPECT='/obiettivi_strategici.csv:5: error: duplicate codice '"'3'"' (first at 
/obiettivi_strategici.csv:4)'
ERRORS=1
