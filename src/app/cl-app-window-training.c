/* cl-app-window-training.c — Play, Step and Reset: the window's side of
 * its ClAppTraining (actions, the Play button, tooltips saying why training
 * is not possible). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "cl-app-speed-chooser.h"
#include "cl-app-training-panel.h"
#include "cl-app-window-private.h"

static void
toast_error (ClAppWindow *self, GError *error)
{
  if (error != NULL)
    _cl_app_window_toast (self, error->message);
}

/* The pictures are what the class watches: when training starts with the
 * panels squeezed under the canvas, give them half the height. */
static void
make_room_for_panels (ClAppWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->center_paned));
  int half = height / 2;

  if (height > 0 && gtk_paned_get_position (self->center_paned) > half)
    gtk_paned_set_position (self->center_paned, half);
}

static void
play_pause (ClAppWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!cl_app_training_play_pause (self->training, &error))
    toast_error (self, error);
  else if (cl_app_training_get_running (self->training))
    make_room_for_panels (self);
}

static void
step (ClAppWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!cl_app_training_step (self->training, &error))
    toast_error (self, error);
}

static void
reset (ClAppWindow *self)
{
  cl_app_training_reset (self->training);
}

/* After an edit of the network or the data, Play and Step start a new run
 * from new weights: the trained ones are left, so the window asks first,
 * as it does before New or Close. */
static void
play_pause_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);

  if (cl_app_training_get_stale (self->training))
    _cl_app_window_leave_run (self, play_pause);
  else
    play_pause (self);
}

static void
step_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);

  if (cl_app_training_get_stale (self->training))
    _cl_app_window_leave_run (self, step);
  else
    step (self);
}

/* Reset throws the trained weights away: asked like any other way of
 * leaving a run, except when they are worthless (diverged, or a loss that
 * exploded), where Reset is the way out the Training panel offers. */
static void
reset_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  const ClSnapshot *s = cl_app_training_get_snapshot (self->training);

  if (s != NULL && !cl_app_training_get_stale (self->training)
      && (s->state == CL_TRAINER_DIVERGED || s->loss_exploding))
    reset (self);
  else
    _cl_app_window_leave_run (self, reset);
}

/* Ctrl+E and the menu: the picture of the panel on screen. */
static void
export_picture_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_visible_child (self->panel_stack);
  GtkWidget *panel = ADW_IS_BIN (page) ? adw_bin_get_child (ADW_BIN (page)) : NULL;

  if (panel != NULL && CL_APP_IS_PICTURE_PANEL (panel))
    cl_app_picture_panel_export (CL_APP_PICTURE_PANEL (panel));
  else
    _cl_app_window_toast (self, _("Choose a panel with a picture to export (Filters, "
                                  "Activations, Dropout, Curves, Landscape or Gradients)."));
}

/* The panels in the order of the switcher: Alt+1 … Alt+7, so a teacher at
 * the keyboard of a projector changes picture without the mouse. */
static const char *const panel_names[] = {
  "training", "filters", "activations", "dropout", "curves", "landscape", "gradients",
};

static void
show_panel_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->panel_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->panel_stack, name);
  make_room_for_panels (self);
  _cl_app_window_present_show_panels (self);
}

/* Play becomes Pause while training runs; a disabled button says why. */
static void
sync_buttons (ClAppWindow *self)
{
  gboolean can = cl_app_training_get_can_train (self->training);
  gboolean running = cl_app_training_get_running (self->training);
  const char *why = cl_app_training_get_why_not (self->training);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play-pause", can || running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", can);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            running ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               !can && !running ? why : running ? _("Pause (F5)") : _("Play (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause") : _("Play"), -1);
  gtk_widget_set_tooltip_text (self->step_button, can ? _("Train one batch (F6)") : why);
  gtk_widget_set_tooltip_text (self->reset_button,
                               can ? _("Reset the weights (Ctrl+Shift+R)") : why);
}

/* The canvas crosses out what Dropout silenced at the last step. */
static void
sync_canvas (ClAppWindow *self)
{
  cl_app_network_canvas_set_snapshot (self->canvas, cl_app_training_get_snapshot (self->training));
}

/* A picture to export, a network to save, once there is a snapshot. */
static void
sync_export (ClAppWindow *self)
{
  gboolean has = cl_app_training_get_snapshot (self->training) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-picture", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-model", has);
}

void
_cl_app_window_training_update (ClAppWindow *self, ClDataset *dataset, const char *unfit)
{
  const char *invalid = cl_app_document_get_error (self->document);

  cl_app_training_set_design (self->training, cl_app_document_get_design (self->document),
                              dataset, invalid != NULL ? invalid : unfit);
}

/* Ctrl+Up / Ctrl+Down: the speed a step faster or slower, as the chooser
 * would set it (an undoable edit of the design), without reaching for the
 * header bar — which presentation mode hides. */
static void
speed_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  ClTrainSettings t = *cl_net_spec_peek_train (cl_app_document_get_spec (self->document));
  int speed = cl_app_speed_chooser_next (t.speed, g_str_equal (action, "win.speed-faster"));

  if (speed == t.speed)
    return;
  t.speed = speed;
  cl_app_document_set_train (self->document, &t);
}

void
_cl_app_window_install_training_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.speed-faster", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "win.speed-slower", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.export-picture", NULL,
                                   export_picture_action);
  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);
  for (guint i = 0; i < G_N_ELEMENTS (panel_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-panel", "s", panel_names[i]);
}

void
_cl_app_window_training_init (ClAppWindow *self)
{
  self->training = cl_app_training_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->training, "notify::can-train", G_CALLBACK (sync_buttons), self);
  g_signal_connect_swapped (self->training, "notify::why-not", G_CALLBACK (sync_buttons), self);
  g_signal_connect_swapped (self->training, "notify::running", G_CALLBACK (sync_buttons), self);
  g_signal_connect_swapped (self->training, "snapshot-changed", G_CALLBACK (sync_export), self);
  g_signal_connect_swapped (self->training, "snapshot-changed", G_CALLBACK (sync_canvas), self);
  _cl_app_window_training_update (self, NULL, NULL);
  sync_buttons (self);
  sync_export (self);

  /* The speed beside Play, Step and Reset: Tab reaches it from them. */
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (self->reset_button)),
                  cl_app_speed_chooser_new (self->document));

  adw_bin_set_child (self->training_page,
                     cl_app_training_panel_new (self->document, self->training));
  adw_bin_set_child (self->filters_page, cl_app_panel_filters_new (self->training));
  adw_bin_set_child (self->activations_page, cl_app_panel_activations_new (self->training));
  adw_bin_set_child (self->dropout_page, cl_app_panel_dropout_new (self->training));
  adw_bin_set_child (self->curves_page, cl_app_panel_curves_new (self->training));
  adw_bin_set_child (self->landscape_page, cl_app_panel_landscape_new (self->training));
  adw_bin_set_child (self->gradients_page, cl_app_panel_gradients_new (self->training));
}

void
_cl_app_window_training_dispose (ClAppWindow *self)
{
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  if (self->canvas != NULL)
    cl_app_network_canvas_set_snapshot (self->canvas, NULL);
  g_clear_object (&self->training);
}

ClAppTraining *
cl_app_window_get_training (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), NULL);
  return self->training;
}
