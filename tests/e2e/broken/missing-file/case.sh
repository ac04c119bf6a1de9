WHAT='a required file is missing'
REMOVE='obiettivi_operativi.csv'
EXPECT='/obiettivi_operativi.csv: error: required file is missing'
ERRORS=1
