WHAT='a row with more than CSV_MAX_FIELDS (256) fields'
EXPECT='/obiettivi_strategici.csv:3: error: too many fields: more than 256 in one row, the limit'
ERRORS=1
setup() {
	awk 'BEGIN {
		print "codice;titolo;missione;prospettiva"
		print "1;Semplificazione amministrativa;011;ITC"
		s = "2;Promozione del territorio;011;ITC"
		for (i = 0; i < 300; i++) s = s ";"
		print s "x"
		print "3;Efficienza della struttura;032;PI"
	}' >obiettivi_strategici.csv
}
