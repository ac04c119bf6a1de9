WHAT='a quote inside an unquoted field'
EXPECT='/obiettivi_operativi.csv:3: error: quote inside unquoted field 3 ("descrizione")'
ERRORS=1
