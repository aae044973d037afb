#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-toy-settings.h"

struct _ClAppToySettings
{
  GtkPopover parent_instance;

  GtkSpinButton *points, *noise, *test_fraction, *classes, *seed;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (ClAppToySettings, cl_app_toy_settings, GTK_TYPE_POPOVER)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_value_changed (ClAppToySettings *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GtkSpinButton *
add_row (ClAppToySettings *self, GtkGrid *grid, int row, const char *label, const char *help,
         double min, double max, double step, guint digits)
{
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_set_tooltip_text (caption, help);
  gtk_widget_set_tooltip_text (spin, help);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_value_changed), self);
  return GTK_SPIN_BUTTON (spin);
}

void
cl_app_toy_settings_set_options (ClAppToySettings *self, const ClToyOptions *o)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->points, o->n_points);
  gtk_spin_button_set_value (self->noise, o->noise);
  gtk_spin_button_set_value (self->test_fraction, o->test_fraction);
  gtk_spin_button_set_value (self->classes, o->n_classes);
  gtk_spin_button_set_value (self->seed, (double) o->seed);
  self->updating = FALSE;
}

void
cl_app_toy_settings_get_options (ClAppToySettings *self, ClToyOptions *o)
{
  o->n_points = (guint) gtk_spin_button_get_value_as_int (self->points);
  o->noise = (float) gtk_spin_button_get_value (self->noise);
  o->test_fraction = (float) gtk_spin_button_get_value (self->test_fraction);
  o->n_classes = (guint) gtk_spin_button_get_value_as_int (self->classes);
  o->seed = (guint64) gtk_spin_button_get_value (self->seed);
}

static void
cl_app_toy_settings_class_init (ClAppToySettingsClass *klass)
{
  /* One of the values changed (the user's doing, not set_options). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cl_app_toy_settings_init (ClAppToySettings *self)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  ClToyOptions defaults;

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  self->points = add_row (self, grid, 0, _("Points"),
                          _("Number of samples, training and test together."),
                          10, 100000, 10, 0);
  self->noise = add_row (self, grid, 1, _("Noise"),
                         _("Standard deviation of the noise added to each sample."),
                         0, 2, 0.01, 2);
  self->test_fraction = add_row (self, grid, 2, _("Test part"),
                                 _("Fraction of the samples kept apart to test the network."),
                                 0.05, 0.9, 0.05, 2);
  self->classes = add_row (self, grid, 3, _("Classes"),
                           _("Number of blobs (Gaussian blobs only)."), 2, 10, 1, 0);
  self->seed = add_row (self, grid, 4, _("Seed"),
                        _("Another seed draws other points."), 0, 1000000, 1, 0);
  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (grid));

  cl_toy_options_init (&defaults);
  cl_app_toy_settings_set_options (self, &defaults);
}

GtkWidget *
cl_app_toy_settings_new (void)
{
  return g_object_new (CL_APP_TYPE_TOY_SETTINGS, NULL);
}
