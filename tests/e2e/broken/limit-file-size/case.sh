WHAT='a file larger than CSV_MAX_FILE_BYTES (64 MiB)'
EXPECT='/programmi.csv: error: file too large: 68157440 bytes, the limit is 67108864 bytes'
ERRORS=1
setup() {
	# Sparse: it costs no disk space.
	: >programmi.csv
	truncate -s 65M programmi.csv
}
