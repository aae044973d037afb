/* cl-app-explorer-activations.c — the Activation Functions explorer.
 *
 * A list of the functions on the left; above the picture their settings
 * (slopes, α, maxout's pieces, softmax's inputs), the x range and a layer
 * of the network, whose inputs while it trains are drawn under the curve.
 * The picture is render-activation-fn's, the same as Export PNG; the pointer
 * over it writes x, f(x) and f′(x).
 */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cl-app-explorer-activations.h"
#include "cl-app-spin.h"
#include "engine/layer-registry.h"
#include "render/render-activation-fn.h"

/* The order of the list: the course's. */
static const ClActivation order[] = {
  CL_ACTIVATION_IDENTITY, CL_ACTIVATION_SIGMOID, CL_ACTIVATION_TANH, CL_ACTIVATION_RELU,
  CL_ACTIVATION_LEAKY_RELU, CL_ACTIVATION_PRELU, CL_ACTIVATION_RRELU, CL_ACTIVATION_ELU,
  CL_ACTIVATION_MAXOUT, CL_ACTIVATION_SOFTMAX,
};

/* The palette's icon of the layer kind that computes it. */
static const char * const icons[CL_N_ACTIVATIONS] = {
  [CL_ACTIVATION_IDENTITY] = NULL,
  [CL_ACTIVATION_SIGMOID] = "convlab-act-sigmoid-symbolic",
  [CL_ACTIVATION_TANH] = "convlab-act-tanh-symbolic",
  [CL_ACTIVATION_RELU] = "convlab-act-relu-symbolic",
  [CL_ACTIVATION_LEAKY_RELU] = "convlab-act-leaky-relu-symbolic",
  [CL_ACTIVATION_PRELU] = "convlab-act-prelu-symbolic",
  [CL_ACTIVATION_RRELU] = "convlab-act-rrelu-symbolic",
  [CL_ACTIVATION_ELU] = "convlab-act-elu-symbolic",
  [CL_ACTIVATION_MAXOUT] = "convlab-act-maxout-symbolic",
  [CL_ACTIVATION_SOFTMAX] = "convlab-act-softmax-symbolic",
};

typedef enum {
  P_SLOPE, P_PRELU_A, P_LOWER, P_UPPER, P_ALPHA, P_W0, P_B0, P_W1, P_B1, P_N_INPUTS,
  P_RANGE, N_PARAMS
} Param;

struct _ClAppExplorerActivations
{
  GtkWidget parent_instance;

  ClAppDocument *document;
  ClAppTraining *training;
  ClActivationFnView view;   /* function, settings, range, softmax inputs; no samples */
  int layer;                 /* the design's layer whose inputs are drawn, -1: none */
  ClSnapshot *snapshot;      /* the snapshot those inputs are in */
  const float *samples;      /* into snapshot */
  gsize n_samples;
  char *caption;             /* "ReLU #3" */
  double scale, min_text;
  gboolean hover;
  double hover_x;
  gboolean syncing;          /* controls being set from the state: no feedback */

  GtkWidget *paned;
  GtkWidget *list;
  GtkWidget *params_box;
  GtkWidget *param_box[N_PARAMS];     /* label + spin, shown for their functions */
  GtkWidget *param_spin[N_PARAMS];
  GtkWidget *input_box[CL_ACTIVATION_FN_MAX_INPUTS];
  GtkWidget *input_spin[CL_ACTIVATION_FN_MAX_INPUTS];
  GtkWidget *layer_dropdown;
  GtkStringList *layer_names;
  GArray *layer_of_row;      /* int: the design's layer for each row after "None" */
  GtkWidget *layer_note;
  GtkWidget *picture;
};

static void cl_app_explorer_activations_iface_init (ClAppExplorerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerActivations, cl_app_explorer_activations,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_activations_iface_init))

/* ---- The picture ------------------------------------------------------ */

/* The view as drawn: the state with the layer's inputs. */
static void
make_view (ClAppExplorerActivations *self, ClActivationFnView *view, gboolean with_hover)
{
  *view = self->view;
  view->samples = self->samples;
  view->n_samples = self->n_samples;
  view->samples_caption = self->caption;
  view->hover = with_hover && self->hover;
  view->hover_x = self->hover_x;
}

static void
get_style (ClAppExplorerActivations *self, ClRenderStyle *style)
{
  *style = (ClRenderStyle) {
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
    .transparent = TRUE,
    .scale = self->scale,
    .min_text = self->min_text,
  };
}

/* GtkDrawingArea draws through gtk_snapshot_append_cairo. */
static void
draw_picture (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  ClAppExplorerActivations *self = data;
  ClActivationFnView view;
  ClRenderStyle style;

  make_view (self, &view, TRUE);
  get_style (self, &style);
  cl_render_activation_fn (cr, &view, &style, width, height);
}

static void
redraw (ClAppExplorerActivations *self)
{
  gtk_widget_queue_draw (self->picture);
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, ClAppExplorerActivations *self)
{
  ClActivationFnView view;
  ClActivationFnLayout layout;
  ClRenderStyle style;

  make_view (self, &view, FALSE);
  get_style (self, &style);
  cl_activation_fn_layout (&view, &style, gtk_widget_get_width (self->picture),
                           gtk_widget_get_height (self->picture), &layout);
  const ClActivationFnPlot *f = &layout.f, *df = &layout.df;
  gboolean over = view.fn.kind != CL_ACTIVATION_SOFTMAX && x >= f->x && x <= f->x + f->w
                  && ((y >= f->y && y <= f->y + f->h) || (y >= df->y && y <= df->y + df->h));
  if (!over && !self->hover)
    return;
  self->hover = over;
  self->hover_x = cl_activation_fn_plot_x_at (f, x);
  redraw (self);
}

static void
on_leave (GtkEventControllerMotion *motion, ClAppExplorerActivations *self)
{
  if (!self->hover)
    return;
  self->hover = FALSE;
  redraw (self);
}

/* ---- Controls ---------------------------------------------------------- */

static void
set_spin (GtkWidget *spin, double value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

static double
get_spin (GtkWidget *spin)
{
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

/* A row of the flow box is its GtkFlowBoxChild: that is what hides. */
static void
show_param (GtkWidget *box, gboolean visible)
{
  gtk_widget_set_visible (gtk_widget_get_parent (box), visible);
}

static void
update_visibility (ClAppExplorerActivations *self)
{
  ClActivation k = self->view.fn.kind;
  gboolean softmax = k == CL_ACTIVATION_SOFTMAX;

  show_param (self->param_box[P_SLOPE], k == CL_ACTIVATION_LEAKY_RELU);
  show_param (self->param_box[P_PRELU_A], k == CL_ACTIVATION_PRELU);
  show_param (self->param_box[P_LOWER], k == CL_ACTIVATION_RRELU);
  show_param (self->param_box[P_UPPER], k == CL_ACTIVATION_RRELU);
  show_param (self->param_box[P_ALPHA], k == CL_ACTIVATION_ELU);
  for (int p = P_W0; p <= P_B1; p++)
    show_param (self->param_box[p], k == CL_ACTIVATION_MAXOUT);
  show_param (self->param_box[P_N_INPUTS], softmax);
  show_param (self->param_box[P_RANGE], !softmax);
  for (int i = 0; i < CL_ACTIVATION_FN_MAX_INPUTS; i++)
    show_param (self->input_box[i], softmax && i < self->view.n_inputs);
}

/* The controls from the state (a layer chosen, a lesson, a test). */
static void
sync_controls (ClAppExplorerActivations *self)
{
  const ClActivationParams *p = &self->view.fn;

  self->syncing = TRUE;
  set_spin (self->param_spin[p->kind == CL_ACTIVATION_PRELU ? P_PRELU_A : P_SLOPE], p->slope);
  set_spin (self->param_spin[P_LOWER], p->lower);
  set_spin (self->param_spin[P_UPPER], p->upper);
  set_spin (self->param_spin[P_ALPHA], p->alpha);
  set_spin (self->param_spin[P_W0], p->w[0]);
  set_spin (self->param_spin[P_B0], p->b[0]);
  set_spin (self->param_spin[P_W1], p->w[1]);
  set_spin (self->param_spin[P_B1], p->b[1]);
  set_spin (self->param_spin[P_N_INPUTS], self->view.n_inputs);
  set_spin (self->param_spin[P_RANGE], self->view.x_max);
  for (int i = 0; i < CL_ACTIVATION_FN_MAX_INPUTS; i++)
    set_spin (self->input_spin[i], self->view.inputs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] == p->kind)
      gtk_list_box_select_row (GTK_LIST_BOX (self->list),
                               gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), (int) i));
  self->syncing = FALSE;
  update_visibility (self);
  redraw (self);
}

/* The state from the controls: whichever the user changed. */
static void
on_param_changed (ClAppExplorerActivations *self)
{
  ClActivationParams *p = &self->view.fn;

  if (self->syncing)
    return;
  p->slope = get_spin (self->param_spin[p->kind == CL_ACTIVATION_PRELU ? P_PRELU_A : P_SLOPE]);
  double lower = get_spin (self->param_spin[P_LOWER]), upper = get_spin (self->param_spin[P_UPPER]);
  /* lower ≤ upper, as the layer requires: the one not being changed follows. */
  if (lower > upper)
    {
      gboolean lower_moved = lower != p->lower;
      self->syncing = TRUE;
      if (lower_moved)
        set_spin (self->param_spin[P_UPPER], upper = lower);
      else
        set_spin (self->param_spin[P_LOWER], lower = upper);
      self->syncing = FALSE;
    }
  p->lower = lower;
  p->upper = upper;
  p->alpha = get_spin (self->param_spin[P_ALPHA]);
  p->w[0] = get_spin (self->param_spin[P_W0]);
  p->b[0] = get_spin (self->param_spin[P_B0]);
  p->w[1] = get_spin (self->param_spin[P_W1]);
  p->b[1] = get_spin (self->param_spin[P_B1]);
  self->view.n_inputs = (int) get_spin (self->param_spin[P_N_INPUTS]);
  double range = get_spin (self->param_spin[P_RANGE]);
  self->view.x_min = -range;
  self->view.x_max = range;
  for (int i = 0; i < CL_ACTIVATION_FN_MAX_INPUTS; i++)
    self->view.inputs[i] = get_spin (self->input_spin[i]);
  update_visibility (self);
  redraw (self);
}

static void
on_row_selected (GtkListBox *list, GtkListBoxRow *row, ClAppExplorerActivations *self)
{
  if (self->syncing || row == NULL)
    return;
  self->view.fn.kind = order[gtk_list_box_row_get_index (row)];
  /* PReLU's a and leaky ReLU's slope share the state: each keeps its own
   * spin button's value. */
  self->view.fn.slope = get_spin (self->param_spin[self->view.fn.kind == CL_ACTIVATION_PRELU
                                                   ? P_PRELU_A : P_SLOPE]);
  self->hover = FALSE;
  update_visibility (self);
  redraw (self);
}

/* The spin buttons' widget names, for tests and lessons. */
static const char * const param_ids[N_PARAMS] = {
  "slope", "a", "lower", "upper", "alpha", "w1", "b1", "w2", "b2", "inputs", "range",
};

static GtkWidget *
add_param (ClAppExplorerActivations *self, Param which, GtkWidget **spin_out, const char *label,
           double lo, double hi, double step, int digits)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (lo, hi, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  cl_app_spin_button_localize (GTK_SPIN_BUTTON (spin));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  caption, NULL, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_flow_box_append (GTK_FLOW_BOX (self->params_box), box);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_param_changed), self);
  if (which < N_PARAMS)
    {
      self->param_box[which] = box;
      gtk_widget_set_name (spin, param_ids[which]);
    }
  *spin_out = spin;
  return box;
}

/* ---- The layer of the network ------------------------------------------ */

/* The snapshot of the run, when it trains the document's design as it is
 * at that layer (a stale run with other layers says nothing about them). */
static const ClSnapshot *
matching_snapshot (ClAppExplorerActivations *self)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (self->training);
  const ClNetSpec *spec = cl_app_document_get_spec (self->document);

  if (s == NULL || s->spec == NULL || self->layer < 0
      || cl_net_spec_get_n_layers (s->spec) != cl_net_spec_get_n_layers (spec)
      || self->layer >= cl_net_spec_get_n_layers (spec)
      || cl_net_spec_get_layer_kind (s->spec, self->layer)
           != cl_net_spec_get_layer_kind (spec, self->layer))
    return NULL;
  return s;
}

/* Fraction of the samples outside the x range. */
static double
outside_fraction (ClAppExplorerActivations *self)
{
  gsize outside = 0;
  for (gsize i = 0; i < self->n_samples; i++)
    if (self->samples[i] < self->view.x_min || self->samples[i] > self->view.x_max)
      outside++;
  return self->n_samples > 0 ? (double) outside / self->n_samples : 0;
}

/* The layer's inputs from the newest snapshot; with `adopt`, also its
 * function and settings (when the layer is chosen). */
static void
refresh_samples (ClAppExplorerActivations *self, gboolean adopt)
{
  const ClSnapshot *s = matching_snapshot (self);
  ClActivationFnView layer_view = self->view;
  g_autofree char *caption = NULL;
  gboolean had = self->n_samples > 0;

  self->samples = NULL;
  self->n_samples = 0;
  g_clear_pointer (&self->snapshot, cl_snapshot_unref);
  if (s != NULL && cl_activation_fn_view_set_layer (&layer_view, s, self->layer, &caption))
    {
      self->snapshot = cl_snapshot_ref ((ClSnapshot *) s);
      self->samples = layer_view.samples;
      self->n_samples = layer_view.n_samples;
      if (adopt || (self->view.fn.kind == CL_ACTIVATION_SOFTMAX
                    && layer_view.fn.kind == CL_ACTIVATION_SOFTMAX))
        {
          /* Softmax follows the first probe's scores live. */
          self->view.n_inputs = layer_view.n_inputs;
          memcpy (self->view.inputs, layer_view.inputs, sizeof self->view.inputs);
        }
      if (adopt)
        self->view.fn = layer_view.fn;
      else if (self->view.fn.kind == CL_ACTIVATION_PRELU && layer_view.fn.kind == CL_ACTIVATION_PRELU)
        self->view.fn.slope = layer_view.fn.slope;   /* learned: it moves as the run goes */
    }
  else if (adopt && self->layer >= 0)
    {
      /* No run yet: the design's own settings, no inputs. */
      const ClNetSpec *spec = cl_app_document_get_spec (self->document);
      cl_activation_for_kind (cl_net_spec_get_layer_kind (spec, self->layer),
                              cl_net_spec_get_settings (spec, self->layer), &self->view.fn);
    }
  /* The range follows the inputs when chosen or first seen, and when they
   * wander off. */
  if (self->n_samples > 0 && (adopt || !had || outside_fraction (self) > 0.1))
    cl_activation_fn_fit_range (self->samples, self->n_samples, &self->view.x_min,
                                &self->view.x_max);
  gtk_widget_set_visible (self->layer_note, self->layer >= 0 && s == NULL);
}

static void
on_snapshot_changed (ClAppExplorerActivations *self)
{
  if (self->layer < 0)
    return;
  gboolean had = self->n_samples > 0;
  double x0 = self->view.x_min, x1 = self->view.x_max;
  double slope = self->view.fn.slope;
  refresh_samples (self, FALSE);
  if (x0 != self->view.x_min || x1 != self->view.x_max || had != (self->n_samples > 0)
      || slope != self->view.fn.slope)
    sync_controls (self);
  else
    redraw (self);
}

static void
apply_layer (ClAppExplorerActivations *self, int layer)
{
  self->layer = layer;
  g_clear_pointer (&self->caption, g_free);
  if (layer >= 0)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (cl_app_document_get_spec (self->document),
                                                            layer);
      self->caption = g_strdup_printf (_("%s #%d"), _(kind->label), layer + 1);
    }
  refresh_samples (self, layer >= 0);
  sync_controls (self);
}

static void
on_layer_selected (ClAppExplorerActivations *self)
{
  guint row = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->layer_dropdown));
  if (self->syncing)
    return;
  apply_layer (self, row == 0 || row == GTK_INVALID_LIST_POSITION || row > self->layer_of_row->len
                       ? -1 : g_array_index (self->layer_of_row, int, row - 1));
}

/* The design's activation layers, "ReLU #3", after "None". */
static void
rebuild_layer_list (ClAppExplorerActivations *self)
{
  const ClNetSpec *spec = cl_app_document_get_spec (self->document);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ClActivationParams params;
  guint keep = 0;

  g_array_set_size (self->layer_of_row, 0);
  g_ptr_array_add (names, g_strdup (_("None")));
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
      if (!cl_activation_for_kind (kind, NULL, &params))
        continue;
      g_array_append_val (self->layer_of_row, i);
      g_ptr_array_add (names, g_strdup_printf (_("%s #%d"), _(kind->label), i + 1));
      if (i == self->layer)
        keep = names->len - 1;
    }
  g_ptr_array_add (names, NULL);
  self->syncing = TRUE;
  gtk_string_list_splice (self->layer_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->layer_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_dropdown), keep);
  self->syncing = FALSE;
  /* The chosen layer went away (or moved): none. */
  if (self->layer >= 0 && keep == 0)
    apply_layer (self, -1);
}

static void
on_document_changed (ClAppExplorerActivations *self)
{
  rebuild_layer_list (self);
  if (self->layer >= 0)
    on_snapshot_changed (self);
}

/* ---- ClAppExplorer ------------------------------------------------------ */

static gboolean
explorer_render (ClAppExplorer *explorer, cairo_t *cr, const ClRenderStyle *style, int width,
                 int height)
{
  ClAppExplorerActivations *self = CL_APP_EXPLORER_ACTIVATIONS (explorer);
  ClActivationFnView view;

  make_view (self, &view, FALSE);
  return cl_render_activation_fn (cr, &view, style, width, height);
}

static void
explorer_set_style (ClAppExplorer *explorer, double scale, double min_text)
{
  ClAppExplorerActivations *self = CL_APP_EXPLORER_ACTIVATIONS (explorer);

  self->scale = scale;
  self->min_text = min_text;
  redraw (self);
}

static void
cl_app_explorer_activations_iface_init (ClAppExplorerInterface *iface)
{
  iface->render = explorer_render;
  iface->set_style = explorer_set_style;
}

/* ---- The widget -------------------------------------------------------- */

static GtkWidget *
function_row (ClActivation kind)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *image = icons[kind] != NULL ? gtk_image_new_from_icon_name (icons[kind])
                                         : gtk_image_new ();
  GtkWidget *label = gtk_label_new (_(cl_activation_get_label (kind)));

  gtk_image_set_pixel_size (GTK_IMAGE (image), 16);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_name (box, cl_activation_to_string (kind));
  return box;
}

static void
build (ClAppExplorerActivations *self)
{
  GtkWidget *side = gtk_scrolled_window_new ();
  GtkWidget *main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  /* The functions, all in sight: one click each in front of a class. */
  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Function"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), function_row (order[i]));
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (side), TRUE);

  /* The layer of the network whose inputs are drawn. */
  GtkWidget *layer_label = gtk_label_new (_("Layer of the network"));
  self->layer_names = gtk_string_list_new (NULL);
  self->layer_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->layer_names)), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->layer_dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, layer_label, NULL, -1);
  g_signal_connect_swapped (self->layer_dropdown, "notify::selected",
                            G_CALLBACK (on_layer_selected), self);
  self->layer_note = gtk_label_new (_("Its inputs show once it trains: press Play or Step."));
  gtk_widget_add_css_class (self->layer_note, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (self->layer_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->layer_note), 0);
  gtk_widget_set_hexpand (self->layer_note, TRUE);
  gtk_widget_set_visible (self->layer_note, FALSE);
  gtk_box_append (GTK_BOX (top), layer_label);
  gtk_box_append (GTK_BOX (top), self->layer_dropdown);
  gtk_box_append (GTK_BOX (top), self->layer_note);

  /* The settings of the function shown; they wrap on a narrow window. */
  self->params_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->params_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->params_box), 12);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->params_box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->params_box), 4);
  gtk_widget_set_focusable (self->params_box, FALSE);
  add_param (self, P_RANGE, &self->param_spin[P_RANGE], _("x range ±"), 1, 1000, 1, 0);
  add_param (self, P_SLOPE, &self->param_spin[P_SLOPE], _("Slope"), 0, 1, 0.01, 2);
  add_param (self, P_PRELU_A, &self->param_spin[P_PRELU_A], "a", -1, 2, 0.05, 2);
  add_param (self, P_LOWER, &self->param_spin[P_LOWER], _("Lower slope"), 0, 1, 0.01, 3);
  add_param (self, P_UPPER, &self->param_spin[P_UPPER], _("Upper slope"), 0, 1, 0.01, 3);
  add_param (self, P_ALPHA, &self->param_spin[P_ALPHA], "α", 0, 10, 0.1, 2);
  add_param (self, P_W0, &self->param_spin[P_W0], "w₁", -5, 5, 0.1, 2);
  add_param (self, P_B0, &self->param_spin[P_B0], "b₁", -10, 10, 0.1, 2);
  add_param (self, P_W1, &self->param_spin[P_W1], "w₂", -5, 5, 0.1, 2);
  add_param (self, P_B1, &self->param_spin[P_B1], "b₂", -10, 10, 0.1, 2);
  add_param (self, P_N_INPUTS, &self->param_spin[P_N_INPUTS], _("Inputs"), 2,
             CL_ACTIVATION_FN_MAX_INPUTS, 1, 0);
  for (int i = 0; i < CL_ACTIVATION_FN_MAX_INPUTS; i++)
    {
      static const char *const subscripts[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
      g_autofree char *name = g_strdup_printf ("z%s%s", i + 1 >= 10 ? "₁" : "",
                                               subscripts[(i + 1) % 10]);
      self->input_box[i] = add_param (self, N_PARAMS, &self->input_spin[i], name, -20, 20, 0.1, 2);
    }

  self->picture = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->picture), draw_picture, self, NULL);
  gtk_widget_set_hexpand (self->picture, TRUE);
  gtk_widget_set_vexpand (self->picture, TRUE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->picture), 360);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->picture), 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The function and its derivative"), -1);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (self->picture, motion);

  gtk_widget_set_margin_top (main_box, 8);
  gtk_widget_set_margin_bottom (main_box, 8);
  gtk_widget_set_margin_start (main_box, 8);
  gtk_widget_set_margin_end (main_box, 8);
  gtk_box_append (GTK_BOX (main_box), top);
  gtk_box_append (GTK_BOX (main_box), self->params_box);
  gtk_box_append (GTK_BOX (main_box), self->picture);

  self->paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->paned), side);
  gtk_box_append (GTK_BOX (self->paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (self->paned), main_box);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
}

static void
cl_app_explorer_activations_dispose (GObject *object)
{
  ClAppExplorerActivations *self = CL_APP_EXPLORER_ACTIVATIONS (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->document);
  g_clear_object (&self->training);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  G_OBJECT_CLASS (cl_app_explorer_activations_parent_class)->dispose (object);
}

static void
cl_app_explorer_activations_finalize (GObject *object)
{
  ClAppExplorerActivations *self = CL_APP_EXPLORER_ACTIVATIONS (object);

  g_clear_pointer (&self->snapshot, cl_snapshot_unref);
  g_clear_object (&self->layer_names);
  g_array_unref (self->layer_of_row);
  g_free (self->caption);
  G_OBJECT_CLASS (cl_app_explorer_activations_parent_class)->finalize (object);
}

static void
cl_app_explorer_activations_class_init (ClAppExplorerActivationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_explorer_activations_dispose;
  object_class->finalize = cl_app_explorer_activations_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cl-explorer-activations");
}

static void
cl_app_explorer_activations_init (ClAppExplorerActivations *self)
{
  self->layer = -1;
  self->scale = 1;
  self->layer_of_row = g_array_new (FALSE, FALSE, sizeof (int));
  cl_activation_fn_view_init (&self->view, CL_ACTIVATION_SIGMOID);
  build (self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (redraw), self);
}

GtkWidget *
cl_app_explorer_activations_new (ClAppDocument *document, ClAppTraining *training)
{
  g_return_val_if_fail (CL_APP_IS_DOCUMENT (document) && CL_APP_IS_TRAINING (training), NULL);

  ClAppExplorerActivations *self = g_object_new (CL_APP_TYPE_EXPLORER_ACTIVATIONS, NULL);
  self->document = g_object_ref (document);
  self->training = g_object_ref (training);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (on_snapshot_changed), self);
  rebuild_layer_list (self);
  sync_controls (self);
  return GTK_WIDGET (self);
}

ClActivation
cl_app_explorer_activations_get_function (ClAppExplorerActivations *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self), CL_ACTIVATION_IDENTITY);
  return self->view.fn.kind;
}

void
cl_app_explorer_activations_set_function (ClAppExplorerActivations *self, ClActivation kind)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self));
  g_return_if_fail (kind >= 0 && kind < CL_N_ACTIVATIONS);
  self->view.fn.kind = kind;
  sync_controls (self);
}

gboolean
cl_app_explorer_activations_set_layer (ClAppExplorerActivations *self, int layer)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self), FALSE);
  if (layer < 0)
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_dropdown), 0);
      return TRUE;
    }
  for (guint r = 0; r < self->layer_of_row->len; r++)
    if (g_array_index (self->layer_of_row, int, r) == layer)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_dropdown), r + 1);
        return TRUE;
      }
  return FALSE;
}

int
cl_app_explorer_activations_get_layer (ClAppExplorerActivations *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self), -1);
  return self->layer;
}

gsize
cl_app_explorer_activations_get_n_samples (ClAppExplorerActivations *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self), 0);
  return self->n_samples;
}

const ClSnapshot *
cl_app_explorer_activations_get_snapshot (ClAppExplorerActivations *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self), NULL);
  return self->snapshot;
}

gboolean
cl_app_explorer_activations_get_hover (ClAppExplorerActivations *self, double *x)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_ACTIVATIONS (self), FALSE);
  if (x != NULL)
    *x = self->hover_x;
  return self->hover;
}
