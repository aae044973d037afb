/* cl-app-explorer-kernels.c — a kernel typed by hand, applied live.  The
 * cells are entries read as the language writes numbers (cl-app-spin.h):
 * "0,5" in French.  A preset fills them; typing in one makes the kernel
 * "Custom".  Every change applies the kernel to the whole image again: a
 * 32 × 32 × 3 image and a 5 × 5 kernel are 77 000 multiplications, far
 * below a frame. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cl-app-explorer-input.h"
#include "cl-app-explorer-kernels.h"
#include "cl-app-explorer-picture.h"
#include "cl-app-explorer.h"
#include "cl-app-spin.h"
#include "engine/conv-explain.h"
#include "render/number-format.h"
#include "render/render-kernels.h"

#define MAX_K 5

struct _ClAppExplorerKernels
{
  GtkWidget parent_instance;

  ClAppTraining *training;
  ClAppExplorerInput *images;
  GtkWidget *box, *picture, *size_drop, *preset_drop, *grid;
  GtkWidget *cells[MAX_K * MAX_K];
  gboolean syncing;

  int k;
  float kernel[MAX_K * MAX_K];
  float *image, *result;
  int c, h, w;
  char *why;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerKernels, cl_app_explorer_kernels, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

/* The preset's index in the drop-down, or CUSTOM after an edit. */
#define CUSTOM CL_KERNEL_N_PRESETS

static void
fill_options (ClAppExplorerKernels *self, const ClRenderStyle *style, ClRenderKernelsOptions *o)
{
  guint preset = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset_drop));

  cl_render_kernels_options_init (o);
  o->style = *style;
  o->message = self->why;
  o->image = self->image;
  o->output = self->result;
  o->c = self->c;
  o->h = self->h;
  o->w = self->w;
  o->kernel = self->kernel;
  o->k = self->k;
  o->kernel_title = preset < CUSTOM ? _(cl_kernel_preset_label (preset)) : _("Custom kernel");
}

/* The picture's draw function: on screen and for Export PNG. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClRenderKernelsOptions o;
  fill_options (data, style, &o);
  return cl_render_kernels (cr, &o, width, height);
}

static void
apply (ClAppExplorerKernels *self)
{
  ClDataset *data = NULL;
  const float *image = cl_app_explorer_input_get_image (self->images, &data);

  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->image, g_free);
  g_clear_pointer (&self->result, g_free);
  if (image == NULL || (data->channels != 1 && data->channels != 3))
    self->why = g_strdup (_("No images yet: the data is still loading, or it has no grey or "
                            "colour images. Choose the photos as the input."));
  else
    {
      self->c = (int) data->channels;
      self->h = (int) data->height;
      self->w = (int) data->width;
      gsize n = (gsize) self->c * self->h * self->w;
      self->image = g_memdup2 (image, n * sizeof (float));
      self->result = g_new (float, n);
      cl_kernel_apply (self->image, self->c, self->h, self->w, self->kernel, self->k, self->result);
    }
  cl_app_explorer_picture_redraw (CL_APP_EXPLORER_PICTURE (self->picture));
}

/* "0,0625", "−1", "0,1111": whole numbers whole, others to four decimals
 * without trailing zeros. */
static char *
cell_text (float v)
{
  if (v == roundf (v))
    return cl_format_fixed (v, 0);
  char *text = cl_format_fixed (v, 4);
  gsize n = strlen (text);
  while (n > 0 && text[n - 1] == '0')
    text[--n] = '\0';
  return text;
}

/* The cells show the kernel; only the first k × k are visible. */
static void
sync_cells (ClAppExplorerKernels *self)
{
  self->syncing = TRUE;
  for (int i = 0; i < MAX_K; i++)
    for (int j = 0; j < MAX_K; j++)
      {
        GtkWidget *cell = self->cells[i * MAX_K + j];
        gboolean shown = i < self->k && j < self->k;
        gtk_widget_set_visible (cell, shown);
        if (shown)
          {
            g_autofree char *text = cell_text (self->kernel[i * self->k + j]);
            gtk_editable_set_text (GTK_EDITABLE (cell), text);
            gtk_widget_remove_css_class (cell, "error");
          }
      }
  self->syncing = FALSE;
}

static void
preset_changed (ClAppExplorerKernels *self)
{
  guint preset = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset_drop));
  if (self->syncing || preset >= CUSTOM)
    return;
  cl_kernel_preset_fill (preset, self->k, self->kernel);
  sync_cells (self);
  apply (self);
}

static void
size_changed (ClAppExplorerKernels *self)
{
  int k = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->size_drop)) == 1 ? 5 : 3;
  float old[MAX_K * MAX_K];
  int old_k = self->k;

  if (self->syncing || k == old_k)
    return;
  memcpy (old, self->kernel, sizeof old);
  self->k = k;
  guint preset = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset_drop));
  if (preset < CUSTOM)
    cl_kernel_preset_fill (preset, k, self->kernel);
  else
    {
      /* A custom kernel keeps its middle: centred in the larger grid, or
       * its centre kept in the smaller one. */
      memset (self->kernel, 0, sizeof self->kernel);
      int off = (k - old_k) / 2;
      for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++)
          {
            int oi = i - off, oj = j - off;
            if (oi >= 0 && oi < old_k && oj >= 0 && oj < old_k)
              self->kernel[i * k + j] = old[oi * old_k + oj];
          }
    }
  sync_cells (self);
  apply (self);
}

static void
cell_changed (GtkEditable *cell, ClAppExplorerKernels *self)
{
  int at = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cl-cell"));
  int i = at / MAX_K, j = at % MAX_K;
  double v;

  if (self->syncing || i >= self->k || j >= self->k)
    return;
  if (!cl_app_spin_parse (gtk_editable_get_text (cell), &v) || fabs (v) > 1000)
    {
      gtk_widget_add_css_class (GTK_WIDGET (cell), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell), _("A number from −1000 to 1000"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell), NULL);
  self->kernel[i * self->k + j] = (float) v;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_drop), CUSTOM);
  self->syncing = FALSE;
  apply (self);
}

static void
changed (ClAppExplorerKernels *self)
{
  apply (self);
}

static void
snapshot_changed (ClAppExplorerKernels *self)
{
  /* The data arrives with the first trainer. */
  if (self->why != NULL)
    apply (self);
}

static GtkWidget *
controls_new (ClAppExplorerKernels *self)
{
  GtkWidget *flow = cl_app_explorer_controls_new (6);

  self->images = cl_app_explorer_input_new (self->training, G_CALLBACK (changed), self);
  cl_app_explorer_controls_add (flow, _("_Input"), cl_app_explorer_input_get_source (self->images),
                                NULL);
  cl_app_explorer_controls_add (flow, _("I_mage"), cl_app_explorer_input_get_index (self->images),
                                NULL);

  const char *sizes[] = { _("3×3"), _("5×5"), NULL };
  self->size_drop = gtk_drop_down_new_from_strings (sizes);
  gtk_widget_set_name (self->size_drop, "size");
  cl_app_explorer_controls_add (flow, _("_Size"), self->size_drop,
                                _("The kernel's width and height"));

  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  for (int i = 0; i < CL_KERNEL_N_PRESETS; i++)
    g_ptr_array_add (names, (gpointer) _(cl_kernel_preset_label (i)));
  g_ptr_array_add (names, (gpointer) _("Custom"));
  g_ptr_array_add (names, NULL);
  self->preset_drop = gtk_drop_down_new_from_strings ((const char * const *) names->pdata);
  gtk_widget_set_name (self->preset_drop, "preset");
  cl_app_explorer_controls_add (flow, _("_Preset"), self->preset_drop,
                                _("The classic image kernels of setosa.io/ev/image-kernels"));

  g_signal_connect_swapped (self->size_drop, "notify::selected", G_CALLBACK (size_changed), self);
  g_signal_connect_swapped (self->preset_drop, "notify::selected", G_CALLBACK (preset_changed),
                            self);
  return flow;
}

static GtkWidget *
cells_new (ClAppExplorerKernels *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Kernel (type the numbers)"));
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 4);
  for (int i = 0; i < MAX_K; i++)
    for (int j = 0; j < MAX_K; j++)
      {
        GtkWidget *cell = gtk_entry_new ();
        g_autofree char *name = g_strdup_printf ("cell-%d-%d", i, j);
        gtk_widget_set_name (cell, name);
        gtk_editable_set_width_chars (GTK_EDITABLE (cell), 6);
        gtk_editable_set_max_width_chars (GTK_EDITABLE (cell), 6);
        gtk_entry_set_alignment (GTK_ENTRY (cell), 1.0);
        gtk_entry_set_input_purpose (GTK_ENTRY (cell), GTK_INPUT_PURPOSE_NUMBER);
        /* Translators: the accessible name of a kernel cell: row and column. */
        g_autofree char *what = g_strdup_printf (_("Row %d, column %d"), i + 1, j + 1);
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, what,
                                        -1);
        g_object_set_data (G_OBJECT (cell), "cl-cell", GINT_TO_POINTER (i * MAX_K + j));
        g_signal_connect (cell, "changed", G_CALLBACK (cell_changed), self);
        gtk_grid_attach (GTK_GRID (self->grid), cell, j, i, 1, 1);
        self->cells[i * MAX_K + j] = cell;
      }
  gtk_box_append (GTK_BOX (box), self->grid);
  return box;
}

static void
cl_app_explorer_kernels_dispose (GObject *object)
{
  ClAppExplorerKernels *self = CL_APP_EXPLORER_KERNELS (object);

  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->training);
  G_OBJECT_CLASS (cl_app_explorer_kernels_parent_class)->dispose (object);
}

static void
cl_app_explorer_kernels_finalize (GObject *object)
{
  ClAppExplorerKernels *self = CL_APP_EXPLORER_KERNELS (object);

  g_clear_pointer (&self->images, cl_app_explorer_input_free);
  g_free (self->image);
  g_free (self->result);
  g_free (self->why);
  G_OBJECT_CLASS (cl_app_explorer_kernels_parent_class)->finalize (object);
}

static void
cl_app_explorer_kernels_class_init (ClAppExplorerKernelsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cl_app_explorer_kernels_dispose;
  G_OBJECT_CLASS (klass)->finalize = cl_app_explorer_kernels_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cl_app_explorer_kernels_init (ClAppExplorerKernels *self)
{
  self->k = 3;
}

GtkWidget *
cl_app_explorer_kernels_new (ClAppDocument *document, ClAppTraining *training)
{
  ClAppExplorerKernels *self = g_object_new (CL_APP_TYPE_EXPLORER_KERNELS, NULL);

  self->training = g_object_ref (training);
  self->box = cl_app_explorer_page_new (GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), controls_new (self));

  /* The picture over the whole width, the cells under it: at 1024×768
   * a 5×5 grid of cells beside it left the images too small to read. */
  self->picture = cl_app_explorer_picture_new (draw, self);
  gtk_widget_set_name (self->picture, "picture");
  gtk_box_append (GTK_BOX (self->box), self->picture);
  GtkWidget *cells = cells_new (self);
  gtk_widget_set_halign (cells, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), cells);

  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (snapshot_changed), self);
  /* Sharpen: a kernel whose effect shows on any photo. */
  self->syncing = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_drop), CL_KERNEL_SHARPEN);
  self->syncing = FALSE;
  cl_kernel_preset_fill (CL_KERNEL_SHARPEN, self->k, self->kernel);
  sync_cells (self);
  apply (self);
  return GTK_WIDGET (self);
}

const float *
cl_app_explorer_kernels_get_kernel (ClAppExplorerKernels *self, int *k)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_KERNELS (self), NULL);
  *k = self->k;
  return self->kernel;
}

const float *
cl_app_explorer_kernels_get_image (ClAppExplorerKernels *self, int *c, int *h, int *w)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_KERNELS (self), NULL);
  *c = self->c;
  *h = self->h;
  *w = self->w;
  return self->image;
}

const float *
cl_app_explorer_kernels_get_result (ClAppExplorerKernels *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_KERNELS (self), NULL);
  return self->result;
}
