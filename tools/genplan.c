/*
 * genplan.c - write a valid plan folder of a given size, for benchmarks.
 *
 *   genplan N SEED DIR
 *
 * N strategic and N operational indicators with realistic Italian text
 * (descriptions of 5 to ~400 characters, accents, ≥ ≤), grouped as real
 * plans are (4 missions, 2 perspectives, objectives of 2-8 indicators,
 * programmes, operational objectives), yearly targets in the forms real
 * plans use, and amendments on about a fifth of the records, some with a
 * note.  The same N and SEED always give the same files.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct rng {
	uint64_t s;
} rng;

static uint32_t next(rng *r)
{
	/* xorshift64* */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 2685821657736338717ull) >> 32);
}

static int pick(rng *r, int n)
{
	return (int)(next(r) % (uint32_t)n);
}

static const char *const words[] = {
	"attività",
	"servizi",
	"imprese",
	"qualità",
	"efficienza",
	"realizzazione",
	"progetto",
	"piano",
	"monitoraggio",
	"pratiche",
	"registro",
	"camerale",
	"digitalizzazione",
	"innovazione",
	"territorio",
	"promozione",
	"sviluppo",
	"sostenibilità",
	"gestione",
	"procedimenti",
	"utenti",
	"customer",
	"satisfaction",
	"indagine",
	"rilevazione",
	"tempi",
	"medi",
	"lavorazione",
	"entro",
	"termini",
	"n°",
	"iniziative",
	"anno",
	"x",
	"x-1",
	"rispetto",
	"adempimenti",
	"trasparenza",
	"prevenzione",
	"corruzione",
	"formazione",
	"personale",
	"benessere",
	"organizzativo",
	"patrimonio",
	"immobiliare",
	"partecipazioni",
	"società",
	"riscossione",
	"diritto",
	"annuale",
	"crediti",
	"fatture",
	"pagamenti",
	"tempestività",
	"ponderato",
	"importo",
	"Σ",
	"≥",
	"≤",
	"%",
	"comunicazione",
	"istituzionale",
	"sito",
	"accessi",
	"biblioteca",
	"storica",
	"giuridica",
	"valore",
	"della",
	"delle",
	"degli",
	"per",
	"con",
	"nel",
	"sul",
	"tra",
	"e",
	"di",
	"a",
	"il",
	"la",
	"le",
	"dei",
	"alla",
	"nell'ambito",
	"dell'Ente",
	"all'estero",
	"più",
	"città",
	"perché",
	"così",
	"Commercio",
	"Camera",
	"Giunta",
	"Consiglio",
	"Segreteria",
	"Generale",
	"Staff",
	"Promozione",
	"Anagrafico",
	"Certificativo",
	"Regolazione",
	"Mercato",
	"Tutela",
	"Consumatore",
	"internazionalizzazione",
	"semplificazione",
	"amministrativa",
	"telematiche",
	"protocollazione",
};

#define NWORDS (int)(sizeof words / sizeof words[0])

/* Text of about len bytes (at least 5), no ';' or quotes needed. */
static void text(rng *r, FILE *f, int len)
{
	int n = 0;
	while (n < len) {
		const char *w = words[pick(r, NWORDS)];
		if (n)
			n += fprintf(f, " ");
		n += fprintf(f, "%s", w);
	}
}

/* Lengths skewed toward short, up to ~400 characters. */
static int length(rng *r)
{
	int k = pick(r, 100);
	if (k < 50)
		return 5 + pick(r, 60);
	if (k < 85)
		return 60 + pick(r, 120);
	return 180 + pick(r, 220);
}

static const char *const targets[] = {
	"100%",
	"≥ 90%",
	"≥= 80%",
	"> 3,5",
	"< 20%",
	"<= 40 gg",
	"≤ 5%",
	"10 immissioni",
	"31/12/2021",
	"Anno di rilevazione",
	"x ≤ x-1",
	"≥1",
	"≥ a medio",
	"ITP < -10",
	"1,45",
	"98%",
	"Conclusione entro 6 mesi dalla prova scritta",
	"11/01/2021 - 30/06/2021 - 10/09/2021",
};

#define NTARGETS (int)(sizeof targets / sizeof targets[0])

static FILE *open_file(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "genplan: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: genplan N SEED DIR\n", stderr);
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	rng r = {(uint64_t)strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ull +
		 1};
	const char *dir = argv[3];
	if (n < 1) {
		fputs("genplan: N must be >= 1\n", stderr);
		return 2;
	}
	mkdir(dir, 0777);

	FILE *f = open_file(dir, "documento.ini");
	fprintf(f,
		"[documento]\nente = Camera di Commercio di Prova\n"
		"titolo = Piano generato (%ld indicatori)\n"
		"allegato = All. 1.1\norgano = Giunta camerale\n"
		"delibera_numero = 1\ndelibera_data = 2021-07-27\n"
		"anno = 2021\n",
		n);
	fclose(f);

	f = open_file(dir, "missioni.csv");
	fputs("codice;denominazione\n011;Competitività delle Imprese\n"
	      "016;Commercio internazionale e internazionalizzazione del "
	      "sistema produttivo\n012;Regolazione dei mercati\n"
	      "032;Servizi istituzionali e generali delle PA\n",
	      f);
	fclose(f);
	static const char *const miss[] = {"011", "016", "012", "032"};

	f = open_file(dir, "prospettive.csv");
	fputs("codice;denominazione\nITC;Imprese Territorio e Consumatori\n"
	      "PI;Processi Interni\n",
	      f);
	fclose(f);

	/* Objectives: one per ~5 indicators, missions in four blocks. */
	long nobj = n / 5 + 1;
	f = open_file(dir, "obiettivi_strategici.csv");
	fputs("codice;titolo;missione;prospettiva\n", f);
	for (long o = 0; o < nobj; o++) {
		int m = (int)(o * 4 / nobj);
		fprintf(f, "%ld;", o + 1);
		text(&r, f, 30 + pick(&r, 90));
		fprintf(f, ";%s;%s\n", miss[m], m < 3 ? "ITC" : "PI");
	}
	fclose(f);

	FILE *mod = open_file(dir, "modifiche.csv");
	fputs("riferimento;tipo;data;organo;numero;contesto;nota\n", mod);
	static const char *const tipi[] = {"aggiornato", "inserito",
					   "modificato", "eliminato"};

	f = open_file(dir, "indicatori_strategici.csv");
	fputs("codice;obiettivo;descrizione;owner;polarita;target_2019;"
	      "target_2020;target_2021\n",
	      f);
	for (long i = 0; i < n; i++) {
		long o = i * nobj / n;
		fprintf(f, "IS-%ld;%ld;", i + 1, o + 1);
		text(&r, f, length(&r));
		fprintf(f, ";S. ");
		text(&r, f, 8 + pick(&r, 25));
		fprintf(f, ";%s", pick(&r, 5) ? "" : "decrescente");
		for (int y = 0; y < 3; y++)
			fprintf(f, ";%s", targets[pick(&r, NTARGETS)]);
		fputc('\n', f);
		if (pick(&r, 5) == 0) {
			int t = pick(&r, 4);
			fprintf(mod,
				"IS-%ld;%s;2019-12-02;Giunta;%s;rolling "
				"annuale;",
				i + 1, tipi[t], pick(&r, 4) ? "129" : "");
			if (pick(&r, 4) == 0)
				text(&r, mod, 20 + pick(&r, 80));
			fputc('\n', mod);
		}
	}
	fclose(f);

	/* Operational plan: programmes of ~8 indicators, objectives of ~3. */
	long nprog = n / 8 + 1, noo = n / 3 + 1;
	f = open_file(dir, "programmi.csv");
	fputs("codice;obiettivo;titolo;benefici;risorse\n", f);
	for (long p = 0; p < nprog; p++) {
		fprintf(f, "P-%ld;%ld;", p + 1, p * nobj / nprog + 1);
		text(&r, f, 20 + pick(&r, 100));
		fputc(';', f);
		text(&r, f, length(&r));
		if (pick(&r, 3))
			fprintf(f, ";%d\n", 500 + pick(&r, 2000000));
		else
			fputs(";-\n", f);
	}
	fclose(f);
	f = open_file(dir, "obiettivi_operativi.csv");
	fputs("codice;programma;descrizione;risorse\n", f);
	for (long k = 0; k < noo; k++) {
		fprintf(f, "OO-%ld;P-%ld;", k + 1, k * nprog / noo + 1);
		text(&r, f, length(&r));
		fputs(";\n", f);
		if (pick(&r, 10) == 0)
			fprintf(mod,
				"OO-%ld;%s;27/07/2021;;;piano di progetto;\n",
				k + 1, tipi[pick(&r, 4)]);
	}
	fclose(f);
	f = open_file(dir, "indicatori_operativi.csv");
	fputs("codice;obiettivo_operativo;descrizione;target;albero;"
	      "produttivita;strutture\n",
	      f);
	for (long i = 0; i < n; i++) {
		fprintf(f, "IO-%ld;OO-%ld;", i + 1, i * noo / n + 1);
		text(&r, f, length(&r));
		fprintf(f, ";%s;%s;%s;Servizio ", targets[pick(&r, NTARGETS)],
			pick(&r, 5) ? "X" : "", pick(&r, 3) ? "X" : "");
		text(&r, f, 5 + pick(&r, 20));
		fputc('\n', f);
	}
	fclose(f);
	fclose(mod);
	return 0;
}
