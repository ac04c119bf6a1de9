WHAT='a file with more than CSV_MAX_ROWS (1,000,000) data rows'
EXPECT='/monitoraggio.csv:1000002: error: too many rows: more than 1000000, the limit per file'
ERRORS=1
setup() {
	awk 'BEGIN {
		print "indicatore;periodo;valore;esito;nota"
		for (i = 0; i < 1000005; i++) print "IS-1.1;2021;96%;;"
	}' >monitoraggio.csv
}
