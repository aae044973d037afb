#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/number-format.h"

/* The typographic minus: a hyphen looks like a dash on a slide. */
#define MINUS "\xe2\x88\x92"

/* Beyond these magnitudes a number is not "ordinary": a blown-up loss
 * or a tiny gradient read better as a power of ten than as a row of
 * zeros. Between them, never scientific notation. */
#define PLAIN_MIN 1e-4
#define PLAIN_MAX 1e9

void
cl_number_format_init (ClNumberFormat *format, const char *decimal, const char *group,
                       const char *space)
{
  g_strlcpy (format->decimal, decimal, sizeof format->decimal);
  g_strlcpy (format->group, group, sizeof format->group);
  g_snprintf (format->percent, sizeof format->percent, "%s%%", space);
}

void
cl_number_format_init_for_language (ClNumberFormat *format)
{
  /* The translation decides, not LC_NUMERIC: the window may speak French
   * in a C locale (LANGUAGE=fr, or the language chosen in the menu), and
   * the numbers must then be French too. */
  cl_number_format_init (format,
                         /* Translators: the decimal separator ("," in French). */
                         C_("number format", "."),
                         /* Translators: between groups of three digits: a narrow
                          * no-break space (U+202F), as French and the SI write
                          * "61 706", which English reads too. */
                         C_("number format", " "),
                         /* Translators: the space between a number and its % sign
                          * (U+202F, a narrow no-break space, in French). */
                         C_("space before the percent sign", " "));
}

static gboolean
all_zero (const char *digits)
{
  for (const char *p = digits; *p != '\0'; p++)
    if (*p >= '1' && *p <= '9')
      return FALSE;
  return TRUE;
}

/* `plain` is what %f gives in the C locale, without sign: digits, maybe a
 * point and more digits. */
static void
append_localized (GString *out, const ClNumberFormat *format, const char *plain)
{
  const char *point = strchr (plain, '.');
  gsize n_int = point != NULL ? (gsize) (point - plain) : strlen (plain);

  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (out, format->group);
      g_string_append_c (out, plain[i]);
    }
  if (point != NULL && point[1] != '\0')
    {
      g_string_append (out, format->decimal);
      g_string_append (out, point + 1);
    }
}

static char *
non_finite (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup (value > 0 ? "∞" : MINUS "∞");
}

static char *
fixed (const ClNumberFormat *format, double value, int decimals, gboolean trim)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 400];
  char spec[16];

  decimals = CLAMP (decimals, 0, 20);
  g_snprintf (spec, sizeof spec, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, spec, fabs (value));
  if (trim && strchr (buf, '.') != NULL)
    {
      gsize n = strlen (buf);
      while (buf[n - 1] == '0')
        buf[--n] = '\0';
      if (buf[n - 1] == '.')
        buf[--n] = '\0';
    }

  GString *out = g_string_new (NULL);
  /* -0.00 is zero: no sign for a value that rounds to nothing. */
  if (signbit (value) && !all_zero (buf))
    g_string_append (out, MINUS);
  append_localized (out, format, buf);
  return g_string_free (out, FALSE);
}

char *
cl_number_format_fixed (const ClNumberFormat *format, double value, int decimals)
{
  if (!isfinite (value))
    return non_finite (value);
  return fixed (format, value, decimals, FALSE);
}

static const char *const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

char *
cl_number_format_significant (const ClNumberFormat *format, double value, int digits)
{
  if (!isfinite (value))
    return non_finite (value);
  if (value == 0)
    return g_strdup ("0");

  digits = CLAMP (digits, 1, 17);
  double a = fabs (value);
  int exponent = (int) floor (log10 (a));
  if (a >= PLAIN_MIN && a < PLAIN_MAX)
    {
      int decimals = digits - 1 - exponent;
      /* More integer digits than significant ones: 123 456 789 to three
       * digits reads 123 000 000, as %g would round it. */
      if (decimals < 0)
        {
          double unit = pow (10, -decimals);
          value = round (value / unit) * unit;
        }
      return fixed (format, value, MAX (0, decimals), TRUE);
    }

  /* Rounding the mantissa can carry it to 10: 9.99e-5 → 1.0 × 10⁻⁴. */
  double mantissa = value / pow (10, exponent);
  double scale = pow (10, digits - 1);
  if (fabs (round (mantissa * scale) / scale) >= 10)
    {
      exponent++;
      mantissa /= 10;
    }
  g_autofree char *m = fixed (format, mantissa, digits - 1, TRUE);
  GString *out = g_string_new (m);
  g_string_append (out, " × 10");
  g_autofree char *e = g_strdup_printf ("%d", ABS (exponent));
  if (exponent < 0)
    g_string_append (out, "⁻");
  for (const char *p = e; *p != '\0'; p++)
    g_string_append (out, superscripts[*p - '0']);
  return g_string_free (out, FALSE);
}

char *
cl_number_format_percent (const ClNumberFormat *format, double fraction, int decimals)
{
  if (!isfinite (fraction))
    return non_finite (fraction);
  g_autofree char *number = fixed (format, 100 * fraction, decimals, FALSE);
  return g_strconcat (number, format->percent, NULL);
}

char *
cl_format_fixed (double value, int decimals)
{
  ClNumberFormat format;
  cl_number_format_init_for_language (&format);
  return cl_number_format_fixed (&format, value, decimals);
}

char *
cl_format_significant (double value, int digits)
{
  ClNumberFormat format;
  cl_number_format_init_for_language (&format);
  return cl_number_format_significant (&format, value, digits);
}

char *
cl_format_percent (double fraction, int decimals)
{
  ClNumberFormat format;
  cl_number_format_init_for_language (&format);
  return cl_number_format_percent (&format, fraction, decimals);
}

char *
cl_format_count (guint64 n)
{
  ClNumberFormat format;
  char plain[32];
  cl_number_format_init_for_language (&format);
  g_snprintf (plain, sizeof plain, "%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  append_localized (out, &format, plain);
  return g_string_free (out, FALSE);
}

char *
cl_format_value (double value)
{
  /* Whole numbers up to 2^53 are exact in a double: written in full. */
  if (isfinite (value) && value == floor (value) && fabs (value) <= 9007199254740992.0)
    {
      g_autofree char *count = cl_format_count ((guint64) fabs (value));
      return value < 0 ? g_strconcat (MINUS, count, NULL) : g_steal_pointer (&count);
    }
  return cl_format_significant (value, 6);
}
