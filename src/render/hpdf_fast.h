/*
 * hpdf_fast.h - libharu's slowest internal functions, replaced (see
 * hpdf_fast.c).
 */
#ifndef ANNEX_RENDER_HPDF_FAST_H
#define ANNEX_RENDER_HPDF_FAST_H

/* Drop every cached code map: call before the fonts are freed (a new
 * font may then get the old one's address). */
void hpdf_fast_forget(void);

#endif
