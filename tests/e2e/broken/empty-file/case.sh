WHAT='an empty file'
EXPECT='/missioni.csv: error: no header row: the file is empty'
ERRORS=1
setup() {
	: >missioni.csv
}
