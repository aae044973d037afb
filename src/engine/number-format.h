#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How numbers read for people in the interface language: "0,51" and
 * "2 720" in French, "0.51" and "2,720" in English. Files (JSON, CSV)
 * never go through this: they keep the C locale's "0.51". */
typedef struct
{
  char decimal[8];   /* the decimal separator */
  char group[8];     /* between groups of three digits; "" for none */
  char percent[16];  /* what follows a percentage: a space, then % */
} ClNumberFormat;

/* `space` goes between a number and its % sign. */
void cl_number_format_init (ClNumberFormat *format, const char *decimal, const char *group,
                            const char *space);
void cl_number_format_init_for_language (ClNumberFormat *format);

char *cl_number_format_fixed (const ClNumberFormat *format, double value, int decimals);
char *cl_number_format_significant (const ClNumberFormat *format, double value, int digits);
char *cl_number_format_percent (const ClNumberFormat *format, double fraction, int decimals);

/* The same in the interface language of the moment (the translation
 * says which separators it uses). */
char *cl_format_fixed (double value, int decimals);
char *cl_format_significant (double value, int digits);
char *cl_format_percent (double fraction, int decimals);
char *cl_format_count (guint64 n);
/* A value a person wrote or a range's end, for messages: a whole number
 * as a count ("100 000", "−3"), any other to 6 significant digits
 * ("0,001", "1,5 × 10⁻⁵"), never %g's "1e-05". */
char *cl_format_value (double value);

G_END_DECLS
