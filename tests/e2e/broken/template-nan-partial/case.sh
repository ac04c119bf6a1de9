WHAT='a relazione threshold that is not a number (nan)'
TEMPLATE=template.ini
EXPECT='/template.ini:6: error: relazione:partial = '"'nan'"': expected a number from 0 to 1000'
ERRORS=1
