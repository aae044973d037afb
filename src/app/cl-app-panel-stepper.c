/* cl-app-panel-stepper.c — previous / next buttons around a label, for
 * the panels that show one of several images (probe, dropout sample). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include "cl-app-panels.h"

typedef struct {
  void (*changed) (gpointer user_data, int delta);
  gpointer user_data;
} Stepper;

static void
clicked (GtkButton *button, Stepper *stepper)
{
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cl-delta"));
  stepper->changed (stepper->user_data, delta);
}

static GtkWidget *
arrow (const char *icon, const char *tooltip, int delta, Stepper *stepper)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "cl-delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (clicked), stepper);
  return button;
}

GtkWidget *
cl_app_panel_stepper_new (const char *previous_tooltip, const char *next_tooltip,
                          void (*changed) (gpointer user_data, int delta), gpointer user_data,
                          GtkLabel **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  Stepper *stepper = g_new0 (Stepper, 1);

  stepper->changed = changed;
  stepper->user_data = user_data;
  g_object_set_data_full (G_OBJECT (box), "cl-stepper", stepper, g_free);
  gtk_box_append (GTK_BOX (box), arrow ("go-previous-symbolic", previous_tooltip, -1, stepper));
  *label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (*label, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));
  gtk_box_append (GTK_BOX (box), arrow ("go-next-symbolic", next_tooltip, +1, stepper));
  return box;
}
