WHAT='strategy map: a mission colour that is not one, min_size above size'
TEMPLATE=template.ini
EXPECT='/template.ini:6: error: diagramma:mission_colors = '"'verde'"': expected colours of six hex digits
/template.ini:8: error: diagramma:min_size = '"'9'"': must not exceed diagramma:size'
ERRORS=2
