#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-explorer-backprop.h"
#include "cl-app-explorer-picture.h"
#include "cl-app-spin.h"
#include "render/render-backprop.h"

/* The explorer owns the network it shows (a copy of the design, or the
 * example), the sample and η; every change computes a new trace through
 * the engine (engine/backprop-trace.h) and the picture draws it. */

/* Play: one stage this often, slow enough to read the formula aloud. */
#define PLAY_INTERVAL_MS 1200

struct _ClAppExplorerBackprop {
  GtkWidget parent_instance;

  ClAppDocument *document;
  ClAppTraining *training;

  GtkWidget *source_drop, *sample_spin, *lr_spin, *values_box, *why_label;
  GtkWidget *picture;  /* a ClAppExplorerPicture: its style, zoom and Export PNG */
  GtkWidget *first_button, *back_button, *play_button, *next_button, *last_button, *stage_label;
  GtkWidget *input_spins[CL_BACKPROP_MAX_UNITS], *target_spins[CL_BACKPROP_MAX_UNITS];
  int n_in, n_out;  /* spins shown */

  ClNetSpec *spec;       /* the network shown */
  float *params;         /* its weights, or NULL: its initialisation */
  gsize n_params;
  guint64 snapshot_version;  /* whose weights params are (0: not a snapshot's) */
  gboolean shows_design;
  float input[CL_BACKPROP_MAX_UNITS], target[CL_BACKPROP_MAX_UNITS];
  double lr;

  ClBackpropTrace *trace;
  int stage;
  guint play_source;
  gboolean updating;  /* the spins are being set from code */
  char *why_example;  /* why the example is shown instead of the design, or NULL */
  ClDataset *data_seen;  /* the data the sample spin was set for (not a reference) */
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerBackprop, cl_app_explorer_backprop, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

/* ---- The picture: the trace at the stage shown ------------------------ */

/* The picture's draw function: on screen and for Export PNG, which has
 * nothing to export without a trace. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClAppExplorerBackprop *self = data;
  ClRenderBackpropOptions o;

  cl_render_backprop_options_init (&o);
  o.style = *style;
  o.stage = self->stage;
  return cl_render_backprop (cr, self->trace, &o, width, height) && self->trace != NULL;
}

static void
on_picture_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  /* A click on the picture gives it the keys (Left, Right, Space…). */
  gtk_widget_grab_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
}

static GtkWidget *
picture_new (ClAppExplorerBackprop *self)
{
  GtkWidget *picture = cl_app_explorer_picture_new (draw, self);
  gtk_widget_set_name (picture, "backprop-picture");
  gtk_widget_set_focusable (picture, TRUE);
  gtk_widget_set_size_request (picture, 320, 240);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_picture_pressed), NULL);
  gtk_widget_add_controller (picture, GTK_EVENT_CONTROLLER (click));
  return picture;
}

/* ---- Stages ---------------------------------------------------------------- */

static void stop_playing (ClAppExplorerBackprop *self);

static void
show_stage (ClAppExplorerBackprop *self)
{
  int n = self->trace != NULL ? cl_backprop_get_n_stages (self->trace) : 0;
  self->stage = n > 0 ? CLAMP (self->stage, 0, n - 1) : 0;
  gtk_widget_set_sensitive (self->first_button, n > 0 && self->stage > 0);
  gtk_widget_set_sensitive (self->back_button, n > 0 && self->stage > 0);
  gtk_widget_set_sensitive (self->next_button, n > 0 && self->stage < n - 1);
  gtk_widget_set_sensitive (self->last_button, n > 0 && self->stage < n - 1);
  gtk_widget_set_sensitive (self->play_button, n > 0);
  if (n > 0)
    {
      g_autofree char *title = NULL;
      g_autoptr (GPtrArray) lines = cl_backprop_dup_formulas (self->trace, self->stage, &title);
      /* TRANSLATORS: "Stage 5 of 13: Backward: neuron 5" */
      g_autofree char *text = g_strdup_printf (_("Stage %d of %d: %s"), self->stage + 1, n,
                                               title);
      gtk_label_set_text (GTK_LABEL (self->stage_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->stage_label), "");
  gtk_widget_queue_draw (self->picture);
}

static void
go_to (ClAppExplorerBackprop *self, int stage)
{
  self->stage = stage;
  show_stage (self);
}

static gboolean
play_tick (gpointer data)
{
  ClAppExplorerBackprop *self = data;
  int n = self->trace != NULL ? cl_backprop_get_n_stages (self->trace) : 0;
  if (self->stage >= n - 1)
    {
      self->play_source = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  go_to (self, self->stage + 1);
  return G_SOURCE_CONTINUE;
}

static void
stop_playing (ClAppExplorerBackprop *self)
{
  g_clear_handle_id (&self->play_source, g_source_remove);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, _("Play the stages (Space)"));
}

static void
toggle_play (ClAppExplorerBackprop *self)
{
  if (self->play_source != 0)
    {
      stop_playing (self);
      return;
    }
  int n = self->trace != NULL ? cl_backprop_get_n_stages (self->trace) : 0;
  if (n == 0)
    return;
  if (self->stage >= n - 1)
    go_to (self, 0);  /* from the start again */
  self->play_source = g_timeout_add (PLAY_INTERVAL_MS, play_tick, self);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, _("Pause (Space)"));
}

static void
action_step (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ClAppExplorerBackprop *self = CL_APP_EXPLORER_BACKPROP (widget);
  stop_playing (self);
  go_to (self, self->stage + g_variant_get_int32 (parameter));
}

static void
action_first (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ClAppExplorerBackprop *self = CL_APP_EXPLORER_BACKPROP (widget);
  stop_playing (self);
  go_to (self, 0);
}

static void
action_last (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ClAppExplorerBackprop *self = CL_APP_EXPLORER_BACKPROP (widget);
  stop_playing (self);
  go_to (self, G_MAXINT);
}

static void
action_play (GtkWidget *widget, const char *name, GVariant *parameter)
{
  toggle_play (CL_APP_EXPLORER_BACKPROP (widget));
}

/* ---- The step through the engine ---------------------------------------- */

static void
set_why (ClAppExplorerBackprop *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->why_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->why_label, text != NULL && *text != '\0');
}

static void
recompute (ClAppExplorerBackprop *self)
{
  g_clear_pointer (&self->trace, cl_backprop_trace_free);
  g_autoptr (GError) error = NULL;
  self->trace = cl_backprop_trace_new (self->spec, self->params, self->n_params, self->input,
                                       self->target, self->lr, &error);
  if (error != NULL)
    set_why (self, error->message);
  else
    set_why (self, self->why_example);
  show_stage (self);
}

/* The sample `i` of the data when it fits the network (its inputs, and a
 * target of the output's size): FALSE otherwise. */
static gboolean
sample_fits (ClAppExplorerBackprop *self, ClDataset **data_out)
{
  ClDataset *data = self->training != NULL ? cl_app_training_get_data (self->training) : NULL;
  if (!self->shows_design || data == NULL || data->sample_size != (gsize) self->n_in
      || data->n_train == 0)
    return FALSE;
  const ClTrainSettings *train = cl_net_spec_peek_train (self->spec);
  gboolean fits;
  if (data->n_classes > 0)
    fits = train->loss == CL_LOSS_BINARY_CROSS_ENTROPY
             ? self->n_out == 1 && data->n_classes == 2
             : (guint) self->n_out == data->n_classes;
  else
    fits = (guint) self->n_out == data->target_dim;
  if (fits && data_out != NULL)
    *data_out = data;
  return fits;
}

static void
fill_from_sample (ClAppExplorerBackprop *self, guint i)
{
  ClDataset *data = NULL;
  if (!sample_fits (self, &data))
    return;
  i = MIN (i, data->n_train - 1);
  const float *x = cl_dataset_get_sample (data, CL_DATASET_TRAIN, i);
  memcpy (self->input, x, sizeof (float) * self->n_in);
  if (data->n_classes > 0 && self->n_out == 1)
    self->target[0] = (float) data->labels[i];  /* binary: the class is the target */
  else if (data->n_classes > 0)
    for (int j = 0; j < self->n_out; j++)
      self->target[j] = (guint32) j == data->labels[i] ? 1.0f : 0.0f;
  else
    memcpy (self->target, data->targets + (gsize) i * data->target_dim,
            sizeof (float) * self->n_out);
}

static void
sync_spins (ClAppExplorerBackprop *self)
{
  self->updating = TRUE;
  for (int i = 0; i < self->n_in; i++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->input_spins[i]), self->input[i]);
  for (int j = 0; j < self->n_out; j++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->target_spins[j]), self->target[j]);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lr_spin), self->lr);
  ClDataset *data = NULL;
  gboolean fits = sample_fits (self, &data);
  self->data_seen = self->training != NULL ? cl_app_training_get_data (self->training) : NULL;
  gtk_widget_set_sensitive (self->sample_spin, fits);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->sample_spin), 0,
                             fits ? data->n_train - 1 : 0);
  gtk_widget_set_tooltip_text (self->sample_spin,
                               fits ? _("A sample of the training data")
                                    : _("The data does not fit this network: type the inputs "
                                        "and the target"));
  self->updating = FALSE;
}

static void values_changed (ClAppExplorerBackprop *self);

static GtkWidget *
value_spin (ClAppExplorerBackprop *self, const char *label_text, GtkWidget **spin_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *spin = gtk_spin_button_new_with_range (-1000, 1000, 0.05);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  cl_app_spin_button_localize (GTK_SPIN_BUTTON (spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label_text, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (values_changed), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  *spin_out = spin;
  return box;
}

static char *
subscripted (const char *stem, int n)
{
  static const char *const sub[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
  char digits[16];
  GString *s = g_string_new (stem);
  g_snprintf (digits, sizeof digits, "%d", n);
  for (const char *p = digits; *p != '\0'; p++)
    g_string_append (s, sub[*p - '0']);
  return g_string_free (s, FALSE);
}

/* One spin per input (y₁…: the input neurons' values) and per output's
 * target (t₅…), named with the picture's neuron numbers. */
static void
build_value_spins (ClAppExplorerBackprop *self, int n_in, int n_out, int first_out)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (self->values_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->values_box), child);
  self->n_in = n_in;
  self->n_out = n_out;
  /* All on one line when they fit one at 1024 pixels, else on two. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->values_box), MIN (n_in + n_out, 6));
  for (int i = 0; i < n_in; i++)
    {
      g_autofree char *name = subscripted ("y", i + 1);
      gtk_flow_box_append (GTK_FLOW_BOX (self->values_box),
                           value_spin (self, name, &self->input_spins[i]));
    }
  for (int j = 0; j < n_out; j++)
    {
      g_autofree char *name = subscripted ("t", first_out + j);
      gtk_flow_box_append (GTK_FLOW_BOX (self->values_box),
                           value_spin (self, name, &self->target_spins[j]));
    }
}

static void
values_changed (ClAppExplorerBackprop *self)
{
  if (self->updating)
    return;
  for (int i = 0; i < self->n_in; i++)
    self->input[i] = (float) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->input_spins[i]));
  for (int j = 0; j < self->n_out; j++)
    self->target[j] = (float) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->target_spins[j]));
  self->lr = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->lr_spin));
  recompute (self);
}

static void
sample_changed (ClAppExplorerBackprop *self)
{
  if (self->updating)
    return;
  fill_from_sample (self, (guint) gtk_spin_button_get_value_as_int (
                            GTK_SPIN_BUTTON (self->sample_spin)));
  sync_spins (self);
  recompute (self);
}

/* The newest snapshot's weights when it trains this very design. */
static void
take_snapshot_params (ClAppExplorerBackprop *self)
{
  const ClSnapshot *snap = self->training != NULL ? cl_app_training_get_snapshot (self->training)
                                                  : NULL;
  g_clear_pointer (&self->params, g_free);
  self->n_params = 0;
  self->snapshot_version = 0;
  if (snap == NULL || snap->spec == NULL || snap->params == NULL)
    return;
  /* Same layers, same sizes: the block fits (cl_backprop_trace_new checks
   * its length too). */
  ClLayerPlan a[64], b[64];
  int n = cl_net_spec_get_n_layers (self->spec);
  if (n > 64 || cl_net_spec_get_n_layers (snap->spec) != n
      || !cl_net_spec_plan (self->spec, a, NULL) || !cl_net_spec_plan (snap->spec, b, NULL))
    return;
  for (int i = 0; i < n; i++)
    if (cl_net_spec_get_layer_kind (self->spec, i) != cl_net_spec_get_layer_kind (snap->spec, i)
        || a[i].n_params != b[i].n_params || a[i].out.c != b[i].out.c)
      return;
  self->params = g_memdup2 (snap->params, sizeof (float) * snap->n_params);
  self->n_params = snap->n_params;
  self->snapshot_version = snap->version;
}

static int
first_output_number (const ClNetSpec *spec)
{
  ClShape in = cl_net_spec_get_input (spec);
  int n = in.c * in.h * in.w + 1, last_units = 0;
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (g_str_equal (cl_net_spec_get_layer_kind (spec, i)->name, "Dense"))
      {
        n += last_units;
        last_units = (int) cl_net_spec_get_setting (spec, i, "units");
      }
  return n;
}

/* The network to show: the design when it is one the explorer can show and
 * the user did not ask for the example; else the example, with why. */
static void
reload_network (ClAppExplorerBackprop *self)
{
  gboolean want_design = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->source_drop)) == 0;
  const ClNetSpec *design = self->document != NULL ? cl_app_document_get_spec (self->document)
                                                   : NULL;
  g_autoptr (GError) error = NULL;
  gboolean design_ok = design != NULL && cl_backprop_check (design, &error);
  g_clear_pointer (&self->why_example, g_free);
  if (want_design && !design_ok)
    /* The engine's reason, then what is shown instead. */
    self->why_example = g_strdup_printf ("%s %s",
                                         error != NULL ? error->message : _("There is no design."),
                                         _("The course's example is shown instead."));
  stop_playing (self);
  g_clear_pointer (&self->spec, cl_net_spec_free);
  g_clear_pointer (&self->params, g_free);
  self->snapshot_version = 0;
  self->shows_design = want_design && design_ok;
  memset (self->input, 0, sizeof self->input);
  memset (self->target, 0, sizeof self->target);
  if (self->shows_design)
    {
      self->spec = cl_net_spec_copy (design);
      self->lr = cl_net_spec_peek_train (design)->lr;
      take_snapshot_params (self);
      /* Until a sample of the data fills them: inputs that make every
       * activation work (0 would silence ReLU), the first class. */
      for (int i = 0; i < CL_BACKPROP_MAX_UNITS; i++)
        self->input[i] = 1.0f;
      self->target[0] = 1.0f;
    }
  else
    {
      float input[2], target;
      self->spec = cl_backprop_builtin (&self->params, &self->n_params, input, &target, &self->lr);
      self->input[0] = input[0];
      self->input[1] = input[1];
      self->target[0] = target;
    }

  ClShape in = cl_net_spec_get_input (self->spec);
  int n_out = 0;
  for (int i = 0; i < cl_net_spec_get_n_layers (self->spec); i++)
    if (g_str_equal (cl_net_spec_get_layer_kind (self->spec, i)->name, "Dense"))
      n_out = (int) cl_net_spec_get_setting (self->spec, i, "units");
  build_value_spins (self, in.c * in.h * in.w, n_out, first_output_number (self->spec));
  fill_from_sample (self, (guint) gtk_spin_button_get_value_as_int (
                            GTK_SPIN_BUTTON (self->sample_spin)));
  sync_spins (self);
  recompute (self);
}

static void
on_document_changed (ClAppExplorerBackprop *self)
{
  int stage = self->stage;
  reload_network (self);
  go_to (self, stage);  /* an edit keeps the place in the lesson */
}

/* The data has no signal of its own: it is loaded after the design that
 * names it.  Shown again, or at the next snapshot, the explorer checks
 * whether its sample spin was set for the data there is now. */
static void
check_data (ClAppExplorerBackprop *self)
{
  if (self->training != NULL && cl_app_training_get_data (self->training) != self->data_seen)
    reload_network (self);
}

static void
on_snapshot_changed (ClAppExplorerBackprop *self)
{
  check_data (self);
  const ClSnapshot *snap = cl_app_training_get_snapshot (self->training);
  if (!self->shows_design || snap == NULL || snap->version == self->snapshot_version)
    return;
  take_snapshot_params (self);
  recompute (self);
}

static void
on_source_changed (ClAppExplorerBackprop *self)
{
  reload_network (self);
}

/* ---- ClAppExplorer ------------------------------------------------------- */

/* ---- Object -------------------------------------------------------------- */

static void
cl_app_explorer_backprop_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cl_app_explorer_backprop_parent_class)->map (widget);
  check_data (CL_APP_EXPLORER_BACKPROP (widget));
}

static void
cl_app_explorer_backprop_dispose (GObject *object)
{
  ClAppExplorerBackprop *self = CL_APP_EXPLORER_BACKPROP (object);
  g_clear_handle_id (&self->play_source, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->document);
  g_clear_object (&self->training);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->picture = NULL;
  G_OBJECT_CLASS (cl_app_explorer_backprop_parent_class)->dispose (object);
}

static void
cl_app_explorer_backprop_finalize (GObject *object)
{
  ClAppExplorerBackprop *self = CL_APP_EXPLORER_BACKPROP (object);
  g_clear_pointer (&self->trace, cl_backprop_trace_free);
  g_clear_pointer (&self->spec, cl_net_spec_free);
  g_free (self->params);
  g_free (self->why_example);
  G_OBJECT_CLASS (cl_app_explorer_backprop_parent_class)->finalize (object);
}

static void
cl_app_explorer_backprop_class_init (ClAppExplorerBackpropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = cl_app_explorer_backprop_dispose;
  object_class->finalize = cl_app_explorer_backprop_finalize;
  widget_class->map = cl_app_explorer_backprop_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "backpropexplorer");

  gtk_widget_class_install_action (widget_class, "backprop.step", "i", action_step);
  gtk_widget_class_install_action (widget_class, "backprop.first", NULL, action_first);
  gtk_widget_class_install_action (widget_class, "backprop.last", NULL, action_last);
  gtk_widget_class_install_action (widget_class, "backprop.play", NULL, action_play);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "backprop.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "backprop.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "backprop.step", "i",
                                       1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "backprop.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "backprop.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "backprop.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "backprop.last", NULL);
}

static GtkWidget *
step_button (const char *icon, const char *tooltip, const char *action, GVariant *target,
             const char *name)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);
  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (b), target);
  gtk_widget_set_name (b, name);
  /* The keys stay with the picture after a click on a button. */
  gtk_widget_set_focus_on_click (b, FALSE);
  return b;
}

static void
cl_app_explorer_backprop_init (ClAppExplorerBackprop *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 6);

  /* The network, the sample, η. */
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 8);
  const char *sources[] = { _("The design"), _("The course's example (2-2-1)"), NULL };
  self->source_drop = gtk_drop_down_new_from_strings (sources);
  gtk_widget_set_tooltip_text (self->source_drop, _("Which network to follow"));
  gtk_box_append (GTK_BOX (row), self->source_drop);
  GtkWidget *label = gtk_label_new (_("Sample"));
  gtk_widget_set_margin_start (label, 8);
  gtk_box_append (GTK_BOX (row), label);
  self->sample_spin = gtk_spin_button_new_with_range (0, 0, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sample_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sample"), -1);
  gtk_box_append (GTK_BOX (row), self->sample_spin);
  label = gtk_label_new (_("Learning rate η"));
  gtk_widget_set_margin_start (label, 8);
  gtk_box_append (GTK_BOX (row), label);
  self->lr_spin = gtk_spin_button_new_with_range (0.0001, 100, 0.05);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->lr_spin), 4);
  cl_app_spin_button_localize (GTK_SPIN_BUTTON (self->lr_spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lr_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Learning rate η"), -1);
  gtk_widget_set_name (self->lr_spin, "backprop-lr");
  gtk_box_append (GTK_BOX (row), self->lr_spin);
  gtk_widget_set_parent (row, widget);

  /* The inputs and the target, as many as the network has. */
  self->values_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->values_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->values_box), 16);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->values_box), 8);
  gtk_widget_set_halign (self->values_box, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->values_box, 12);
  gtk_widget_set_margin_end (self->values_box, 12);
  gtk_widget_set_parent (self->values_box, widget);

  self->why_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->why_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->why_label), 0);
  gtk_widget_add_css_class (self->why_label, "dim-label");
  gtk_widget_set_margin_start (self->why_label, 12);
  gtk_widget_set_margin_end (self->why_label, 12);
  gtk_widget_set_visible (self->why_label, FALSE);
  gtk_widget_set_parent (self->why_label, widget);

  self->picture = picture_new (self);
  gtk_widget_set_parent (self->picture, widget);

  /* Stepping. */
  GtkWidget *steps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (steps, 12);
  gtk_widget_set_margin_end (steps, 12);
  gtk_widget_set_margin_bottom (steps, 8);
  self->first_button = step_button ("media-skip-backward-symbolic", _("First stage (Home)"),
                                    "backprop.first", NULL, "backprop-first");
  self->back_button = step_button ("go-previous-symbolic", _("Step back (Left)"), "backprop.step",
                                   g_variant_new_int32 (-1), "backprop-back");
  self->play_button = step_button ("media-playback-start-symbolic", _("Play the stages (Space)"),
                                   "backprop.play", NULL, "backprop-play");
  self->next_button = step_button ("go-next-symbolic", _("Step forward (Right)"), "backprop.step",
                                   g_variant_new_int32 (1), "backprop-next");
  self->last_button = step_button ("media-skip-forward-symbolic", _("Last stage (End)"),
                                   "backprop.last", NULL, "backprop-last");
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (buttons, "linked");
  gtk_box_append (GTK_BOX (buttons), self->first_button);
  gtk_box_append (GTK_BOX (buttons), self->back_button);
  gtk_box_append (GTK_BOX (buttons), self->play_button);
  gtk_box_append (GTK_BOX (buttons), self->next_button);
  gtk_box_append (GTK_BOX (buttons), self->last_button);
  gtk_box_append (GTK_BOX (steps), buttons);
  self->stage_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->stage_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->stage_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->stage_label, TRUE);
  gtk_widget_set_margin_start (self->stage_label, 8);
  gtk_box_append (GTK_BOX (steps), self->stage_label);
  gtk_widget_set_parent (steps, widget);

  g_signal_connect_swapped (self->sample_spin, "value-changed", G_CALLBACK (sample_changed), self);
  g_signal_connect_swapped (self->lr_spin, "value-changed", G_CALLBACK (values_changed), self);
  g_signal_connect_swapped (self->source_drop, "notify::selected",
                            G_CALLBACK (on_source_changed), self);
}

GtkWidget *
cl_app_explorer_backprop_new (ClAppDocument *document, ClAppTraining *training)
{
  ClAppExplorerBackprop *self = g_object_new (CL_APP_TYPE_EXPLORER_BACKPROP, NULL);
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
    }
  if (training != NULL)
    {
      self->training = g_object_ref (training);
      g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (on_snapshot_changed),
                                self);
    }
  reload_network (self);
  return GTK_WIDGET (self);
}

int
cl_app_explorer_backprop_get_stage (ClAppExplorerBackprop *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_BACKPROP (self), 0);
  return self->stage;
}

int
cl_app_explorer_backprop_get_n_stages (ClAppExplorerBackprop *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_BACKPROP (self), 0);
  return self->trace != NULL ? cl_backprop_get_n_stages (self->trace) : 0;
}

const ClBackpropTrace *
cl_app_explorer_backprop_get_trace (ClAppExplorerBackprop *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_BACKPROP (self), NULL);
  return self->trace;
}

gboolean
cl_app_explorer_backprop_shows_design (ClAppExplorerBackprop *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_BACKPROP (self), FALSE);
  return self->shows_design;
}
