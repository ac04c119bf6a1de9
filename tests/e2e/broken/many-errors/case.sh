WHAT='seven errors in six plan files and the template: all reported in one run'
TEMPLATE=template.ini
EXPECT='/documento.ini:8: error: anno '"'duemila'"' is not a year
/obiettivi_strategici.csv:3: error: missing value for '"'titolo'"'
/programmi.csv:5: error: obiettivo '"'9'"' not found in obiettivi_strategici.csv
/obiettivi_operativi.csv:3: error: quote inside unquoted field 3
/indicatori_operativi.csv:4: error: peso must be a number > 0
/modifiche.csv:3: error: data '"'31/02/2021'"' is not a date
/template.ini:3: error: page:size = '"'A5'"''
ERRORS=7
