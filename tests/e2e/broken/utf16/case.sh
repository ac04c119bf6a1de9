WHAT='a file saved as UTF-16'
EXPECT='/missioni.csv: error: UTF-16 text'
ERRORS=1
setup() {
	printf '\377\376c\000o\000d\000i\000c\000e\000;\000n\000\n\000' >missioni.csv
}
