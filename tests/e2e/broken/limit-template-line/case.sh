WHAT='a template line longer than INI_MAX_LINE (1,000 bytes)'
TEMPLATE=template.ini
EXPECT='/template.ini:3: error: line too long: more than 1000 bytes, the limit'
ERRORS=1
setup() {
	awk 'BEGIN {
		print "; a title far too long"
		print "[document]"
		s = "Piano"; while (length(s) < 1200) s = s " Piano"
		print "title = " s
	}' >"$TPL"
}
