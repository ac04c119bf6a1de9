WHAT='a file saved as Windows-1252: a warning, and the text is right'
STATUS=0
EXPECT='/missioni.csv: warning: not valid UTF-8; read as Windows-1252 (first non-UTF-8 byte on line 2)'
ERRORS=0
TEXT='011 Competitività delle Imprese
“Servizi” istituzionali – generali'
setup() {
	# à = \340, “ = \223, ” = \224, – = \226 in Windows-1252
	printf 'codice;denominazione\n011;Competitivit\340 delle Imprese\n032;\223Servizi\224 istituzionali \226 generali\n' >missioni.csv
}
