/* cl-app-explorer-descent.c — the Gradient Descent explorer: controls
 * above a picture drawn by cl_render_descent (), the paths computed by
 * the engine's descent.c with the trainer's optimiser step. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-explorer-descent.h"
#include "cl-app-explorer-picture.h"
#include "render/number-format.h"

/* Play's pace: four steps a second, slow enough to follow each arrow,
 * fast enough that a path reaches its valley within a minute. */
#define PLAY_INTERVAL_MS 250
/* The slider spans these learning rates, in log10: every preset of every
 * function (Rosenbrock's too small is 5e-5, x²'s diverges 1.1) with room
 * on both sides. */
#define LR_LOG_MIN -5.0
#define LR_LOG_MAX 0.5

/* The optimisers a path can use, in the order of the check buttons and
 * of the picture's colours. */
static const ClOptimKind kinds[CL_RENDER_DESCENT_MAX_PATHS] = {
  CL_OPTIM_SGD,
  CL_OPTIM_MOMENTUM,
  CL_OPTIM_ADAM,
};

struct _ClAppExplorerDescent
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *function_choice;
  GtkWidget *checks[CL_RENDER_DESCENT_MAX_PATHS];
  GtkWidget *lr_scale;
  GtkWidget *lr_label;
  GtkWidget *play_button;
  GtkWidget *picture;     /* a ClAppExplorerPicture: its style, zoom and Export PNG */

  ClDescentFunction function;
  float start[2];
  double lr;
  int n_steps; /* steps asked for: a rebuilt path makes as many again */
  ClDescentPath *paths[CL_RENDER_DESCENT_MAX_PATHS];
  int n_paths;

  guint play_source;
  double drag_x, drag_y;  /* where a drag began, picture pixels */
};

/* ---- the paths --------------------------------------------------------- */

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerDescent, cl_app_explorer_descent, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

static void
fill_options (ClAppExplorerDescent *self, ClRenderDescentOptions *options,
              const ClRenderStyle *style)
{
  cl_render_descent_options_init (options);
  options->style = *style;
  options->function = self->function;
  options->start[0] = self->start[0];
  options->start[1] = self->start[1];
  options->lr = self->lr;
  for (int i = 0; i < self->n_paths; i++)
    options->paths[i] = self->paths[i];
  options->n_paths = self->n_paths;
}

static void
clear_paths (ClAppExplorerDescent *self)
{
  for (int i = 0; i < self->n_paths; i++)
    g_clear_pointer (&self->paths[i], cl_descent_path_free);
  self->n_paths = 0;
}

/* Still moving: not diverged, not at the step cap, and its last step not
 * below a millionth of the drawn region (settled at its minimum). */
static gboolean
path_moving (const ClDescentPath *path)
{
  const ClDescentInfo *info = cl_descent_get_info (cl_descent_path_get_function (path));
  int n = cl_descent_path_get_n_points (path);

  if (cl_descent_path_get_diverged (path) > 0 || n - 1 >= CL_DESCENT_MAX_STEPS)
    return FALSE;
  if (n < 2)
    return TRUE;
  const ClDescentPoint *a = cl_descent_path_get_point (path, n - 2);
  const ClDescentPoint *b = cl_descent_path_get_point (path, n - 1);
  double tiny = 1e-6 * (info->x1 - info->x0);
  return fabsf (b->x[0] - a->x[0]) > tiny || fabsf (b->x[1] - a->x[1]) > tiny;
}

static gboolean
any_moving (ClAppExplorerDescent *self)
{
  for (int i = 0; i < self->n_paths; i++)
    if (path_moving (self->paths[i]))
      return TRUE;
  return FALSE;
}

static void stop_playing (ClAppExplorerDescent *self);

static void
update_actions (ClAppExplorerDescent *self)
{
  gboolean moving = any_moving (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "descent.step", moving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "descent.play",
                                 moving || self->play_source != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "descent.reset", self->n_steps > 0);
  gtk_button_set_label (GTK_BUTTON (self->play_button),
                        self->play_source != 0 ? _("Pause") : _("Play"));
}

/* Every path again from the start, as many steps as asked so far: a drag
 * or a new learning rate shows at once where the same steps now lead. */
static void
rebuild (ClAppExplorerDescent *self)
{
  clear_paths (self);
  for (int k = 0; k < CL_RENDER_DESCENT_MAX_PATHS; k++)
    {
      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (self->checks[k])))
        continue;
      ClTrainSettings settings;
      cl_descent_settings_init (&settings, kinds[k], self->lr);
      ClDescentPath *path = cl_descent_path_new (self->function, &settings, self->start);
      for (int i = 0; i < self->n_steps && cl_descent_path_step (path); i++)
        ;
      self->paths[self->n_paths++] = path;
    }
  gtk_widget_queue_draw (self->picture);
  update_actions (self);
}

static gboolean
step (ClAppExplorerDescent *self)
{
  gboolean moved = FALSE;

  if (!any_moving (self))
    return FALSE;
  for (int i = 0; i < self->n_paths; i++)
    if (path_moving (self->paths[i]))
      moved |= cl_descent_path_step (self->paths[i]);
  self->n_steps++;
  gtk_widget_queue_draw (self->picture);
  update_actions (self);
  return moved;
}

static gboolean
on_play_tick (gpointer data)
{
  ClAppExplorerDescent *self = data;

  if (step (self) && any_moving (self))
    return G_SOURCE_CONTINUE;
  self->play_source = 0;
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
stop_playing (ClAppExplorerDescent *self)
{
  g_clear_handle_id (&self->play_source, g_source_remove);
  update_actions (self);
}

static void
action_step (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ClAppExplorerDescent *self = CL_APP_EXPLORER_DESCENT (widget);

  stop_playing (self);
  step (self);
}

static void
action_play (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ClAppExplorerDescent *self = CL_APP_EXPLORER_DESCENT (widget);

  if (self->play_source != 0)
    {
      stop_playing (self);
      return;
    }
  /* One step at once: the press shows it started. */
  if (!step (self) || !any_moving (self))
    return;
  self->play_source = g_timeout_add (PLAY_INTERVAL_MS, on_play_tick, self);
  update_actions (self);
}

static void
action_reset (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ClAppExplorerDescent *self = CL_APP_EXPLORER_DESCENT (widget);

  stop_playing (self);
  self->n_steps = 0;
  rebuild (self);
}

/* ---- controls ---------------------------------------------------------- */

static void
show_lr (ClAppExplorerDescent *self)
{
  g_autofree char *number = cl_format_significant (self->lr, 3);
  g_autofree char *text = g_strdup_printf ("η = %s", number);
  gtk_label_set_text (GTK_LABEL (self->lr_label), text);
}

static void
on_lr_changed (ClAppExplorerDescent *self)
{
  /* Three significant digits: the slider's value is a position, the
   * rate read and written is a number a teacher can say. */
  double lr = pow (10, gtk_range_get_value (GTK_RANGE (self->lr_scale)));
  g_autofree char *rounded = g_strdup_printf ("%.3g", lr);
  self->lr = g_ascii_strtod (rounded, NULL);
  show_lr (self);
  rebuild (self);
}

static void
set_lr (ClAppExplorerDescent *self, double lr)
{
  double position = log10 (lr);

  /* The same position (a preset clicked twice, a new function with the
   * same good rate) emits nothing: the paths are redone all the same. */
  if (gtk_range_get_value (GTK_RANGE (self->lr_scale)) == position)
    on_lr_changed (self);
  else
    gtk_range_set_value (GTK_RANGE (self->lr_scale), position);
}

/* The presets' places on the slider: where the regimes lie for this
 * function. */
static void
mark_presets (ClAppExplorerDescent *self)
{
  gtk_scale_clear_marks (GTK_SCALE (self->lr_scale));
  for (int r = 0; r < CL_DESCENT_N_REGIMES; r++)
    gtk_scale_add_mark (GTK_SCALE (self->lr_scale), log10 (cl_descent_preset (self->function, r)),
                        GTK_POS_BOTTOM, NULL);
}

static void
on_function_changed (ClAppExplorerDescent *self)
{
  guint f = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->function_choice));
  const ClDescentInfo *info;

  if (f >= CL_DESCENT_N_FUNCTIONS)
    return;
  stop_playing (self);
  self->function = f;
  info = cl_descent_get_info (f);
  self->start[0] = info->start[0];
  self->start[1] = info->start[1];
  self->n_steps = 0;
  mark_presets (self);
  /* Each function's scale of curvature differs a thousandfold: start
   * each on its own good rate. */
  set_lr (self, cl_descent_preset (f, CL_DESCENT_GOOD));
}

static void
on_preset_clicked (GtkButton *button, ClAppExplorerDescent *self)
{
  int regime = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cl-regime"));
  set_lr (self, cl_descent_preset (self->function, regime));
}

static void
on_check_toggled (ClAppExplorerDescent *self)
{
  rebuild (self);
}

/* ---- dragging the start ------------------------------------------------ */

gboolean
cl_app_explorer_descent_get_area (ClAppExplorerDescent *self, ClRenderDescentArea *area)
{
  ClRenderDescentOptions options;
  ClRenderStyle style;

  g_return_val_if_fail (CL_APP_IS_EXPLORER_DESCENT (self), FALSE);
  cl_app_explorer_picture_get_style (CL_APP_EXPLORER_PICTURE (self->picture), &style);
  fill_options (self, &options, &style);
  return cl_render_descent_area (&options, gtk_widget_get_width (self->picture),
                                 gtk_widget_get_height (self->picture), area);
}

/* Puts the start under the pointer, kept inside the drawn region; in 1D
 * only x follows (the start slides along the axis). */
static void
move_start (ClAppExplorerDescent *self, const ClRenderDescentArea *area, double px, double py)
{
  const ClDescentInfo *info = cl_descent_get_info (self->function);
  double x, y;

  cl_render_descent_from_pixel (area, px, py, &x, &y);
  /* To the hundredth, finer than a pixel is wide: a start dragged to 1
   * is 1, and the class can check the first steps by hand. */
  x = round (CLAMP (x, info->x0, info->x1) * 100) / 100;
  y = round (CLAMP (y, info->y0, info->y1) * 100) / 100;
  self->start[0] = (float) x;
  self->start[1] = info->dims == 1 ? 0 : (float) y;
  rebuild (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, ClAppExplorerDescent *self)
{
  ClRenderDescentArea area;

  /* Only on the plot (its axis labels too: a 1D start is dragged along
   * the x axis, under the plot). */
  double slack = 40;
  if (!cl_app_explorer_descent_get_area (self, &area) || x < area.x - slack
      || x > area.x + area.w + slack || y < area.y - slack || y > area.y + area.h + slack)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* The keyboard follows the hand: F6 and F5 then step this explorer. */
  gtk_widget_grab_focus (self->picture);
  self->drag_x = x;
  self->drag_y = y;
  move_start (self, &area, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, ClAppExplorerDescent *self)
{
  ClRenderDescentArea area;

  if (cl_app_explorer_descent_get_area (self, &area))
    move_start (self, &area, self->drag_x + dx, self->drag_y + dy);
}

/* ---- the explorer interface -------------------------------------------- */

/* The picture's draw function: on screen and for Export PNG. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClRenderDescentOptions options;

  fill_options (data, &options, style);
  return cl_render_descent (cr, &options, width, height);
}

/* ---- construction ------------------------------------------------------ */

static GtkWidget *
labelled (const char *text, GtkWidget *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
build_controls (ClAppExplorerDescent *self)
{
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row3 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  /* The function. */
  const char *names[CL_DESCENT_N_FUNCTIONS + 1];
  for (int f = 0; f < CL_DESCENT_N_FUNCTIONS; f++)
    names[f] = cl_render_descent_function_name (f);
  names[CL_DESCENT_N_FUNCTIONS] = NULL;
  self->function_choice = gtk_drop_down_new_from_strings (names);
  gtk_widget_set_name (self->function_choice, "descent-function");
  gtk_widget_set_tooltip_text (self->function_choice, _("The function whose minimum is sought"));
  gtk_box_append (GTK_BOX (row1), labelled (_("_Function"), self->function_choice));
  gtk_box_append (GTK_BOX (row1), self->function_choice);

  /* The optimisers, side by side on the same map. */
  static const char *check_names[CL_RENDER_DESCENT_MAX_PATHS] = {
    "descent-sgd",
    "descent-momentum",
    "descent-adam",
  };
  GtkWidget *checks = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  for (int k = 0; k < CL_RENDER_DESCENT_MAX_PATHS; k++)
    {
      self->checks[k]
          = gtk_check_button_new_with_label (cl_render_descent_optimiser_name (kinds[k]));
      gtk_widget_set_name (self->checks[k], check_names[k]);
      gtk_box_append (GTK_BOX (checks), self->checks[k]);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[0]), TRUE);
  gtk_widget_set_tooltip_text (self->checks[1], _("Momentum 0.9, as PyTorch’s SGD(momentum=0.9)"));
  gtk_widget_set_tooltip_text (self->checks[2], _("Adam with β₁ = 0.9, β₂ = 0.999, as PyTorch’s"));
  gtk_box_append (GTK_BOX (row1), checks);

  /* The learning rate: a log slider, its value, the presets. */
  self->lr_scale
      = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, LR_LOG_MIN, LR_LOG_MAX, 0.01);
  gtk_widget_set_name (self->lr_scale, "descent-lr");
  gtk_scale_set_draw_value (GTK_SCALE (self->lr_scale), FALSE);
  gtk_widget_set_hexpand (self->lr_scale, TRUE);
  gtk_widget_set_size_request (self->lr_scale, 160, -1);
  gtk_widget_set_tooltip_text (self->lr_scale, _("The learning rate η, on a logarithmic scale; "
                                                  "the marks are the presets"));
  self->lr_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->lr_label, "descent-lr-value");
  gtk_label_set_width_chars (GTK_LABEL (self->lr_label), 11);
  gtk_label_set_xalign (GTK_LABEL (self->lr_label), 0);
  gtk_box_append (GTK_BOX (row2), labelled (_("_Learning rate"), self->lr_scale));
  gtk_box_append (GTK_BOX (row2), self->lr_scale);
  gtk_box_append (GTK_BOX (row2), self->lr_label);

  static const char *preset_names[CL_DESCENT_N_REGIMES] = {
    "descent-too-small",
    "descent-good",
    "descent-too-large",
    "descent-diverges",
  };
  const char *preset_labels[CL_DESCENT_N_REGIMES] = {
    _("Too small"),
    _("Good"),
    _("Too large"),
    _("Diverges"),
  };
  GtkWidget *presets = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (presets, "linked");
  for (int r = 0; r < CL_DESCENT_N_REGIMES; r++)
    {
      GtkWidget *button = gtk_button_new_with_label (preset_labels[r]);
      gtk_widget_set_name (button, preset_names[r]);
      g_object_set_data (G_OBJECT (button), "cl-regime", GINT_TO_POINTER (r));
      g_signal_connect (button, "clicked", G_CALLBACK (on_preset_clicked), self);
      gtk_box_append (GTK_BOX (presets), button);
    }
  gtk_widget_set_tooltip_text (presets, _("Learning rates from the curvature at the minimum: "
                                           "η·λmax = 0.05, 0.5, 1.8 and 2.2"));
  gtk_box_append (GTK_BOX (row3), presets);

  /* Step, Play, Reset: F6, F5 as in the main window. */
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (buttons, TRUE);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  GtkWidget *step_button = gtk_button_new_with_label (_("Step"));
  gtk_widget_set_name (step_button, "descent-step");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (step_button), "descent.step");
  gtk_widget_set_tooltip_text (step_button, _("One step of every path (F6)"));
  self->play_button = gtk_button_new_with_label (_("Play"));
  gtk_widget_set_name (self->play_button, "descent-play");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->play_button), "descent.play");
  gtk_widget_set_tooltip_text (self->play_button,
                               _("Four steps a second until the paths settle (F5)"));
  gtk_widget_add_css_class (self->play_button, "suggested-action");
  GtkWidget *reset_button = gtk_button_new_with_label (_("Reset"));
  gtk_widget_set_name (reset_button, "descent-reset");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset_button), "descent.reset");
  gtk_widget_set_tooltip_text (reset_button, _("Back to the start, keeping it where it is"));
  gtk_box_append (GTK_BOX (buttons), step_button);
  gtk_box_append (GTK_BOX (buttons), self->play_button);
  gtk_box_append (GTK_BOX (buttons), reset_button);
  gtk_box_append (GTK_BOX (row3), buttons);

  gtk_box_append (GTK_BOX (rows), row1);
  gtk_box_append (GTK_BOX (rows), row2);
  gtk_box_append (GTK_BOX (rows), row3);
  return rows;
}

static void
cl_app_explorer_descent_dispose (GObject *object)
{
  ClAppExplorerDescent *self = CL_APP_EXPLORER_DESCENT (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  self->picture = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cl_app_explorer_descent_parent_class)->dispose (object);
}

static void
cl_app_explorer_descent_finalize (GObject *object)
{
  clear_paths (CL_APP_EXPLORER_DESCENT (object));
  G_OBJECT_CLASS (cl_app_explorer_descent_parent_class)->finalize (object);
}

static void
cl_app_explorer_descent_class_init (ClAppExplorerDescentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_explorer_descent_dispose;
  object_class->finalize = cl_app_explorer_descent_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "descentexplorer");

  gtk_widget_class_install_action (widget_class, "descent.step", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "descent.play", NULL, action_play);
  gtk_widget_class_install_action (widget_class, "descent.reset", NULL, action_reset);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "descent.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "descent.play", NULL);
}

static void
cl_app_explorer_descent_init (ClAppExplorerDescent *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_box_append (GTK_BOX (self->box), build_controls (self));
  self->picture = cl_app_explorer_picture_new (draw, self);
  /* Opaque, on the render's own background, as it always was. */
  cl_app_explorer_picture_set_opaque (CL_APP_EXPLORER_PICTURE (self->picture), TRUE);
  gtk_widget_set_name (self->picture, "descent-picture");
  gtk_widget_set_size_request (self->picture, 320, 240);
  gtk_widget_set_focusable (self->picture, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->picture);

  GtkGesture *drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (self->picture, GTK_EVENT_CONTROLLER (drag));

  /* The first function, on its good rate, then the signals: the state is
   * whole before anything reacts to it. */
  self->function = CL_DESCENT_SQUARE;
  self->start[0] = cl_descent_get_info (CL_DESCENT_SQUARE)->start[0];
  self->lr = cl_descent_preset (CL_DESCENT_SQUARE, CL_DESCENT_GOOD);
  mark_presets (self);
  gtk_range_set_value (GTK_RANGE (self->lr_scale), log10 (self->lr));
  show_lr (self);
  g_signal_connect_swapped (self->function_choice, "notify::selected",
                            G_CALLBACK (on_function_changed), self);
  g_signal_connect_swapped (self->lr_scale, "value-changed", G_CALLBACK (on_lr_changed), self);
  for (int k = 0; k < CL_RENDER_DESCENT_MAX_PATHS; k++)
    g_signal_connect_swapped (self->checks[k], "toggled", G_CALLBACK (on_check_toggled), self);
  rebuild (self);
}

GtkWidget *
cl_app_explorer_descent_new (ClAppDocument *document, ClAppTraining *training)
{
  return g_object_new (CL_APP_TYPE_EXPLORER_DESCENT, NULL);
}

void
cl_app_explorer_descent_get_start (ClAppExplorerDescent *self, float *start)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_DESCENT (self));
  start[0] = self->start[0];
  start[1] = self->start[1];
}

double
cl_app_explorer_descent_get_lr (ClAppExplorerDescent *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_DESCENT (self), 0);
  return self->lr;
}

int
cl_app_explorer_descent_get_n_paths (ClAppExplorerDescent *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_DESCENT (self), 0);
  return self->n_paths;
}

const ClDescentPath *
cl_app_explorer_descent_get_path (ClAppExplorerDescent *self, int i)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_DESCENT (self), NULL);
  g_return_val_if_fail (i >= 0 && i < self->n_paths, NULL);
  return self->paths[i];
}

GtkWidget *
cl_app_explorer_descent_get_picture (ClAppExplorerDescent *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_DESCENT (self), NULL);
  return self->picture;
}
