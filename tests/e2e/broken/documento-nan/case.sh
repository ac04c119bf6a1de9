WHAT='documento.ini: a year that is nan (numbers outside templates are finite and in range)'
EXPECT="/documento.ini:8: error: anno 'nan' is not a year"
ERRORS=1
