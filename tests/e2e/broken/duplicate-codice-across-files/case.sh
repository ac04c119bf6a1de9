WHAT='a codice of indicatori_strategici.csv used again in indicatori_operativi.csv'
EXPECT='/indicatori_operativi.csv:5: error: duplicate codice '"'IS-3.1'"' (first at 
/indicatori_strategici.csv:4)'
ERRORS=1
