#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-data-settings.h"
#include "cl-app-spin.h"

struct _ClAppDataSettings
{
  GtkPopover parent_instance;

  GtkStack *pages;
  /* image sets */
  GtkWidget *norm_grid;
  GtkDropDown *norm;
  /* toy sets */
  GtkSpinButton *points, *noise, *toy_test_fraction, *classes, *toy_seed;
  /* image folders, and patches of photos (the same settings) */
  GtkSpinButton *size, *folder_test_fraction, *folder_seed;
  GtkCheckButton *grey;
  /* What size, test part and seed mean for a folder, set by build_folder_page */
  const char *folder_help[3];
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (ClAppDataSettings, cl_app_data_settings, GTK_TYPE_POPOVER)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_value_changed (ClAppDataSettings *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GtkGrid *
page_new (ClAppDataSettings *self, const char *name)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_stack_add_named (self->pages, GTK_WIDGET (grid), name);
  return grid;
}

/* `name` is the widget's name, for the tests. */
static GtkSpinButton *
add_spin (ClAppDataSettings *self, GtkGrid *grid, int row, const char *name, const char *label,
          const char *help, double min, double max, double step, guint digits)
{
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_widget_set_name (spin, name);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_set_tooltip_text (caption, help);
  gtk_widget_set_tooltip_text (spin, help);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  if (digits > 0)
    cl_app_spin_button_localize (GTK_SPIN_BUTTON (spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_value_changed), self);
  return GTK_SPIN_BUTTON (spin);
}

/* The image sets' normalisations, in ClDatasetNorm order from UNIT. */
static const char * const norm_labels[] = {
  N_("Pixels (0 to 1)"),
  N_("Standard (whole dataset)"),
  N_("Contrast (per image)"),
};

static gboolean
is_toy (const char *source)
{
  return source != NULL && g_str_has_prefix (source, "toy:");
}

/* An image folder, or photos cut into patches: size, grey, test part, seed. */
static gboolean
uses_folder_options (const char *source)
{
  return source != NULL
         && (g_str_has_prefix (source, "folder:") || g_str_has_prefix (source, "patches:"));
}

gboolean
cl_app_data_settings_applies (const char *source)
{
  /* Toy sets have theirs; every image set has at least its normalisation. */
  return source != NULL;
}

void
cl_app_data_settings_show (ClAppDataSettings *self, const ClDataRef *ref)
{
  g_return_if_fail (CL_APP_IS_DATA_SETTINGS (self));

  self->updating = TRUE;
  gtk_widget_set_visible (self->norm_grid, !is_toy (ref->source));
  gtk_drop_down_set_selected (self->norm, ref->norm >= CL_DATASET_NORM_UNIT
                                          ? ref->norm - CL_DATASET_NORM_UNIT : 0);
  /* Fashion-MNIST, Photos, CIFAR-10, IDX files: nothing but the normalisation. */
  gtk_widget_set_visible (GTK_WIDGET (self->pages),
                          is_toy (ref->source) || uses_folder_options (ref->source));
  if (uses_folder_options (ref->source))
    {
      const ClFolderOptions *o = &ref->folder;
      gboolean patches = g_str_has_prefix (ref->source, "patches:");
      gtk_stack_set_visible_child_name (self->pages, "folder");
      /* The same settings mean something else for patches of photos. */
      gtk_widget_set_tooltip_text (
          GTK_WIDGET (self->size),
          patches ? _("Side of the square patches cut from each photo, in pixels.")
                  : self->folder_help[0]);
      gtk_widget_set_tooltip_text (
          GTK_WIDGET (self->folder_test_fraction),
          patches ? _("Right-hand part of each photo the test patches are cut from; the "
                      "training patches never touch it.")
                  : self->folder_help[1]);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_seed),
                                   patches ? _("Another seed cuts the patches at other places.")
                                           : self->folder_help[2]);
      gtk_spin_button_set_value (self->size, o->size);
      gtk_check_button_set_active (self->grey, o->grey);
      gtk_spin_button_set_value (self->folder_test_fraction, o->test_fraction);
      gtk_spin_button_set_value (self->folder_seed, (double) o->seed);
    }
  else
    {
      const ClToyOptions *o = &ref->toy;
      gtk_stack_set_visible_child_name (self->pages, "toy");
      gtk_spin_button_set_value (self->points, o->n_points);
      gtk_spin_button_set_value (self->noise, o->noise);
      gtk_spin_button_set_value (self->toy_test_fraction, o->test_fraction);
      gtk_spin_button_set_value (self->classes, o->n_classes);
      gtk_spin_button_set_value (self->toy_seed, (double) o->seed);
    }
  self->updating = FALSE;
}

void
cl_app_data_settings_apply (ClAppDataSettings *self, ClDataRef *ref)
{
  g_return_if_fail (CL_APP_IS_DATA_SETTINGS (self));

  if (!is_toy (ref->source))
    ref->norm = CL_DATASET_NORM_UNIT + MIN (gtk_drop_down_get_selected (self->norm),
                                            G_N_ELEMENTS (norm_labels) - 1);
  if (uses_folder_options (ref->source))
    {
      ClFolderOptions *o = &ref->folder;
      o->size = (guint) gtk_spin_button_get_value_as_int (self->size);
      o->grey = gtk_check_button_get_active (self->grey);
      o->test_fraction = (float) gtk_spin_button_get_value (self->folder_test_fraction);
      o->seed = (guint64) gtk_spin_button_get_value (self->folder_seed);
      return;
    }
  if (!is_toy (ref->source))
    return;
  ClToyOptions *o = &ref->toy;
  o->n_points = (guint) gtk_spin_button_get_value_as_int (self->points);
  o->noise = (float) gtk_spin_button_get_value (self->noise);
  o->test_fraction = (float) gtk_spin_button_get_value (self->toy_test_fraction);
  o->n_classes = (guint) gtk_spin_button_get_value_as_int (self->classes);
  o->seed = (guint64) gtk_spin_button_get_value (self->toy_seed);
}

static void
build_toy_page (ClAppDataSettings *self)
{
  GtkGrid *grid = page_new (self, "toy");

  self->points = add_spin (self, grid, 0, "points", _("Points"),
                           _("Number of samples, training and test together."),
                           10, 100000, 10, 0);
  self->noise = add_spin (self, grid, 1, "noise", _("Noise"),
                          _("Standard deviation of the noise added to each sample."),
                          0, 2, 0.01, 2);
  self->toy_test_fraction = add_spin (self, grid, 2, "test-part", _("Test part"),
                                      _("Fraction of the samples kept apart to test the network."),
                                      0.05, 0.9, 0.05, 2);
  self->classes = add_spin (self, grid, 3, "classes", _("Classes"),
                            _("Number of blobs (Gaussian blobs only)."), 2, 10, 1, 0);
  self->toy_seed = add_spin (self, grid, 4, "seed", _("Seed"),
                             _("Another seed draws other points."), 0, 1000000, 1, 0);
}

static void
build_folder_page (ClAppDataSettings *self)
{
  GtkGrid *grid = page_new (self, "folder");

  const char *side = _("Image side");
  self->folder_help[0] = _("Each image is cropped to a centred square and scaled to this many "
                           "pixels a side: small images train fast.");
  self->size = add_spin (self, grid, 0, "size", side, self->folder_help[0], 4, CL_FOLDER_MAX_SIZE,
                         4, 0);
  self->grey = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Grey (one channel)")));
  gtk_widget_set_name (GTK_WIDGET (self->grey), "grey");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->grey),
                               _("One channel instead of red, green and blue: a third of the "
                                 "inputs."));
  gtk_grid_attach (grid, GTK_WIDGET (self->grey), 0, 1, 2, 1);
  g_signal_connect_swapped (self->grey, "toggled", G_CALLBACK (on_value_changed), self);
  self->folder_help[1] = _("Fraction of each class kept apart to test the network.");
  self->folder_test_fraction = add_spin (self, grid, 2, "test-part", _("Test part"),
                                         self->folder_help[1], 0.05, 0.9, 0.05, 2);
  self->folder_help[2] = _("Another seed keeps other images apart for the test.");
  self->folder_seed = add_spin (self, grid, 3, "seed", _("Seed"), self->folder_help[2],
                                0, 1000000, 1, 0);
}

/* Above the pages, for every image set: how the pixels reach the network. */
static void
build_norm_row (ClAppDataSettings *self)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *caption = gtk_label_new (_("Normalisation"));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *help = _("Pixels from 0 to 1; or standardised with the mean and deviation of the "
                       "whole training set; or each image minus its own mean, divided by its own "
                       "deviation (contrast), which the Gabor lesson needs.");

  for (guint i = 0; i < G_N_ELEMENTS (norm_labels); i++)
    gtk_string_list_append (labels, _(norm_labels[i]));
  self->norm = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->norm), "normalisation");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->norm), help);
  gtk_widget_set_tooltip_text (caption, help);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->norm), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Normalisation"), -1);
  g_signal_connect_swapped (self->norm, "notify::selected", G_CALLBACK (on_value_changed), self);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_grid_attach (grid, caption, 0, 0, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->norm), 1, 0, 1, 1);
  self->norm_grid = GTK_WIDGET (grid);
}

static void
cl_app_data_settings_class_init (ClAppDataSettingsClass *klass)
{
  /* One of the values changed (the user's doing, not show()). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cl_app_data_settings_init (ClAppDataSettings *self)
{
  ClDataRef defaults;

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  build_norm_row (self);
  gtk_box_append (GTK_BOX (box), self->norm_grid);
  self->pages = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->pages, FALSE);
  build_toy_page (self);
  build_folder_page (self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pages));
  gtk_popover_set_child (GTK_POPOVER (self), box);

  cl_data_ref_init (&defaults, "toy:xor");
  cl_app_data_settings_show (self, &defaults);
  cl_data_ref_clear (&defaults);
}

GtkWidget *
cl_app_data_settings_new (void)
{
  return g_object_new (CL_APP_TYPE_DATA_SETTINGS, NULL);
}
