WHAT='a columns list of 17, the last unknown'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: registro:columns = '"'nope'"': unknown column'
ERRORS=1
