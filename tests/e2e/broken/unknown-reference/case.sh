WHAT='a reference to a codice that does not exist (after a multi-line field)'
EXPECT='/programmi.csv:5: error: obiettivo '"'9'"' not found in obiettivi_strategici.csv'
ERRORS=1
