WHAT='a template whose logo is not a PNG or JPEG file'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: logo
neither a PNG nor a JPEG file'
ERRORS=1
