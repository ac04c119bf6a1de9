WHAT='a quoted field that is never closed'
EXPECT='/obiettivi_operativi.csv:3: error: unterminated quoted field 3 ("descrizione")'
ERRORS=1
