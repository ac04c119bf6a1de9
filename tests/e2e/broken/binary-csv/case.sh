WHAT='a binary file (a zipped workbook) named .csv'
EXPECT='/programmi.csv: error: binary file, not CSV'
ERRORS=1
setup() {
	# The start of an .xlsx file: a zip header, with NUL bytes.
	printf 'PK\003\004\024\000\006\000\010\000\000\000!\000b\356\235h^\001\000\000\220\004\000\000\023\000\010\002[Content_Types].xml \242\004\002(\240\000\002\000\000' >programmi.csv
}
