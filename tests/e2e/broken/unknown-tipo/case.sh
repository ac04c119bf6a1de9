WHAT='an amendment tipo that does not exist'
EXPECT='/modifiche.csv:2: error: tipo must be inserito, aggiornato, modificato or eliminato, not '"'aggiunto'"
ERRORS=1
