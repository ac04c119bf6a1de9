/* cell.c - cell references and number display (see cell.h). */
#include "cell.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COL 16384	/* XFD */
#define MAX_ROW 1048576 /* Excel's last row */

char *cell_ref(int col, int row, char *out)
{
	char tmp[8];
	int n = 0;
	for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	int k = 0;
	while (n > 0)
		out[k++] = tmp[--n];
	if (row > 0 && row <= 99999999)
		snprintf(out + k, 9, "%d", row);
	else
		out[k] = '\0';
	return out;
}

int cell_ref_parse(const char *s, int *col, int *row)
{
	long c = 0, r = 0;
	if (*s == '$')
		s++;
	if (!isalpha((unsigned char)*s))
		return -1;
	for (; isalpha((unsigned char)*s); s++) {
		c = c * 26 + (toupper((unsigned char)*s) - 'A' + 1);
		if (c > MAX_COL)
			return -1;
	}
	if (*s == '$')
		s++;
	for (; isdigit((unsigned char)*s); s++) {
		r = r * 10 + (*s - '0');
		if (r > MAX_ROW)
			return -1;
	}
	if (*s)
		return -1;
	*col = (int)c - 1;
	*row = (int)r;
	return 0;
}

/* ECMA-376 part 1, 18.8.30: the built-in number formats by id; ids 27-36
 * and 50-58 are East Asian dates, shown here as dates. */
static const char *const builtin_formats[] = {
	[0] = "General",
	[1] = "0",
	[2] = "0.00",
	[3] = "#,##0",
	[4] = "#,##0.00",
	[5] = "#,##0;-#,##0",
	[6] = "#,##0;[Red]-#,##0",
	[7] = "#,##0.00;-#,##0.00",
	[8] = "#,##0.00;[Red]-#,##0.00",
	[9] = "0%",
	[10] = "0.00%",
	[11] = "0.00E+00",
	[12] = "# ?/?",
	[13] = "# ?"
	       "?/?"
	       "?", /* not a trigraph */
	[14] = "dd/mm/yyyy",
	[15] = "d-mmm-yy",
	[16] = "d-mmm",
	[17] = "mmm-yy",
	[18] = "h:mm AM/PM",
	[19] = "h:mm:ss AM/PM",
	[20] = "h:mm",
	[21] = "h:mm:ss",
	[22] = "dd/mm/yyyy h:mm",
	[37] = "#,##0 ;(#,##0)",
	[38] = "#,##0 ;[Red](#,##0)",
	[39] = "#,##0.00;(#,##0.00)",
	[40] = "#,##0.00;[Red](#,##0.00)",
	[45] = "mm:ss",
	[46] = "[h]:mm:ss",
	[47] = "mm:ss.0",
	[48] = "##0.0E+0",
	[49] = "@",
};

const char *cell_builtin_format(int id)
{
	if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return "dd/mm/yyyy";
	if (id < 0 ||
	    id >= (int)(sizeof builtin_formats / sizeof *builtin_formats))
		return NULL;
	return builtin_formats[id];
}

/* ---- format code scanning -------------------------------------------- */

/* What a format section asks for. */
typedef struct fmt {
	int date, has_y, has_m, has_d, has_h, has_s;
	int general, scientific, percent, grouping;
	int literal_only; /* no placeholder: the section shows its text */
	int int_zeros;	  /* '0' placeholders before the decimal point */
	int decimals;	  /* placeholders after it */
	int dec_opt;	  /* of which '#': a trailing zero there is not shown */
	int scale;	  /* trailing commas: divide by 1000 each */
	char prefix[32], suffix[32];
} fmt;

static void put_lit(fmt *f, int seen_digit, const char *s, size_t n)
{
	char *dst = seen_digit ? f->suffix : f->prefix;
	size_t used = strlen(dst);
	if (used + n < sizeof f->prefix) {
		memcpy(dst + used, s, n);
		dst[used + n] = '\0';
	}
}

/* The start of section k of code (sections split at ';' outside quotes
 * and brackets), its length in *len; NULL when there is no section k. */
static const char *section(const char *code, int k, size_t *len)
{
	const char *start = code;
	int q = 0, br = 0;
	for (const char *p = code;; p++) {
		if (*p == '\\' && p[1] && !q) {
			p++;
			continue;
		}
		if (*p == '"')
			q = !q;
		else if (!q && *p == '[')
			br = 1;
		else if (!q && *p == ']')
			br = 0;
		if (!*p || (*p == ';' && !q && !br)) {
			if (k-- == 0) {
				*len = (size_t)(p - start);
				return start;
			}
			if (!*p)
				return NULL;
			start = p + 1;
		}
	}
}

/* A bracket: [$€-410] gives its currency text, [h] elapsed hours. */
static void bracket(fmt *f, const char *s, size_t n, int seen)
{
	if (n > 0 && s[0] == '$') {
		size_t k = 1;
		while (k < n && s[k] != '-')
			k++;
		put_lit(f, seen, s + 1, k - 1);
	} else if (n > 0 && strchr("hHmMsS", s[0])) {
		f->date = f->has_h = 1;
	}
}

static void date_letter(fmt *f, char c, char *prev)
{
	c = (char)tolower((unsigned char)c);
	f->date = 1;
	if (c == 'y' || c == 'e')
		f->has_y = 1;
	else if (c == 'd')
		f->has_d = 1;
	else if (c == 'h')
		f->has_h = 1;
	else if (c == 's') {
		f->has_s = 1;
	} else if (c == 'm' && *prev != 'h')
		f->has_m = 1; /* "h:mm" is minutes: the month otherwise */
	if (c != 'm' || *prev != 'h')
		*prev = c;
}

static void scan(fmt *f, const char *s, size_t n)
{
	memset(f, 0, sizeof *f);
	int seen = 0, after_point = 0, last_was_digit = 0;
	char prev = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			size_t j = i + 1;
			while (j < n && s[j] != '"')
				j++;
			put_lit(f, seen, s + i + 1, j - i - 1);
			i = j;
		} else if (c == '\\' && i + 1 < n) {
			put_lit(f, seen, s + ++i, 1);
		} else if (c == '[') {
			size_t j = i + 1;
			while (j < n && s[j] != ']')
				j++;
			bracket(f, s + i + 1, j - i - 1, seen);
			i = j;
		} else if ((c == '_' || c == '*') && i + 1 < n) {
			i++;
		} else if (c == '0' || c == '#' || c == '?') {
			seen = last_was_digit = 1;
			if (after_point) {
				f->decimals++;
				f->dec_opt += c != '0';
			} else if (c == '0')
				f->int_zeros++;
			continue;
		} else if (c == '.' && !after_point && !f->date) {
			after_point = seen = 1;
		} else if (c == ',') {
			if (last_was_digit && i + 1 < n &&
			    strchr("0#?", s[i + 1]))
				f->grouping = 1;
			else if (last_was_digit)
				f->scale++;
			continue;
		} else if (c == '%') {
			f->percent = 1;
			put_lit(f, seen, "%", 1);
		} else if ((c == 'E' || c == 'e') && i + 1 < n &&
			   (s[i + 1] == '+' || s[i + 1] == '-')) {
			f->scientific = 1;
			i++;
		} else if (strchr("yYdDmMhHsSeE", c)) {
			date_letter(f, c, &prev);
		} else if (c == 'G' || c == 'g') {
			if (n - i >= 7 && !strncmp(s + i, "General", 7)) {
				f->general = 1;
				i += 6;
			}
		} else if (c == 'A' && n - i >= 5 &&
			   !strncmp(s + i, "AM/PM", 5)) {
			i += 4;
		} else if (c != '@') {
			put_lit(f, seen, &c, 1);
		}
		last_was_digit = 0;
	}
	if (!seen && !f->date && !f->general)
		f->literal_only = *f->prefix != '\0';
	if (!seen && !f->date && !f->literal_only)
		f->general = 1;
}

/* ---- the C locale for numbers ------------------------------------------ */

/* Numbers in XML always use a decimal point: strtod and printf run in the
 * C locale even when the process has set another (gettext). */
static locale_t c_numeric(void)
{
	static locale_t c; /* created once, never changed: not state */
	if (!c)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return c;
}

int cell_parse_number(const char *s, double *v)
{
	locale_t old = uselocale(c_numeric());
	char *end;
	while (*s == ' ')
		s++;
	*v = *s ? strtod(s, &end) : 0;
	if (*s)
		while (isspace((unsigned char)*end))
			end++;
	int ok = *s && end != s && *end == '\0' && isfinite(*v);
	uselocale(old);
	return ok ? 0 : -1;
}

/* snprintf in the C locale. */
#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static int
c_snprintf(char *out, size_t n, const char *fmt, ...)
{
	locale_t old = uselocale(c_numeric());
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(out, n, fmt, ap);
	va_end(ap);
	uselocale(old);
	return r;
}

/* ---- display ----------------------------------------------------------- */

void cell_general(double v, char *out, size_t n)
{
	if (v == 0 || !isfinite(v)) {
		snprintf(out, n, "%s", v == 0 ? "0" : "#NUM!");
		return;
	}
	char tmp[CELL_NUM_MAX];
	c_snprintf(tmp, sizeof tmp, "%.15g", v);
	size_t k = 0;
	for (const char *p = tmp; *p && k + 1 < n; p++)
		out[k++] = *p == '.' ? ',' : *p == 'e' ? 'E' : *p;
	out[k] = '\0';
}

static const char *const month_names[12] = {
	"gennaio", "febbraio", "marzo",	    "aprile",  "maggio",   "giugno",
	"luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};

int cell_serial_date(double serial, int date1904, int *y, int *m, int *d)
{
	if (!(serial >= 0) || serial > 2958465.0)
		return -1;
	long s = (long)floor(serial);
	if (!date1904 && s == 60) { /* Excel's 29 February 1900 */
		*y = 1900, *m = 2, *d = 29;
		return 0;
	}
	if (!date1904 && s < 60)
		s++; /* before the phantom day the count is one short */
	if (!date1904 && s < 1)
		return -1;
	/* days since 1970-01-01, then Howard Hinnant's civil_from_days */
	long z = date1904 ? s - 24107 : s - 25569;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
	return *y >= 1900 && *y <= 9999 ? 0 : -1;
}

static void show_date(const fmt *f, double v, int date1904, char *out, size_t n)
{
	int y, m, d;
	long secs = lround((v - floor(v)) * 86400.0);
	if (secs >= 86400)
		secs = 86399;
	char time[16];
	snprintf(time, sizeof time,
		 f->has_s ? "%02ld:%02ld:%02ld" : "%02ld:%02ld", secs / 3600,
		 secs / 60 % 60, secs % 60);
	int dated = f->has_d || f->has_m || f->has_y;
	if (!dated) {
		snprintf(out, n, "%s", time);
	} else if (cell_serial_date(v, date1904, &y, &m, &d) != 0) {
		cell_general(v, out, n);
	} else if (f->has_d || !f->has_y) {
		snprintf(out, n, "%02d/%02d/%04d%s%s", d, m, y,
			 f->has_h ? " " : "", f->has_h ? time : "");
	} else if (f->has_m) {
		snprintf(out, n, "%s %04d", month_names[m - 1], y);
	} else {
		snprintf(out, n, "%04d", y);
	}
}

static void show_fixed(const fmt *f, double v, int neg_sign, char *out,
		       size_t n)
{
	double a = fabs(v);
	if (f->percent)
		a *= 100;
	for (int i = 0; i < f->scale; i++)
		a /= 1000;
	char digits[CELL_NUM_MAX];
	int dec = f->decimals > 15 ? 15 : f->decimals;
	double p10 = pow(10, dec);
	if (a * p10 < 1e15) /* halves away from zero, as spreadsheets do */
		a = round(a * p10) / p10;
	if (a >= 1e17 || c_snprintf(digits, sizeof digits, "%.*f", dec, a) >=
				 (int)sizeof digits) {
		cell_general(v, out, n);
		return;
	}
	char *point = strchr(digits, '.');
	size_t intlen = point ? (size_t)(point - digits) : strlen(digits);
	int zero = strspn(digits, "0.") == strlen(digits);
	char num[2 * CELL_NUM_MAX];
	size_t k = 0;
	if (v < 0 && neg_sign && !zero)
		num[k++] = '-';
	if (!(intlen == 1 && digits[0] == '0' && f->int_zeros == 0 && dec)) {
		for (size_t i = 0; i < intlen; i++) {
			if (f->grouping && i > 0 && (intlen - i) % 3 == 0)
				num[k++] = '.';
			num[k++] = digits[i];
		}
	}
	if (point) {
		size_t nd = strlen(point + 1);
		for (int i = 0; i < f->dec_opt && nd > 0 && point[nd] == '0';
		     i++)
			nd--;
		if (nd) {
			num[k++] = ',';
			memcpy(num + k, point + 1, nd);
			k += nd;
		}
	}
	num[k] = '\0';
	snprintf(out, n, "%s%s%s", f->prefix, num, f->suffix);
}

void cell_number(double v, const char *code, int date1904, char *out, size_t n)
{
	if (!code || !*code) {
		cell_general(v, out, n);
		return;
	}
	size_t len;
	const char *s = section(code, 0, &len);
	int neg_sign = 1;
	if (v < 0 && section(code, 1, &len)) {
		s = section(code, 1, &len);
		neg_sign = 0; /* the section writes its own sign */
	} else if (v == 0 && section(code, 2, &len)) {
		s = section(code, 2, &len);
	} else {
		s = section(code, 0, &len);
	}
	fmt f;
	scan(&f, s, len);
	if (f.literal_only)
		snprintf(out, n, "%s", f.prefix);
	else if (f.date)
		show_date(&f, v, date1904, out, n);
	else if (f.general || f.scientific) {
		char g[CELL_NUM_MAX];
		cell_general(neg_sign ? v : fabs(v), g, sizeof g);
		snprintf(out, n, "%s%s%s", f.prefix, g, f.suffix);
	} else
		show_fixed(&f, v, neg_sign, out, n);
}

int cell_format_is_date(const char *code)
{
	size_t len;
	const char *s = code ? section(code, 0, &len) : NULL;
	if (!s)
		return 0;
	fmt f;
	scan(&f, s, len);
	return f.date;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

size_t cell_unescape_x(char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' &&
		    s[i + 6] == '_') {
			int cp = 0, ok = 1;
			for (int j = 2; j < 6 && ok; j++) {
				int h = hexval(s[i + j]);
				ok = h >= 0;
				cp = cp * 16 + h;
			}
			if (ok && cp < 0x80) {
				s[k++] = (char)cp;
				i += 6;
				continue;
			}
			if (ok && cp < 0x800) {
				s[k++] = (char)(0xC0 | (cp >> 6));
				s[k++] = (char)(0x80 | (cp & 0x3F));
				i += 6;
				continue;
			}
			if (ok && (cp < 0xD800 || cp > 0xDFFF)) {
				s[k++] = (char)(0xE0 | (cp >> 12));
				s[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				s[k++] = (char)(0x80 | (cp & 0x3F));
				i += 6;
				continue;
			}
		}
		s[k++] = s[i];
	}
	return k;
}
