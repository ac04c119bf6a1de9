WHAT='a field longer than CSV_MAX_FIELD_BYTES (64 KiB)'
EXPECT='/obiettivi_strategici.csv:3: error: field 2 ("titolo") is too long: 70000 bytes, the limit is 65536 bytes per field'
ERRORS=1
setup() {
	awk 'BEGIN {
		print "codice;titolo;missione;prospettiva"
		print "1;Semplificazione amministrativa;011;ITC"
		s = "x"; while (length(s) < 70000) s = s s
		print "2;" substr(s, 1, 70000) ";011;ITC"
		print "3;Efficienza della struttura;032;PI"
	}' >obiettivi_strategici.csv
}
