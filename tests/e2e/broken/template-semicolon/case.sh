WHAT='a ; or # inside a value is literal; after white space ; starts a comment; width 0.1 is allowed'
TEMPLATE=template.ini
STATUS=0
ERRORS=0
TEXT='Piano;2021
A#B'
