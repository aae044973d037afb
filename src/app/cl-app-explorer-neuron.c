/* cl-app-explorer-neuron.c — one neuron, its numbers beside it.
 *
 * The neuron (ClNeuron) is the one state; the spin buttons and the
 * picture's drags both write it through set_value(), which updates the
 * other side, so the numbers and the picture never disagree.
 */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-explorer-neuron.h"
#include "cl-app-explorer-picture.h"
#include "cl-app-spin.h"
#include "render/neuron-course.h"

/* What a spin button or a drag edits. */
typedef enum { TARGET_NONE, TARGET_INPUT, TARGET_WEIGHT, TARGET_BIAS } Target;

struct _ClAppExplorerNeuron
{
  GtkWidget parent_instance;

  ClNeuron neuron;
  ClRenderNeuronOptions options;
  int student;             /* whose marks the inputs are, -1: the user's own */
  gboolean show_all;
  gboolean syncing;        /* spin buttons being set from the neuron */

  GtkWidget *controls;     /* GtkScrolledWindow */
  GtkWidget *picture;      /* GtkDrawingArea */
  GtkWidget *student_drop, *all_check, *n_spin, *f_drop, *b_spin;
  GtkWidget *names[CL_NEURON_MAX_INPUTS];
  GtkWidget *x_spins[CL_NEURON_MAX_INPUTS];
  GtkWidget *w_spins[CL_NEURON_MAX_INPUTS];

  /* The drag under way. */
  Target drag_target;
  int drag_index;
  double drag_start;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerNeuron, cl_app_explorer_neuron, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

/* Ranges and steps: marks and biases in halves, weights in twentieths
 * (so ¼ is reached by a drag), with room for a weight of −10. */
#define X_LIMIT 100.0
#define W_LIMIT 10.0
#define B_LIMIT 100.0
#define X_STEP  0.5
#define W_STEP  0.05
#define B_STEP  0.5
/* Units per pixel of a vertical drag. */
#define X_PER_PIXEL 0.1
#define W_PER_PIXEL 0.01
#define B_PER_PIXEL 0.1

/* ---- the neuron and the picture --------------------------------------- */

/* The course's names while the inputs are its seven subjects. */
static void
update_options (ClAppExplorerNeuron *self)
{
  gboolean course = self->neuron.n_inputs == CL_NEURON_COURSE_N_SUBJECTS;
  for (int i = 0; i < CL_NEURON_MAX_INPUTS; i++)
    self->options.input_names[i] = course && i < CL_NEURON_COURSE_N_SUBJECTS
                                   ? cl_neuron_course_subject (i) : NULL;
  self->options.n_samples = 0;
  if (course && self->show_all)
    {
      self->options.n_samples = CL_NEURON_COURSE_N_STUDENTS;
      for (int s = 0; s < CL_NEURON_COURSE_N_STUDENTS; s++)
        {
          self->options.sample_names[s] = cl_neuron_course_student (s);
          memcpy (self->options.sample_x[s], cl_neuron_course_marks (s),
                  sizeof (double) * CL_NEURON_COURSE_N_SUBJECTS);
        }
    }
}

static void
input_name (ClAppExplorerNeuron *self, int i, char *buf, gsize size)
{
  if (self->options.input_names[i] != NULL)
    g_strlcpy (buf, self->options.input_names[i], size);
  else
    g_snprintf (buf, size, "x%d", i + 1);
}

/* The spin buttons and row labels from the neuron. */
static void
sync_controls (ClAppExplorerNeuron *self)
{
  self->syncing = TRUE;
  update_options (self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->n_spin), self->neuron.n_inputs);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->f_drop), self->neuron.f);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->b_spin), self->neuron.b);
  for (int i = 0; i < CL_NEURON_MAX_INPUTS; i++)
    {
      gboolean shown = i < self->neuron.n_inputs;
      char name[64];
      input_name (self, i, name, sizeof name);
      gtk_label_set_text (GTK_LABEL (self->names[i]), name);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->x_spins[i]), self->neuron.x[i]);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->w_spins[i]), self->neuron.w[i]);
      gtk_widget_set_visible (self->names[i], shown);
      gtk_widget_set_visible (self->x_spins[i], shown);
      gtk_widget_set_visible (self->w_spins[i], shown);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->student_drop),
                              self->student >= 0 ? (guint) self->student
                                                 : CL_NEURON_COURSE_N_STUDENTS);
  gtk_widget_set_sensitive (self->all_check,
                            self->neuron.n_inputs == CL_NEURON_COURSE_N_SUBJECTS);
  self->syncing = FALSE;
  gtk_widget_queue_draw (self->picture);
}

/* The picture's draw function: on screen and for Export PNG. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClAppExplorerNeuron *self = data;
  ClRenderNeuronOptions options = self->options;

  options.style = *style;
  return cl_render_neuron (cr, &self->neuron, &options, width, height);
}

/* Where the picture draws each part now, in the style it draws with. */
static void
picture_layout (ClAppExplorerNeuron *self, ClNeuronLayout *l)
{
  ClRenderNeuronOptions options = self->options;

  cl_app_explorer_picture_get_style (CL_APP_EXPLORER_PICTURE (self->picture), &options.style);
  cl_render_neuron_layout (&self->neuron, &options, gtk_widget_get_width (self->picture),
                           gtk_widget_get_height (self->picture), l);
}

/* One value changed, by a spin button or a drag. */
static void
set_value (ClAppExplorerNeuron *self, Target target, int i, double v)
{
  switch (target)
    {
    case TARGET_INPUT:
      self->neuron.x[i] = v;
      /* Edited marks are no longer a student's. */
      if (self->student >= 0 && v != cl_neuron_course_marks (self->student)[i])
        self->student = -1;
      break;
    case TARGET_WEIGHT:
      self->neuron.w[i] = v;
      break;
    case TARGET_BIAS:
      self->neuron.b = v;
      break;
    case TARGET_NONE:
    default:
      return;
    }
  sync_controls (self);
}

/* ---- controls ---------------------------------------------------------- */

static void
on_spin_changed (GtkSpinButton *spin, ClAppExplorerNeuron *self)
{
  if (self->syncing)
    return;
  Target target = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "target"));
  int i = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "index"));
  set_value (self, target, i, gtk_spin_button_get_value (spin));
}

static void
on_n_changed (GtkSpinButton *spin, ClAppExplorerNeuron *self)
{
  if (self->syncing)
    return;
  int n = CLAMP (gtk_spin_button_get_value_as_int (spin), 1, CL_NEURON_MAX_INPUTS);
  /* New inputs start at 1 with weight 0: they change nothing until the
   * user gives them a weight. */
  for (int i = self->neuron.n_inputs; i < n; i++)
    {
      self->neuron.x[i] = 1;
      self->neuron.w[i] = 0;
    }
  self->neuron.n_inputs = n;
  if (n != CL_NEURON_COURSE_N_SUBJECTS)
    self->student = -1;
  sync_controls (self);
}

static void
on_f_selected (GtkDropDown *drop, GParamSpec *pspec, ClAppExplorerNeuron *self)
{
  guint f = gtk_drop_down_get_selected (drop);
  if (self->syncing || f >= CL_NEURON_N_ACTIVATIONS)
    return;
  self->neuron.f = (ClNeuronActivation) f;
  sync_controls (self);
}

static void
on_student_selected (GtkDropDown *drop, GParamSpec *pspec, ClAppExplorerNeuron *self)
{
  guint s = gtk_drop_down_get_selected (drop);
  if (self->syncing || s >= CL_NEURON_COURSE_N_STUDENTS)
    return;
  /* The weights stay: the same neuron, another student's marks. */
  if (self->neuron.n_inputs != CL_NEURON_COURSE_N_SUBJECTS)
    for (int i = self->neuron.n_inputs; i < CL_NEURON_COURSE_N_SUBJECTS; i++)
      self->neuron.w[i] = 0;
  cl_neuron_course_set_student (&self->neuron, (int) s);
  self->student = (int) s;
  sync_controls (self);
}

static void
on_all_toggled (GtkCheckButton *check, ClAppExplorerNeuron *self)
{
  self->show_all = gtk_check_button_get_active (check);
  sync_controls (self);
}

static void
apply_preset (ClAppExplorerNeuron *self, ClNeuronPreset preset)
{
  if (self->student < 0)
    self->student = 0;
  cl_neuron_course_set_student (&self->neuron, self->student);
  cl_neuron_course_apply_preset (&self->neuron, preset);
  sync_controls (self);
}

static void
on_science_clicked (ClAppExplorerNeuron *self)
{
  apply_preset (self, CL_NEURON_PRESET_SCIENCE_AVERAGE);
}

static void
on_sport_clicked (ClAppExplorerNeuron *self)
{
  apply_preset (self, CL_NEURON_PRESET_SPORT_ABOVE_10);
}

static GtkWidget *
spin_new (double limit, double step, Target target, int index, const char *name,
          ClAppExplorerNeuron *self)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (-limit, limit, step);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  cl_app_spin_button_localize (GTK_SPIN_BUTTON (spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (spin), "target", GINT_TO_POINTER (target));
  g_object_set_data (G_OBJECT (spin), "index", GINT_TO_POINTER (index));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  return spin;
}

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
controls_new (ClAppExplorerNeuron *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  /* The course's example: whose marks, which weights. */
  gtk_box_append (GTK_BOX (box), heading_new (_("The course’s example")));
  g_autoptr(GtkStringList) students = gtk_string_list_new (NULL);
  for (int s = 0; s < CL_NEURON_COURSE_N_STUDENTS; s++)
    gtk_string_list_append (students, cl_neuron_course_student (s));
  gtk_string_list_append (students, _("Your own values"));
  self->student_drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&students)), NULL);
  gtk_widget_set_name (self->student_drop, "student");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->student_drop),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Student"), -1);
  gtk_widget_set_tooltip_text (self->student_drop, _("Whose marks are the inputs"));
  g_signal_connect (self->student_drop, "notify::selected", G_CALLBACK (on_student_selected),
                    self);
  gtk_box_append (GTK_BOX (box), self->student_drop);

  /* One above the other: side by side, their French names would widen
   * the column at the picture's expense. */
  GtkWidget *presets = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (presets, "linked");
  GtkWidget *science = gtk_button_new_with_label (
    cl_neuron_course_preset_name (CL_NEURON_PRESET_SCIENCE_AVERAGE));
  gtk_widget_set_name (science, "preset-science");
  gtk_widget_set_tooltip_text (science, _("Weight ¼ on each of the four sciences, bias 0, identity"));
  g_signal_connect_swapped (science, "clicked", G_CALLBACK (on_science_clicked), self);
  GtkWidget *sport = gtk_button_new_with_label (
    cl_neuron_course_preset_name (CL_NEURON_PRESET_SPORT_ABOVE_10));
  gtk_widget_set_name (sport, "preset-sport");
  gtk_widget_set_tooltip_text (sport, _("Weight 1 on sport, bias −10, ReLU"));
  g_signal_connect_swapped (sport, "clicked", G_CALLBACK (on_sport_clicked), self);
  gtk_box_append (GTK_BOX (presets), science);
  gtk_box_append (GTK_BOX (presets), sport);
  gtk_box_append (GTK_BOX (box), presets);

  self->all_check = gtk_check_button_new_with_label (_("Show all three students"));
  gtk_widget_set_name (self->all_check, "show-all");
  g_signal_connect (self->all_check, "toggled", G_CALLBACK (on_all_toggled), self);
  gtk_box_append (GTK_BOX (box), self->all_check);

  /* The neuron itself. */
  GtkWidget *title = heading_new (_("The neuron"));
  gtk_widget_set_margin_top (title, 12);
  gtk_box_append (GTK_BOX (box), title);
  GtkWidget *grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_box_append (GTK_BOX (box), grid);

  GtkWidget *label = gtk_label_new (_("Activation f"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  g_autoptr(GtkStringList) functions = gtk_string_list_new (NULL);
  for (int f = 0; f < CL_NEURON_N_ACTIVATIONS; f++)
    gtk_string_list_append (functions, cl_neuron_activation_name (f));
  self->f_drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&functions)), NULL);
  gtk_widget_set_name (self->f_drop, "activation");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->f_drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Activation f"), -1);
  g_signal_connect (self->f_drop, "notify::selected", G_CALLBACK (on_f_selected), self);
  gtk_grid_attach (GTK_GRID (grid), self->f_drop, 1, 0, 2, 1);

  label = gtk_label_new (_("Inputs"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  self->n_spin = gtk_spin_button_new_with_range (1, CL_NEURON_MAX_INPUTS, 1);
  gtk_widget_set_name (self->n_spin, "n-inputs");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->n_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inputs"), -1);
  g_signal_connect (self->n_spin, "value-changed", G_CALLBACK (on_n_changed), self);
  gtk_grid_attach (GTK_GRID (grid), self->n_spin, 1, 1, 2, 1);

  label = gtk_label_new (_("Bias b"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  self->b_spin = spin_new (B_LIMIT, B_STEP, TARGET_BIAS, 0, _("Bias b"), self);
  gtk_widget_set_name (self->b_spin, "bias");
  gtk_grid_attach (GTK_GRID (grid), self->b_spin, 1, 2, 2, 1);

  /* One row per input: its name, its value xᵢ, its weight wᵢ. */
  GtkWidget *xh = gtk_label_new (_("value xᵢ"));
  GtkWidget *wh = gtk_label_new (_("weight wᵢ"));
  gtk_widget_add_css_class (xh, "dim-label");
  gtk_widget_add_css_class (wh, "dim-label");
  gtk_widget_set_margin_top (xh, 8);
  gtk_widget_set_margin_top (wh, 8);
  gtk_grid_attach (GTK_GRID (grid), xh, 1, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), wh, 2, 3, 1, 1);
  for (int i = 0; i < CL_NEURON_MAX_INPUTS; i++)
    {
      g_autofree char *x_name = g_strdup_printf (_("Value of input %d"), i + 1);
      g_autofree char *w_name = g_strdup_printf (_("Weight of input %d"), i + 1);
      self->names[i] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->names[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (self->names[i]), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (self->names[i]), 8);
      self->x_spins[i] = spin_new (X_LIMIT, X_STEP, TARGET_INPUT, i, x_name, self);
      self->w_spins[i] = spin_new (W_LIMIT, W_STEP, TARGET_WEIGHT, i, w_name, self);
      g_autofree char *x_id = g_strdup_printf ("x%d", i + 1);
      g_autofree char *w_id = g_strdup_printf ("w%d", i + 1);
      gtk_widget_set_name (self->x_spins[i], x_id);
      gtk_widget_set_name (self->w_spins[i], w_id);
      gtk_grid_attach (GTK_GRID (grid), self->names[i], 0, 4 + i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->x_spins[i], 1, 4 + i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->w_spins[i], 2, 4 + i, 1, 1);
    }

  GtkWidget *hint = gtk_label_new (_("Drag a weight, an input or the bias up or down in the "
                                     "picture to change it."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 30);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_margin_top (hint, 8);
  gtk_box_append (GTK_BOX (box), hint);

  GtkWidget *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  /* The preset buttons expand within the column; the column itself keeps
   * its natural width and leaves the rest to the picture. */
  gtk_widget_set_hexpand (scrolled, FALSE);
  return scrolled;
}

/* ---- dragging in the picture ------------------------------------------ */

static double
distance_to_segment (double px, double py, ClNeuronPoint a, ClNeuronPoint b)
{
  double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - a.x) * dx + (py - a.y) * dy) / len2, 0, 1) : 0;
  return hypot (px - (a.x + t * dx), py - (a.y + t * dy));
}

/* What is under (x, y): a weight's label or link, an input, the bias. */
static Target
hit_test (ClAppExplorerNeuron *self, double x, double y, int *index)
{
  ClNeuronLayout l;
  picture_layout (self, &l);
  double slack = 4;
  for (int i = 0; i < self->neuron.n_inputs; i++)
    if (fabs (x - l.weight[i].x) <= l.label_half_width + slack
        && fabs (y - l.weight[i].y) <= l.label_half_height + slack)
      {
        *index = i;
        return TARGET_WEIGHT;
      }
  if (fabs (x - l.bias.x) <= l.label_half_width * 1.5 + slack
      && fabs (y - l.bias.y) <= l.label_half_height * 2 + slack)
    return TARGET_BIAS;
  for (int i = 0; i < self->neuron.n_inputs; i++)
    if (hypot (x - l.input[i].x, y - l.input[i].y) <= l.input_radius + slack)
      {
        *index = i;
        return TARGET_INPUT;
      }
  /* A link: the nearest one within a few pixels. */
  double best = 8;
  Target target = TARGET_NONE;
  for (int i = 0; i < self->neuron.n_inputs; i++)
    {
      double d = distance_to_segment (x, y, l.input[i], l.neuron);
      if (d < best && hypot (x - l.neuron.x, y - l.neuron.y) > l.neuron_radius)
        {
          best = d;
          *index = i;
          target = TARGET_WEIGHT;
        }
    }
  return target;
}

static double
current_value (ClAppExplorerNeuron *self, Target target, int i)
{
  return target == TARGET_INPUT ? self->neuron.x[i]
       : target == TARGET_WEIGHT ? self->neuron.w[i] : self->neuron.b;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, ClAppExplorerNeuron *self)
{
  self->drag_index = 0;
  self->drag_target = hit_test (self, x, y, &self->drag_index);
  if (self->drag_target == TARGET_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start = current_value (self, self->drag_target, self->drag_index);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, ClAppExplorerNeuron *self)
{
  double per_pixel, step, limit;
  switch (self->drag_target)
    {
    case TARGET_INPUT:
      per_pixel = X_PER_PIXEL, step = X_STEP, limit = X_LIMIT;
      break;
    case TARGET_WEIGHT:
      per_pixel = W_PER_PIXEL, step = W_STEP, limit = W_LIMIT;
      break;
    case TARGET_BIAS:
      per_pixel = B_PER_PIXEL, step = B_STEP, limit = B_LIMIT;
      break;
    case TARGET_NONE:
    default:
      return;
    }
  /* Up is more; the value snaps to the spin button's step. */
  double v = self->drag_start - dy * per_pixel;
  v = CLAMP (round (v / step) * step, -limit, limit);
  if (v != current_value (self, self->drag_target, self->drag_index))
    set_value (self, self->drag_target, self->drag_index, v);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, ClAppExplorerNeuron *self)
{
  self->drag_target = TARGET_NONE;
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, ClAppExplorerNeuron *self)
{
  int index;
  gboolean over = self->drag_target != TARGET_NONE || hit_test (self, x, y, &index) != TARGET_NONE;
  gtk_widget_set_cursor_from_name (self->picture, over ? "ns-resize" : NULL);
}

/* ---- ClAppExplorer ------------------------------------------------------ */

/* ---- the widget --------------------------------------------------------- */

static void
cl_app_explorer_neuron_dispose (GObject *object)
{
  ClAppExplorerNeuron *self = CL_APP_EXPLORER_NEURON (object);

  g_clear_pointer (&self->controls, gtk_widget_unparent);
  g_clear_pointer (&self->picture, gtk_widget_unparent);
  G_OBJECT_CLASS (cl_app_explorer_neuron_parent_class)->dispose (object);
}

static void
cl_app_explorer_neuron_class_init (ClAppExplorerNeuronClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_explorer_neuron_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "neuron-explorer");
}

static void
cl_app_explorer_neuron_init (ClAppExplorerNeuron *self)
{
  /* It opens on the slide: Gino's marks, the science average. */
  cl_render_neuron_options_init (&self->options);
  self->student = 0;
  cl_neuron_course_set_student (&self->neuron, 0);
  cl_neuron_course_apply_preset (&self->neuron, CL_NEURON_PRESET_SCIENCE_AVERAGE);
  self->drag_target = TARGET_NONE;

  self->controls = controls_new (self);
  gtk_widget_set_parent (self->controls, GTK_WIDGET (self));

  self->picture = cl_app_explorer_picture_new (draw, self);
  gtk_widget_set_name (self->picture, "neuron-picture");
  gtk_widget_set_size_request (self->picture, 360, 300);
  gtk_widget_set_parent (self->picture, GTK_WIDGET (self));

  GtkGesture *drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (self->picture, GTK_EVENT_CONTROLLER (drag));
  GtkEventController *motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (self->picture, motion);

  sync_controls (self);
}

GtkWidget *
cl_app_explorer_neuron_new (ClAppDocument *document, ClAppTraining *training)
{
  return g_object_new (CL_APP_TYPE_EXPLORER_NEURON, NULL);
}

const ClNeuron *
cl_app_explorer_neuron_get_neuron (ClAppExplorerNeuron *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_NEURON (self), NULL);
  return &self->neuron;
}

GtkWidget *
cl_app_explorer_neuron_get_picture (ClAppExplorerNeuron *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_NEURON (self), NULL);
  return self->picture;
}

GtkWidget *
cl_app_explorer_neuron_get_weight_spin (ClAppExplorerNeuron *self, int i)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_NEURON (self), NULL);
  g_return_val_if_fail (i >= -1 && i < CL_NEURON_MAX_INPUTS, NULL);
  return i < 0 ? self->b_spin : self->w_spins[i];
}

gboolean
cl_app_explorer_neuron_get_weight_point (ClAppExplorerNeuron *self, int i, double *x, double *y)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_NEURON (self), FALSE);
  if (i < 0 || i >= self->neuron.n_inputs)
    return FALSE;
  ClNeuronLayout l;
  picture_layout (self, &l);
  *x = l.weight[i].x;
  *y = l.weight[i].y;
  return TRUE;
}
