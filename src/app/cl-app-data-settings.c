#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-data-settings.h"
#include "cl-app-spin.h"
#include "render/render-augment.h"

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
  /* augmentation of the training images (the design's training settings) */
  GtkWidget *augment_grid;
  GtkCheckButton *shift_on, *flip_on, *crop_on, *rotate_on;
  GtkSpinButton *shift, *crop, *rotate;
  GtkWidget *augment_reason;
  GtkWidget *strip;
  ClAugmentSettings augment;
  guint64 seed;
  int epoch;               /* the run's current epoch: the strip starts there */
  ClDataset *preview;      /* its first training image is the strip's */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (ClAppDataSettings, cl_app_data_settings, GTK_TYPE_POPOVER)

enum { CHANGED, AUGMENT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void update_augment_sensitivity (ClAppDataSettings *self);

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
  /* Toy sets are points: nothing to shift or turn; said, not hidden. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->shift_on), !is_toy (ref->source));
  gtk_widget_set_sensitive (GTK_WIDGET (self->flip_on), !is_toy (ref->source));
  gtk_widget_set_sensitive (GTK_WIDGET (self->crop_on), !is_toy (ref->source));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rotate_on), !is_toy (ref->source));
  gtk_widget_set_visible (self->augment_reason, is_toy (ref->source));
  gtk_widget_set_visible (self->strip, !is_toy (ref->source));
  update_augment_sensitivity (self);
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

/* ---- augmentation ------------------------------------------------------- */

/* A spin button is live only while its transform is on. */
static void
update_augment_sensitivity (ClAppDataSettings *self)
{
  gboolean images = gtk_widget_get_sensitive (GTK_WIDGET (self->shift_on));
  gtk_widget_set_sensitive (GTK_WIDGET (self->shift),
                            images && gtk_check_button_get_active (self->shift_on));
  gtk_widget_set_sensitive (GTK_WIDGET (self->crop),
                            images && gtk_check_button_get_active (self->crop_on));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rotate),
                            images && gtk_check_button_get_active (self->rotate_on));
}

static void
on_augment_changed (ClAppDataSettings *self)
{
  update_augment_sensitivity (self);
  if (self->updating)
    return;
  cl_app_data_settings_get_augment (self, &self->augment);
  gtk_widget_queue_draw (self->strip);
  g_signal_emit (self, signals[AUGMENT_CHANGED], 0);
}

void
cl_app_data_settings_get_augment (ClAppDataSettings *self, ClAugmentSettings *augment)
{
  g_return_if_fail (CL_APP_IS_DATA_SETTINGS (self));

  *augment = (ClAugmentSettings) {
    .shift = gtk_check_button_get_active (self->shift_on)
               ? gtk_spin_button_get_value_as_int (self->shift) : 0,
    .flip = gtk_check_button_get_active (self->flip_on),
    .crop = gtk_check_button_get_active (self->crop_on)
              ? gtk_spin_button_get_value_as_int (self->crop) : 0,
    .rotate = gtk_check_button_get_active (self->rotate_on)
                ? gtk_spin_button_get_value_as_int (self->rotate) : 0,
  };
}

void
cl_app_data_settings_show_augment (ClAppDataSettings *self, const ClAugmentSettings *augment,
                                   guint64 seed)
{
  g_return_if_fail (CL_APP_IS_DATA_SETTINGS (self));

  self->updating = TRUE;
  self->augment = *augment;
  self->seed = seed;
  gtk_check_button_set_active (self->shift_on, augment->shift > 0);
  gtk_check_button_set_active (self->flip_on, augment->flip);
  gtk_check_button_set_active (self->crop_on, augment->crop > 0);
  gtk_check_button_set_active (self->rotate_on, augment->rotate > 0);
  /* Off keeps the spin's value: switching it on again brings it back. */
  if (augment->shift > 0)
    gtk_spin_button_set_value (self->shift, augment->shift);
  if (augment->crop > 0)
    gtk_spin_button_set_value (self->crop, augment->crop);
  if (augment->rotate > 0)
    gtk_spin_button_set_value (self->rotate, augment->rotate);
  update_augment_sensitivity (self);
  self->updating = FALSE;
  gtk_widget_queue_draw (self->strip);
}

void
cl_app_data_settings_set_preview (ClAppDataSettings *self, ClDataset *dataset)
{
  g_return_if_fail (CL_APP_IS_DATA_SETTINGS (self));

  if (dataset != NULL)
    cl_dataset_ref (dataset);
  g_clear_pointer (&self->preview, cl_dataset_unref);
  self->preview = dataset;
  gtk_widget_queue_draw (self->strip);
}

void
cl_app_data_settings_set_epoch (ClAppDataSettings *self, int epoch)
{
  g_return_if_fail (CL_APP_IS_DATA_SETTINGS (self));

  if (epoch == self->epoch)
    return;
  self->epoch = MAX (0, epoch);
  gtk_widget_queue_draw (self->strip);
}

static void
draw_strip (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  ClAppDataSettings *self = data;
  ClRenderAugmentOptions options;
  const ClDataset *d = self->preview;

  cl_render_augment_options_init (&options);
  options.style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options.style.transparent = TRUE;
  /* Captions as large as the popover's own small print. */
  options.style.min_text = 11;
  options.augment = self->augment;
  options.seed = self->seed;
  options.first_epoch = self->epoch;
  gboolean has = d != NULL && cl_dataset_get_n (d, CL_DATASET_TRAIN) > 0;
  cl_render_augment (cr, has ? cl_dataset_get_sample (d, CL_DATASET_TRAIN, 0) : NULL,
                     has ? (int) d->channels : 1, has ? (int) d->height : 1,
                     has ? (int) d->width : 1, 0, &options, width, height);
}

/* A transform's check button, and its spin button when it has an amount. */
static GtkCheckButton *
add_transform (ClAppDataSettings *self, GtkGrid *grid, int row, const char *name,
               const char *label, const char *help, GtkSpinButton **spin, double min, double max,
               double step, double value, const char *unit)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  gtk_widget_set_name (check, name);
  gtk_widget_set_tooltip_text (check, help);
  gtk_grid_attach (grid, check, 0, row, 1, 1);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_augment_changed), self);
  if (spin == NULL)
    return GTK_CHECK_BUTTON (check);

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_spin_button_new_with_range (min, max, step);
  g_autofree char *spin_name = g_strconcat (name, "-amount", NULL);
  gtk_widget_set_name (button, spin_name);
  gtk_widget_set_tooltip_text (button, help);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (button), GTK_UPDATE_IF_VALID);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (button), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, help, -1);
  g_signal_connect_swapped (button, "value-changed", G_CALLBACK (on_augment_changed), self);
  gtk_box_append (GTK_BOX (box), button);
  GtkWidget *caption = gtk_label_new (unit);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_grid_attach (grid, box, 1, row, 1, 1);
  *spin = GTK_SPIN_BUTTON (button);
  return GTK_CHECK_BUTTON (check);
}

/* Below the data's settings: what the trainer does to each training image
 * (engine/augment.h), and a strip of what it makes of one. */
static void
build_augment_section (ClAppDataSettings *self)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *title = gtk_label_new (_("Augmentation of the training images"));

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_tooltip_text (title, _("Each epoch, every training image is shown to the network "
                                        "changed a little at random: it cannot learn them by "
                                        "heart. The test images stay as they are."));
  gtk_grid_attach (grid, title, 0, 0, 2, 1);
  self->shift_on = add_transform (self, grid, 1, "augment-shift", _("_Shift"),
                                  _("Moves each image by up to this many pixels in each direction; "
                                    "the edge pixels fill in."),
                                  &self->shift, 1, CL_AUGMENT_SHIFT_MAX, 1,
                                  CL_AUGMENT_SHIFT_DEFAULT, _("pixels"));
  self->flip_on = add_transform (self, grid, 2, "augment-flip", _("_Flip left–right"),
                                 _("Mirrors half of the images left to right."), NULL, 0, 0, 0, 0,
                                 NULL);
  self->crop_on = add_transform (self, grid, 3, "augment-crop", _("C_rop"),
                                 _("Keeps a random window of each image, its side cut by up to "
                                   "this much, and scales it back to full size."),
                                 &self->crop, 5, CL_AUGMENT_CROP_MAX, 5, CL_AUGMENT_CROP_DEFAULT,
                                 _("percent at most"));
  self->rotate_on = add_transform (self, grid, 4, "augment-rotate", _("R_otate"),
                                   _("Turns each image about its centre by up to this many "
                                     "degrees either way."),
                                   &self->rotate, 1, CL_AUGMENT_ROTATE_MAX, 1,
                                   CL_AUGMENT_ROTATE_DEFAULT, _("degrees"));
  self->augment_reason = gtk_label_new (_("Augmentation is for images: the toy sets are points."));
  gtk_widget_set_name (self->augment_reason, "augment-reason");
  gtk_label_set_xalign (GTK_LABEL (self->augment_reason), 0);
  gtk_label_set_wrap (GTK_LABEL (self->augment_reason), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->augment_reason), 40);
  gtk_widget_add_css_class (self->augment_reason, "dim-label");
  gtk_grid_attach (grid, self->augment_reason, 0, 5, 2, 1);

  self->strip = gtk_drawing_area_new ();
  gtk_widget_set_name (self->strip, "augment-strip");
  gtk_widget_set_tooltip_text (self->strip, _("The first training image, then what the network "
                                              "sees of it in this epoch and the next ones."));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->strip), 560);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->strip), 104);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->strip), draw_strip, self, NULL);
  /* Below the grid, not in it: its width would push the spin buttons right. */
  self->augment_grid = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->augment_grid), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (self->augment_grid), self->strip);
}

static void
cl_app_data_settings_finalize (GObject *object)
{
  ClAppDataSettings *self = CL_APP_DATA_SETTINGS (object);

  g_clear_pointer (&self->preview, cl_dataset_unref);
  G_OBJECT_CLASS (cl_app_data_settings_parent_class)->finalize (object);
}

static void
cl_app_data_settings_class_init (ClAppDataSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_app_data_settings_finalize;
  /* An augmentation control changed (the user's doing, not show_augment()). */
  signals[AUGMENT_CHANGED] = g_signal_new ("augment-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  build_augment_section (self);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), self->augment_grid);
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
