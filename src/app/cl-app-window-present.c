/* cl-app-window-present.c — room for the pictures: the presentation mode
 * (full screen, one region, everything drawn for the back row), panels
 * maximised over the canvas, the inspector folded away when it has nothing
 * to show, and the pictures' zoom (Ctrl+plus) beside the canvas's. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-drawing-pad.h"
#include "cl-app-snapshot-view.h"
#include "cl-app-window-private.h"
#include "render/render-style.h"

/* Every picture of the panels, wherever it sits in its page. */
static void
scale_views (GtkWidget *widget, double scale, double min_text)
{
  if (CL_APP_IS_SNAPSHOT_VIEW (widget))
    cl_app_snapshot_view_set_scale (CL_APP_SNAPSHOT_VIEW (widget), scale, min_text);
  else if (CL_APP_IS_DRAWING_PAD (widget))
    cl_app_drawing_pad_set_scale (CL_APP_DRAWING_PAD (widget), scale);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scale_views (child, scale, min_text);
}

static void
on_maximise_toggled (ClAppWindow *self)
{
  self->panels_maximised = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->maximise_button));
  _cl_app_window_present_sync (self);
}

/* Shows what the state asks for: in presentation mode only the chosen
 * region (the canvas, or the panels when they are maximised); otherwise
 * the canvas unless the panels are maximised, and the inspector when a
 * layer is selected and it was not folded away. */
void
_cl_app_window_present_sync (ClAppWindow *self)
{
  gboolean presenting = self->presenting;
  gboolean selected = cl_app_document_get_selected (self->document) >= 0;

  gtk_widget_set_visible (self->header_bar, !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->palette), !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector),
                          !presenting && self->inspector_wanted && selected);
  gtk_widget_set_visible (self->canvas_area, !self->panels_maximised);
  gtk_widget_set_visible (self->panel_area, !presenting || self->panels_maximised);

  g_signal_handlers_block_by_func (self->maximise_button, on_maximise_toggled, self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->maximise_button), self->panels_maximised);
  g_signal_handlers_unblock_by_func (self->maximise_button, on_maximise_toggled, self);
  gtk_button_set_icon_name (GTK_BUTTON (self->maximise_button),
                            self->panels_maximised ? "view-restore-symbolic"
                                                   : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (self->maximise_button,
                               self->panels_maximised
                                 ? _("Give the canvas back its room (Ctrl+M)")
                                 : _("Give the panels the whole height (Ctrl+M)"));

  /* The Training panel is widgets, not a picture: its text grows by CSS,
   * the tabs' too when presenting, and every Ctrl+plus step is a class
   * (style.css) on the stack, inside cl-presenting so the two multiply. */
  if (presenting)
    gtk_widget_add_css_class (self->panel_area, "cl-presenting");
  else
    gtk_widget_remove_css_class (self->panel_area, "cl-presenting");
  int zoom_step = (int) lround (log (self->picture_zoom) / log (CL_APP_WINDOW_ZOOM_STEP));
  for (int i = -CL_APP_WINDOW_ZOOM_OUT_STEPS; i <= CL_APP_WINDOW_ZOOM_IN_STEPS; i++)
    {
      char name[32];
      if (i == 0)
        continue;
      g_snprintf (name, sizeof name, "cl-zoom-%s%d", i < 0 ? "out-" : "in-", ABS (i));
      if (i == zoom_step)
        gtk_widget_add_css_class (GTK_WIDGET (self->panel_stack), name);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->panel_stack), name);
    }
  if (presenting)
    scale_views (GTK_WIDGET (self->panel_stack), CL_RENDER_PRESENT_SCALE * self->picture_zoom,
                 CL_RENDER_PRESENT_MIN_TEXT);
  else
    scale_views (GTK_WIDGET (self->panel_stack), self->picture_zoom, 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-present", presenting);
  _cl_app_window_lessons_sync_presenting (self);
}

static void
on_hint_dismissed (ClAppWindow *self)
{
  self->present_hint = NULL;
}

/* How to leave, said briefly and once: not a queue of hints over the
 * picture when F11 is pressed again and again.  The one on screen is left
 * to time out: libadwaita 1.2 crashes when a toast is dismissed during
 * its animation and another follows. */
static void
show_hint (ClAppWindow *self)
{
  if (self->present_hint != NULL)
    return;
  AdwToast *toast = adw_toast_new (_("Presentation mode: Escape leaves, Alt+1…7 show a panel, "
                                     "Alt+0 the network."));
  adw_toast_set_timeout (toast, 3);
  /* The overlay owns the toast; the window only hears when it goes. */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_hint_dismissed), self,
                           G_CONNECT_SWAPPED);
  self->present_hint = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_presenting (ClAppWindow *self, gboolean presenting)
{
  if (presenting == self->presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    {
      /* The canvas has its own zoom: raised so its smallest label reads
       * from the back, and given back on leaving. */
      self->canvas_zoom_before = cl_app_network_canvas_get_zoom (self->canvas);
      cl_app_network_canvas_set_zoom (self->canvas, MAX (self->canvas_zoom_before,
                                                         CL_RENDER_PRESENT_NETWORK_ZOOM));
      gtk_window_fullscreen (GTK_WINDOW (self));
      /* The header and the palette go: the keyboard stays on the network. */
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
      show_hint (self);
    }
  else
    {
      cl_app_network_canvas_set_zoom (self->canvas, self->canvas_zoom_before);
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  _cl_app_window_present_sync (self);
}

gboolean
cl_app_window_get_presenting (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), FALSE);
  return self->presenting;
}

/* Left full screen another way (the window manager's key): leave the
 * presentation too, rather than present in a window. */
static void
on_fullscreened (ClAppWindow *self)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    self->was_fullscreen = TRUE;
  else if (self->was_fullscreen)
    {
      self->was_fullscreen = FALSE;
      set_presenting (self, FALSE);
    }
}

static void
present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  set_presenting (self, !self->presenting);
}

static void
leave_present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  set_presenting (CL_APP_WINDOW (widget), FALSE);
}

static void
maximise_panels_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  self->panels_maximised = !self->panels_maximised;
  _cl_app_window_present_sync (self);
}

/* Alt+0: the network again — the canvas alone when presenting. */
static void
show_network_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  self->panels_maximised = FALSE;
  _cl_app_window_present_sync (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
show_inspector_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  self->inspector_wanted = !self->inspector_wanted;
  _cl_app_window_present_sync (self);
}

void
_cl_app_window_present_show_panels (ClAppWindow *self)
{
  if (!self->presenting || self->panels_maximised)
    return;
  self->panels_maximised = TRUE;
  _cl_app_window_present_sync (self);
}

void
_cl_app_window_present_zoom (ClAppWindow *self, double factor)
{
  /* Within the steps style.css has a class for. */
  double lo = pow (CL_APP_WINDOW_ZOOM_STEP, -CL_APP_WINDOW_ZOOM_OUT_STEPS);
  double hi = pow (CL_APP_WINDOW_ZOOM_STEP, CL_APP_WINDOW_ZOOM_IN_STEPS);
  self->picture_zoom = factor > 0 ? CLAMP (self->picture_zoom * factor, lo * 0.999, hi * 1.001) : 1.0;
  _cl_app_window_present_sync (self);
}

/* A double-click on a tab maximises the panels, or gives the room back. */
static void
on_switcher_pressed (GtkGestureClick *gesture, int n_press, double x, double y, ClAppWindow *self)
{
  if (n_press == 2)
    {
      self->panels_maximised = !self->panels_maximised;
      _cl_app_window_present_sync (self);
    }
}

void
_cl_app_window_present_init (ClAppWindow *self)
{
  self->inspector_wanted = TRUE;
  self->picture_zoom = 1.0;
  self->canvas_zoom_before = 1.0;

  GtkGesture *click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_switcher_pressed), self);
  gtk_widget_add_controller (self->panel_switcher, GTK_EVENT_CONTROLLER (click));

  /* Escape leaves whatever has the focus (a toast's button takes Escape
   * for itself in the bubble phase); while not presenting the action is
   * disabled and the key goes on to its usual owner. */
  GtkEventController *keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("win.leave-present")));
  /* F6 is GtkPaned's own key (focus the other side), and the canvas and
   * the panels sit in paneds: catch it first, for Step. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0),
                                                          gtk_named_action_new ("win.step")));
  /* Ctrl+Up and Ctrl+Down are GtkWindow's own focus moves: caught first,
   * for the training speed. */
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.speed-faster")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.speed-slower")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (self->maximise_button, "toggled", G_CALLBACK (on_maximise_toggled), self);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), self);
  g_signal_connect_swapped (self->document, "notify::selected",
                            G_CALLBACK (_cl_app_window_present_sync), self);
  _cl_app_window_present_sync (self);
}

void
_cl_app_window_install_present_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.leave-present", NULL, leave_present_action);
  gtk_widget_class_install_action (widget_class, "win.maximise-panels", NULL,
                                   maximise_panels_action);
  gtk_widget_class_install_action (widget_class, "win.show-network", NULL, show_network_action);
  gtk_widget_class_install_action (widget_class, "win.show-inspector", NULL,
                                   show_inspector_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "win.maximise-panels", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_ALT_MASK, "win.show-network",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-inspector", NULL);
}
