#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cl-app-spin.h"
#include "render/number-format.h"

gboolean
cl_app_spin_parse (const char *text, double *value)
{
  ClNumberFormat format;
  g_autoptr(GString) plain = g_string_new (NULL);

  cl_number_format_init_for_language (&format);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_str_has_prefix (p, format.decimal) || c == ',' || c == '.')
        g_string_append_c (plain, '.');
      else if (c == 0x2212)   /* − */
        g_string_append_c (plain, '-');
      else if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        continue;             /* the groups of digits, or a stray space */
      else if (c < 0x80)
        g_string_append_c (plain, (char) c);
      else
        return FALSE;
      if (g_str_has_prefix (p, format.decimal) && strlen (format.decimal) > 1)
        p += strlen (format.decimal) - 1;   /* a separator of several bytes */
    }

  char *end = NULL;
  double v = g_ascii_strtod (plain->str, &end);
  if (plain->len == 0 || end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
on_output (GtkSpinButton *spin, gpointer user_data)
{
  g_autofree char *text = cl_format_fixed (gtk_spin_button_get_value (spin),
                                           (int) gtk_spin_button_get_digits (spin));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_input (GtkSpinButton *spin, double *new_value, gpointer user_data)
{
  if (cl_app_spin_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), new_value))
    return TRUE;
  /* Not a number: the value stays and shows again. GTK_INPUT_ERROR would
   * let an always-updating spin button clamp a garbage value to its
   * bounds. */
  gtk_widget_error_bell (GTK_WIDGET (spin));
  *new_value = gtk_spin_button_get_value (spin);
  return TRUE;
}

void
cl_app_spin_button_localize (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  /* Numeric mode lets only C's digits and point be typed, not "0,02": our
   * input handler refuses what is not a number instead. */
  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "output", G_CALLBACK (on_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_input), NULL);
  /* Shown again through the new formatter (the same value re-emits output). */
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value (spin));
}
