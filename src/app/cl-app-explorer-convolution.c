/* cl-app-explorer-convolution.c — one pixel of a convolution, written out.
 *
 * The state is plain: the choices in the controls give an input (c, h, w),
 * a kernel (c, k, k) with its bias and the activation after it, and a
 * geometry; compute () makes the output map and the chosen pixel's
 * explanation with the engine, the picture draws them.  A learned filter of
 * layer L sees what layer L receives: the chosen test image run through a
 * copy of the network at the newest snapshot's weights, so the numbers are
 * the network's own. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-explorer-convolution.h"
#include "cl-app-explorer-input.h"
#include "cl-app-explorer-kernels.h"
#include "cl-app-explorer-window.h"
#include "cl-app-explorer.h"
#include "cl-app-explorer-picture.h"
#include "engine/conv-explain.h"
#include "engine/error.h"
#include "engine/net.h"
#include "render/render-conv-explain.h"

/* The animation: about ten seconds for the whole map, whatever its size. */
/* The kernel drop-down: the learned filter, setosa's presets, then the
 * kernel typed in Kernels by Hand. */
#define BY_HAND     (1 + CL_KERNEL_N_PRESETS)

#define TICK_MS     50
#define PLAY_TICKS  200

struct _ClAppExplorerConvolution
{
  GtkWidget parent_instance;

  ClAppDocument *document;
  ClAppTraining *training;
  GtkWidget *box, *picture;
  ClAppExplorerInput *images;
  GtkWidget *kernel_drop, *layer_drop, *filter_spin;
  GtkWidget *stride_spin, *pad_spin, *play, *layer_box, *filter_box;
  GtkStringList *layer_names;
  GArray *layer_ids;              /* the Conv2D layers of the trained design */
  ClNet *net;                     /* batch 1, for a learned layer's input */
  const ClNetSpec *net_spec;      /* the spec net was built for (the snapshot's) */
  gboolean syncing;               /* controls set from here, not by the user */
  gboolean stale;                 /* a snapshot came while the page was not shown */

  /* What is drawn, made by compute (). */
  float *input, *kernel, *output;
  gboolean rgb;
  ClConvGeom geom;
  double bias;
  gboolean has_bias;
  char *activation, *kernel_title, *why;
  double activated;
  ClConvExplain *explain;
  int oy, ox;                     /* the chosen pixel, -1 for none */
  int filled;                     /* the animation's progress, -1 when not animating */
  guint tick;
  ClRenderStyle style;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerConvolution, cl_app_explorer_convolution, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

static void compute (ClAppExplorerConvolution *self);

/* ---- the picture -------------------------------------------------------- */

static void
fill_options (ClAppExplorerConvolution *self, const ClRenderStyle *style,
              ClRenderConvExplainOptions *o)
{
  cl_render_conv_explain_options_init (o);
  o->style = *style;
  o->message = self->why;
  if (self->why != NULL)
    return;
  o->input = self->input;
  o->rgb = self->rgb;
  o->kernel = self->kernel;
  o->geom = self->geom;
  o->output = self->output;
  o->filled = self->filled;
  o->explain = self->explain;
  o->has_bias = self->has_bias;
  o->activation = self->activation;
  o->activated = self->activated;
  o->kernel_title = self->kernel_title;
}

/* The picture's draw function: on screen and for Export PNG. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClRenderConvExplainOptions o;

  fill_options (data, style, &o);
  return cl_render_conv_explain (cr, &o, width, height);
}

/* ---- the kernel: learned filters ---------------------------------------- */

static int
layer_pad (const ClNetSpec *spec, int layer)
{
  int k = (int) cl_net_spec_get_setting (spec, layer, "kernel");
  switch ((int) cl_net_spec_get_setting (spec, layer, "padding"))
    {
    case 0:
      return (k - 1) / 2;
    case 1:
      return 0;
    default:
      return (int) cl_net_spec_get_setting (spec, layer, "pad");
    }
}

/* The Conv2D layers of the snapshot's design, in the layer drop-down. */
static void
sync_layers (ClAppExplorerConvolution *self, const ClSnapshot *s)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; s != NULL && i < s->n_layers; i++)
    if (g_strcmp0 (cl_net_spec_get_layer_kind (s->spec, i)->name, "Conv2D") == 0)
      g_array_append_val (ids, i);
  /* (An empty GArray's data may be NULL: no memcmp on it.) */
  if (ids->len == self->layer_ids->len
      && (ids->len == 0 || memcmp (ids->data, self->layer_ids->data, ids->len * sizeof (int)) == 0))
    return;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->layer_drop));
  self->syncing = TRUE;
  g_array_set_size (self->layer_ids, 0);
  g_array_append_vals (self->layer_ids, ids->data, ids->len);
  g_auto(GStrv) names = g_new0 (char *, ids->len + 1);
  for (guint i = 0; i < ids->len; i++)
    /* Translators: a convolution layer in the explorer's chooser, "Conv2D #1". */
    names[i] = g_strdup_printf (_("Conv2D #%d"), g_array_index (ids, int, i) + 1);
  gtk_string_list_splice (self->layer_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->layer_names)),
                          (const char * const *) names);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_drop),
                              selected < ids->len ? selected : 0);
  self->syncing = FALSE;
}

static int
chosen_layer (ClAppExplorerConvolution *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->layer_drop));
  return i < self->layer_ids->len ? g_array_index (self->layer_ids, int, i) : -1;
}

/* The network at the snapshot's weights, batch 1: what layer L receives. */
static gboolean
run_network (ClAppExplorerConvolution *self, const ClSnapshot *s, const float *x, GError **error)
{
  if (self->net == NULL || self->net_spec != s->spec)
    {
      g_clear_pointer (&self->net, cl_net_free);
      self->net = cl_net_new (s->spec, 1, error);
      self->net_spec = s->spec;
      if (self->net == NULL)
        return FALSE;
    }
  gsize n;
  float *params = cl_net_get_params (self->net, &n);
  if (n != s->n_params)
    {
      g_set_error_literal (error, CL_ERROR, CL_ERROR_MISMATCH,
                           _("The trained network changed; press Play or Step again."));
      return FALSE;
    }
  memcpy (params, s->params, n * sizeof (float));
  float *buffers = cl_net_get_buffers (self->net, &n);
  if (n == s->n_buffers && n > 0)
    memcpy (buffers, s->buffers, n * sizeof (float));
  cl_net_forward (self->net, x, 1, FALSE);
  return TRUE;
}

/* The kernel typed in Kernels by Hand, the page beside this one in the
 * Explorers window. */
static gboolean
kernel_by_hand (ClAppExplorerConvolution *self, float *kernel, int *k)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *page = CL_APP_IS_EXPLORER_WINDOW (root)
    ? cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (root), "kernels") : NULL;
  if (!CL_APP_IS_EXPLORER_KERNELS (page))
    return FALSE;
  const float *typed = cl_app_explorer_kernels_get_kernel (CL_APP_EXPLORER_KERNELS (page), k);
  memcpy (kernel, typed, sizeof (float) * *k * *k);
  return TRUE;
}

/* ---- compute ------------------------------------------------------------ */

static void
clear (ClAppExplorerConvolution *self)
{
  self->stale = FALSE;
  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->kernel, g_free);
  g_clear_pointer (&self->output, g_free);
  g_clear_pointer (&self->activation, g_free);
  g_clear_pointer (&self->kernel_title, g_free);
  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->explain, cl_conv_explain_free);
}

static void
set_why (ClAppExplorerConvolution *self, const char *why)
{
  clear (self);
  self->why = g_strdup (why);
}

/* The learned filter's kernel, bias and activation, and its input. */
static gboolean
learned (ClAppExplorerConvolution *self, const float *image, ClDataset *data, int *c, int *h,
         int *w, int *k, GError **error)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (self->training);
  int layer = chosen_layer (self);
  if (s == NULL || layer < 0)
    {
      g_set_error_literal (error, CL_ERROR, CL_ERROR_EMPTY,
                           s == NULL ? _("The learned filters appear once the network has "
                                         "trained: press Play or Step, or choose one of the "
                                         "kernels in Kernel.")
                                     : _("This network has no convolution layer: choose one "
                                         "of the kernels in Kernel."));
      return FALSE;
    }
  ClShape in = cl_net_spec_get_input (s->spec);
  ClShape lin = layer == 0 ? in : s->layers[layer - 1].shape;
  if (data == NULL || (int) data->channels != in.c || (int) data->height != in.h
      || (int) data->width != in.w)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("This network takes %d×%d×%d images; choose “Test images of the data” "
                     "as the input."),
                   in.c, in.h, in.w);
      return FALSE;
    }
  if (layer > 0 && !run_network (self, s, image, error))
    return FALSE;

  int filters = (int) cl_net_spec_get_setting (s->spec, layer, "filters");
  int f = CLAMP (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->filter_spin)) - 1, 0,
                 filters - 1);
  *k = (int) cl_net_spec_get_setting (s->spec, layer, "kernel");
  *c = lin.c;
  *h = lin.h;
  *w = lin.w;
  gsize kk = (gsize) lin.c * *k * *k;
  const float *weights = s->params + s->layers[layer].param_offset;
  self->kernel = g_memdup2 (weights + f * kk, kk * sizeof (float));
  self->has_bias = cl_net_spec_get_setting (s->spec, layer, "bias") != 0;
  self->bias = self->has_bias ? weights[filters * kk + f] : 0;
  gsize n = (gsize) lin.c * lin.h * lin.w;
  self->input = layer == 0 ? g_memdup2 (image, n * sizeof (float))
                           : g_memdup2 (cl_net_get_layer_output (self->net, layer - 1, NULL),
                                        n * sizeof (float));
  self->rgb = layer == 0 && lin.c == 3;
  if (cl_conv_explain_is_pointwise (s->spec, layer + 1))
    self->activation = g_strdup (_(cl_net_spec_get_layer_kind (s->spec, layer + 1)->label));
  /* Translators: the kernel's title: layer and filter, "Conv2D #1, filter 3". */
  self->kernel_title = g_strdup_printf (_("Conv2D #%d, filter %d"), layer + 1, f + 1);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->filter_spin), 1, filters);
  return TRUE;
}

static void
compute (ClAppExplorerConvolution *self)
{
  g_autoptr(GError) error = NULL;
  ClDataset *data = NULL;
  const float *image = cl_app_explorer_input_get_image (self->images, &data);
  guint kernel_choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kernel_drop));
  int c, h, w, k;

  clear (self);
  sync_layers (self, cl_app_training_get_snapshot (self->training));
  gtk_widget_set_visible (self->layer_box, kernel_choice == 0);
  gtk_widget_set_visible (self->filter_box, kernel_choice == 0);
  if (image == NULL)
    {
      set_why (self, _("No images yet: the data is still loading, or it has no images. "
                       "Choose the photos as the input."));
      goto out;
    }

  if (kernel_choice == 0)
    {
      if (!learned (self, image, data, &c, &h, &w, &k, &error))
        {
          set_why (self, error->message);
          goto out;
        }
    }
  else
    {
      /* One of setosa's kernels, or the one typed in Kernels by Hand: the
       * same on every channel. */
      float typed[25];
      c = (int) data->channels;
      h = (int) data->height;
      w = (int) data->width;
      if (kernel_choice == BY_HAND)
        {
          if (!kernel_by_hand (self, typed, &k))
            {
              set_why (self, _("Kernels by Hand has no kernel yet."));
              goto out;
            }
          self->kernel_title = g_strdup (_("Kernel by hand"));
        }
      else
        {
          ClKernelPreset preset = kernel_choice - 1;
          k = 3;
          cl_kernel_preset_fill (preset, 3, typed);
          self->kernel_title = g_strdup (_(cl_kernel_preset_label (preset)));
        }
      self->kernel = g_new (float, c * k * k);
      for (int ci = 0; ci < c; ci++)
        memcpy (self->kernel + ci * k * k, typed, sizeof (float) * k * k);
      self->input = g_memdup2 (image, sizeof (float) * c * h * w);
      self->rgb = c == 3;
      self->has_bias = FALSE;
      self->bias = 0;
    }

  if (!cl_conv_geom_init (&self->geom, c, h, w, k,
                          gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->stride_spin)),
                          gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->pad_spin)),
                          &error))
    {
      set_why (self, error->message);
      goto out;
    }
  self->output = g_new (float, self->geom.oh * self->geom.ow);
  cl_conv_explain_map (self->input, self->kernel, self->bias, &self->geom, self->output);
  if (self->activation != NULL)
    {
      const ClSnapshot *s = cl_app_training_get_snapshot (self->training);
      if (!cl_conv_explain_activate (s->spec, chosen_layer (self) + 1, self->output,
                                     self->geom.oh * self->geom.ow, NULL))
        g_clear_pointer (&self->activation, g_free);
    }
  if (self->oy >= self->geom.oh || self->ox >= self->geom.ow)
    self->oy = self->ox = -1;
  if (self->oy >= 0)
    {
      self->explain = cl_conv_explain_pixel (self->input, self->kernel, self->bias, &self->geom,
                                             self->oy, self->ox);
      self->activated = self->explain->z;
      if (self->activation != NULL)
        {
          float a = (float) self->explain->z;
          const ClSnapshot *s = cl_app_training_get_snapshot (self->training);
          cl_conv_explain_activate (s->spec, chosen_layer (self) + 1, &a, 1, NULL);
          self->activated = a;
        }
    }
out:
  cl_app_explorer_picture_redraw (CL_APP_EXPLORER_PICTURE (self->picture));
}

/* ---- choosing a pixel, the animation ------------------------------------ */

static void
choose_pixel (ClAppExplorerConvolution *self, int oy, int ox)
{
  if (oy == self->oy && ox == self->ox && self->explain != NULL)
    return;
  self->oy = oy;
  self->ox = ox;
  compute (self);
}

static gboolean
pixel_at (ClAppExplorerConvolution *self, double x, double y, int *oy, int *ox)
{
  ClRenderConvExplainOptions o;
  ClRenderStyle style;

  if (self->why != NULL)
    return FALSE;
  cl_app_explorer_picture_get_style (CL_APP_EXPLORER_PICTURE (self->picture), &style);
  fill_options (self, &style, &o);
  return cl_render_conv_explain_hit (&o, gtk_widget_get_width (self->picture),
                                     gtk_widget_get_height (self->picture), x, y, oy, ox);
}

static void
stop (ClAppExplorerConvolution *self)
{
  g_clear_handle_id (&self->tick, g_source_remove);
  self->filled = -1;
  self->syncing = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->play), FALSE);
  self->syncing = FALSE;
}

static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y,
         ClAppExplorerConvolution *self)
{
  int oy, ox;
  if (!pixel_at (self, x, y, &oy, &ox))
    return;
  stop (self);
  choose_pixel (self, oy, ox);
}

static void
motion (GtkEventControllerMotion *controller, double x, double y, ClAppExplorerConvolution *self)
{
  int oy, ox;
  /* Hovering follows the pointer; the animation keeps its own pixel. */
  if (self->tick == 0 && pixel_at (self, x, y, &oy, &ox))
    choose_pixel (self, oy, ox);
}

static gboolean
tick (gpointer data)
{
  ClAppExplorerConvolution *self = data;
  int n = self->geom.oh * self->geom.ow;

  if (self->why != NULL || n <= 0)
    {
      self->tick = 0;
      stop (self);
      return G_SOURCE_REMOVE;
    }
  self->filled = MIN (n, self->filled + MAX (1, n / PLAY_TICKS));
  self->oy = (self->filled - 1) / self->geom.ow;
  self->ox = (self->filled - 1) % self->geom.ow;
  compute (self);
  if (self->filled >= n)
    {
      self->tick = 0;
      stop (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
play_toggled (GtkToggleButton *button, ClAppExplorerConvolution *self)
{
  if (self->syncing)
    return;
  if (gtk_toggle_button_get_active (button))
    {
      self->filled = 0;
      self->tick = g_timeout_add (TICK_MS, tick, self);
    }
  else
    {
      g_clear_handle_id (&self->tick, g_source_remove);
      self->filled = -1;
      compute (self);
    }
}

/* ---- the controls ------------------------------------------------------- */

static void
changed (ClAppExplorerConvolution *self)
{
  if (!self->syncing)
    compute (self);
}

/* A new layer: its own stride and padding, so the map is the network's. */
static void
layer_changed (ClAppExplorerConvolution *self)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (self->training);
  int layer = chosen_layer (self);

  if (self->syncing)
    return;
  if (s != NULL && layer >= 0)
    {
      self->syncing = TRUE;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->stride_spin),
                                 cl_net_spec_get_setting (s->spec, layer, "stride"));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->pad_spin), layer_pad (s->spec, layer));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->filter_spin), 1);
      self->syncing = FALSE;
    }
  compute (self);
}

static void
kernel_changed (ClAppExplorerConvolution *self)
{
  if (self->syncing)
    return;
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kernel_drop)) == 0)
    {
      sync_layers (self, cl_app_training_get_snapshot (self->training));
      layer_changed (self);
      return;
    }
  compute (self);
}

static void
snapshot_changed (ClAppExplorerConvolution *self)
{
  /* The weights move while training: a learned filter follows them, but
   * only on screen (each snapshot is a new design copy, so a deeper
   * layer's network is built again: not for a hidden page). */
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kernel_drop)) != 0 && self->why == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  compute (self);
}

static void
mapped (ClAppExplorerConvolution *self)
{
  /* The kernel typed by hand may have changed on its own page. */
  if (self->stale || gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kernel_drop)) == BY_HAND)
    compute (self);
}

static GtkWidget *
int_spin (int lo, int hi, int value, const char *name)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lo, hi, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_name (spin, name);
  return spin;
}

static GtkWidget *
controls_new (ClAppExplorerConvolution *self)
{
  GtkWidget *flow = cl_app_explorer_controls_new (8);

  self->images = cl_app_explorer_input_new (self->training, G_CALLBACK (changed), self);
  cl_app_explorer_controls_add (flow, _("_Input"), cl_app_explorer_input_get_source (self->images),
                                _("The image the kernel slides over"));
  cl_app_explorer_controls_add (flow, _("I_mage"), cl_app_explorer_input_get_index (self->images),
                                _("Which image of the test part"));

  g_autoptr(GPtrArray) kernels = g_ptr_array_new ();
  g_ptr_array_add (kernels, (gpointer) _("Learned filter"));
  for (int i = 0; i < CL_KERNEL_N_PRESETS; i++)
    g_ptr_array_add (kernels, (gpointer) _(cl_kernel_preset_label (i)));
  g_ptr_array_add (kernels, (gpointer) _("Kernel by hand"));
  g_ptr_array_add (kernels, NULL);
  self->kernel_drop = gtk_drop_down_new_from_strings ((const char * const *) kernels->pdata);
  gtk_widget_set_name (self->kernel_drop, "kernel");
  cl_app_explorer_controls_add (flow, _("_Kernel"), self->kernel_drop,
                                _("A filter the network learned, or one of the classic image "
                                  "kernels"));

  self->layer_names = gtk_string_list_new (NULL);
  self->layer_drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->layer_names)), NULL);
  gtk_widget_set_name (self->layer_drop, "layer");
  self->layer_box = cl_app_explorer_controls_add (flow, _("_Layer"), self->layer_drop,
                                                  _("The convolution layer"));
  self->filter_spin = int_spin (1, 1, 1, "filter");
  self->filter_box = cl_app_explorer_controls_add (flow, _("_Filter"), self->filter_spin,
                                                   _("The layer's filter"));

  self->stride_spin = int_spin (1, 4, 1, "stride");
  cl_app_explorer_controls_add (flow, _("_Stride"), self->stride_spin,
                                _("Step between two positions of the window"));
  self->pad_spin = int_spin (0, 4, 1, "padding");
  cl_app_explorer_controls_add (flow, _("_Padding"), self->pad_spin,
                                _("Zeros added around the image"));

  self->play = gtk_toggle_button_new ();
  GtkWidget *content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "media-playback-start-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Pl_ay"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->play), content);
  gtk_widget_set_name (self->play, "play");
  gtk_widget_set_tooltip_text (self->play, _("Slide the window across the image, filling the "
                                             "output pixel by pixel"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->play);

  g_signal_connect_swapped (self->kernel_drop, "notify::selected", G_CALLBACK (kernel_changed),
                            self);
  g_signal_connect_swapped (self->layer_drop, "notify::selected", G_CALLBACK (layer_changed),
                            self);
  g_signal_connect_swapped (self->filter_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->stride_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect_swapped (self->pad_spin, "value-changed", G_CALLBACK (changed), self);
  g_signal_connect (self->play, "toggled", G_CALLBACK (play_toggled), self);
  return flow;
}

/* ---- object ------------------------------------------------------------- */

static void
cl_app_explorer_convolution_dispose (GObject *object)
{
  ClAppExplorerConvolution *self = CL_APP_EXPLORER_CONVOLUTION (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->document);
  g_clear_object (&self->training);
  g_clear_object (&self->layer_names);
  G_OBJECT_CLASS (cl_app_explorer_convolution_parent_class)->dispose (object);
}

static void
cl_app_explorer_convolution_finalize (GObject *object)
{
  ClAppExplorerConvolution *self = CL_APP_EXPLORER_CONVOLUTION (object);

  clear (self);
  g_array_unref (self->layer_ids);
  g_clear_pointer (&self->images, cl_app_explorer_input_free);
  g_clear_pointer (&self->net, cl_net_free);
  G_OBJECT_CLASS (cl_app_explorer_convolution_parent_class)->finalize (object);
}

static void
cl_app_explorer_convolution_class_init (ClAppExplorerConvolutionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cl_app_explorer_convolution_dispose;
  G_OBJECT_CLASS (klass)->finalize = cl_app_explorer_convolution_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cl_app_explorer_convolution_init (ClAppExplorerConvolution *self)
{
  self->layer_ids = g_array_new (FALSE, FALSE, sizeof (int));
  self->oy = self->ox = -1;
  self->filled = -1;
}

static gboolean
has_conv (const ClNetSpec *spec)
{
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (g_str_equal (cl_net_spec_get_layer_kind (spec, i)->name, "Conv2D"))
      return TRUE;
  return FALSE;
}

GtkWidget *
cl_app_explorer_convolution_new (ClAppDocument *document, ClAppTraining *training)
{
  ClAppExplorerConvolution *self = g_object_new (CL_APP_TYPE_EXPLORER_CONVOLUTION, NULL);

  self->document = g_object_ref (document);
  self->training = g_object_ref (training);
  self->box = cl_app_explorer_page_new (GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), controls_new (self));

  self->picture = cl_app_explorer_picture_new (draw, self);
  gtk_widget_set_name (self->picture, "picture");
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (self->picture, GTK_EVENT_CONTROLLER (click));
  GtkEventController *hover = gtk_event_controller_motion_new ();
  g_signal_connect (hover, "motion", G_CALLBACK (motion), self);
  gtk_widget_add_controller (self->picture, hover);
  gtk_box_append (GTK_BOX (self->box), self->picture);

  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (snapshot_changed), self);
  g_signal_connect (self, "map", G_CALLBACK (mapped), NULL);
  /* Without a trained convolutional network, setosa's kernels on a photo
   * show something at once. */
  const ClSnapshot *s = cl_app_training_get_snapshot (training);
  if (s != NULL && !has_conv (s->spec))
    s = NULL;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kernel_drop),
                              s != NULL ? 0 : 1 + CL_KERNEL_SOBEL_VERTICAL);
  self->syncing = FALSE;
  if (s != NULL)
    kernel_changed (self);
  else
    compute (self);
  /* A pixel explained from the start: the picture is never half empty. */
  if (self->why == NULL)
    choose_pixel (self, self->geom.oh / 2, self->geom.ow / 2);
  return GTK_WIDGET (self);
}

void
cl_app_explorer_convolution_show_filter (ClAppExplorerConvolution *self, int layer, int filter)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_CONVOLUTION (self));
  stop (self);
  sync_layers (self, cl_app_training_get_snapshot (self->training));
  for (guint i = 0; i < self->layer_ids->len; i++)
    if (g_array_index (self->layer_ids, int, i) == layer)
      {
        self->syncing = TRUE;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kernel_drop), 0);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_drop), i);
        cl_app_explorer_input_set_kind (self->images, CL_APP_EXPLORER_INPUT_DATA);
        self->syncing = FALSE;
        layer_changed (self);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->filter_spin), filter + 1);
        compute (self);
        return;
      }
}

gboolean
cl_app_explorer_convolution_get_pixel (ClAppExplorerConvolution *self, int *oy, int *ox,
                                       double *sum, double *z)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_CONVOLUTION (self), FALSE);
  *oy = self->explain != NULL ? self->explain->oy : -1;
  *ox = self->explain != NULL ? self->explain->ox : -1;
  *sum = self->explain != NULL ? self->explain->sum : 0;
  *z = self->explain != NULL ? self->explain->z : 0;
  return self->explain != NULL;
}

gboolean
cl_app_explorer_convolution_locate (ClAppExplorerConvolution *self, int oy, int ox,
                                    GtkWidget **picture, double *x, double *y)
{
  ClRenderConvExplainOptions o;
  ClRenderStyle style;
  ClConvExplainLayout l;

  g_return_val_if_fail (CL_APP_IS_EXPLORER_CONVOLUTION (self), FALSE);
  cl_app_explorer_picture_get_style (CL_APP_EXPLORER_PICTURE (self->picture), &style);
  fill_options (self, &style, &o);
  if (!cl_render_conv_explain_layout (NULL, &o, gtk_widget_get_width (self->picture),
                                      gtk_widget_get_height (self->picture), &l))
    return FALSE;
  *picture = self->picture;
  *x = l.out_x + (ox + 0.5) * l.out_cell;
  *y = l.out_y + (oy + 0.5) * l.out_cell;
  return TRUE;
}

gboolean
cl_app_explorer_convolution_get_filter (ClAppExplorerConvolution *self, int *layer, int *filter)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_CONVOLUTION (self), FALSE);
  if (self->why != NULL || gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kernel_drop)) != 0)
    return FALSE;
  *layer = chosen_layer (self);
  *filter = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->filter_spin)) - 1;
  return *layer >= 0;
}

int
cl_app_explorer_convolution_get_filled (ClAppExplorerConvolution *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_CONVOLUTION (self), -1);
  return self->filled;
}

const float *
cl_app_explorer_convolution_get_kernel (ClAppExplorerConvolution *self, int *c, int *k)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_CONVOLUTION (self), NULL);
  if (self->why != NULL)
    return NULL;
  *c = self->geom.c;
  *k = self->geom.k;
  return self->kernel;
}
