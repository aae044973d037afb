#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "render/number-format.h"
#include "tests/use-language.h"

#define NNBSP "\xe2\x80\xaf"   /* U+202F, the narrow no-break space */

static ClNumberFormat fr, en;

static void
check (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_french (void)
{
  check (cl_number_format_fixed (&fr, 0.51, 2), "0,51");
  check (cl_number_format_fixed (&fr, 1.23449, 4), "1,2345");
  check (cl_number_format_fixed (&fr, 2720, 0), "2" NNBSP "720");
  check (cl_number_format_fixed (&fr, 272000.4, 0), "272" NNBSP "000");
  check (cl_number_format_fixed (&fr, 1234567.891, 2), "1" NNBSP "234" NNBSP "567,89");
  check (cl_number_format_significant (&fr, 1.5e3, 3), "1" NNBSP "500");
  check (cl_number_format_significant (&fr, 0.5101, 2), "0,51");
  check (cl_number_format_percent (&fr, 0.874, 1), "87,4" NNBSP "%");
}

static void
test_english (void)
{
  check (cl_number_format_fixed (&en, 0.51, 2), "0.51");
  check (cl_number_format_fixed (&en, 2720, 0), "2" NNBSP "720");
  check (cl_number_format_fixed (&en, 1234567.891, 2), "1" NNBSP "234" NNBSP "567.89");
  check (cl_number_format_significant (&en, 1.5e3, 3), "1" NNBSP "500");
  check (cl_number_format_percent (&en, 0.874, 1), "87.4 %");
}

/* Ordinary magnitudes never turn into 1.5e+03; tiny and huge ones become
 * a power of ten a class can read. */
static void
test_small_and_huge (void)
{
  check (cl_number_format_significant (&fr, 0.00123, 3), "0,00123");
  check (cl_number_format_significant (&fr, 0.0001, 2), "0,0001");
  check (cl_number_format_significant (&fr, 2.5e-7, 2), "2,5 × 10⁻⁷");
  check (cl_number_format_significant (&en, 3.2e25, 2), "3.2 × 10²⁵");
  /* 9.99e-5 rounded to two digits carries into the next power. */
  check (cl_number_format_significant (&en, 9.99e-5, 2), "1 × 10⁻⁴");
  check (cl_number_format_significant (&en, 123456789, 3), "123" NNBSP "000" NNBSP "000");
  check (cl_number_format_significant (&en, 0.5, 3), "0.5");
  check (cl_number_format_significant (&en, 0, 3), "0");
}

static void
test_negative (void)
{
  check (cl_number_format_fixed (&fr, -0.51, 2), "−0,51");
  check (cl_number_format_fixed (&fr, -2720, 0), "−2" NNBSP "720");
  check (cl_number_format_significant (&en, -3e-6, 1), "−3 × 10⁻⁶");
  /* What rounds to zero has no sign. */
  check (cl_number_format_fixed (&en, -0.0001, 2), "0.00");
  check (cl_number_format_fixed (&en, -0.0, 1), "0.0");
}

static void
test_not_finite (void)
{
  check (cl_number_format_fixed (&fr, NAN, 2), "—");
  check (cl_number_format_significant (&fr, NAN, 2), "—");
  check (cl_number_format_percent (&fr, NAN, 1), "—");
  check (cl_number_format_fixed (&fr, INFINITY, 2), "∞");
  check (cl_number_format_significant (&en, -INFINITY, 2), "−∞");
}

/* The shorthands follow the translation: with the French catalogue of
 * the build tree, French separators, whatever LC_NUMERIC says. */
static void
test_follows_the_translation (void)
{
  cl_test_use_language ("fr");
  check (cl_format_fixed (0.51, 2), "0,51");
  check (cl_format_count (2720), "2" NNBSP "720");
  check (cl_format_percent (0.5, 0), "50" NNBSP "%");

  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);   /* tells gettext its catalogues changed */
  check (cl_format_fixed (0.51, 2), "0.51");
  check (cl_format_count (2720), "2" NNBSP "720");

  /* JSON and CSV writers format with g_ascii_*: the C locale stays. */
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_assert_cmpstr (g_ascii_formatd (buf, sizeof buf, "%.2f", 0.51), ==, "0.51");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cl_number_format_init (&fr, ",", NNBSP, NNBSP);
  cl_number_format_init (&en, ".", NNBSP, " ");
  g_test_add_func ("/render/number-format/french", test_french);
  g_test_add_func ("/render/number-format/english", test_english);
  g_test_add_func ("/render/number-format/small-and-huge", test_small_and_huge);
  g_test_add_func ("/render/number-format/negative", test_negative);
  g_test_add_func ("/render/number-format/not-finite", test_not_finite);
  g_test_add_func ("/render/number-format/follows-the-translation", test_follows_the_translation);
  return g_test_run ();
}
