WHAT='a template with more than INI_MAX_KEYS (2,000) keys'
TEMPLATE=template.ini
EXPECT='/template.ini:2002: error: too many keys: more than 2000, the limit per file'
ERRORS=1
setup() {
	awk 'BEGIN {
		print "[text]"
		for (i = 0; i < 2100; i++) print "key" i " = " i
	}' >"$TPL"
}
