WHAT='documento.ini: a year that is not a year'
EXPECT='/documento.ini:8: error: anno '"'duemila'"' is not a year'
ERRORS=1
