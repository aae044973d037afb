#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A spin button with decimals shows and reads its value as the interface
 * language writes numbers: "0,05000" in French. GtkSpinButton itself
 * formats with printf in LC_NUMERIC, which stays C so files keep "0.05". */
void cl_app_spin_button_localize (GtkSpinButton *spin);

/* What the user typed, read as a number: the language's decimal separator
 * or a point, groups of digits and spaces ignored, − as minus. FALSE when
 * it is not a number. */
gboolean cl_app_spin_parse (const char *text, double *value);

G_END_DECLS
