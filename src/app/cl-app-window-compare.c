/* cl-app-window-compare.c — the main window's way to the Compare Runs
 * window: win.compare (the menu, Ctrl+K), the lessons that race, and a
 * run opened in a new main window of its own. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-compare-window.h"
#include "cl-app-window-private.h"
#include "engine/model-history.h"
#include "engine/snapshot-net.h"

/* A run in a new window, as if its model had been saved and opened
 * (cl-app-window-files.c): the variant's design as a new untitled
 * document, its weights colouring the canvas, and a run that starts from
 * them with its curves, built as soon as that window's data is loaded —
 * every panel shows the run, and Play trains on. */
static void
on_open_run (ClAppCompareWindow *compare, int run, ClAppWindow *self)
{
  ClAppRace *race = cl_app_compare_window_get_race (compare);
  ClSnapshot *snapshot = race != NULL ? cl_app_race_get_snapshot (race, run) : NULL;
  g_autoptr(ClDesign) design = cl_app_compare_window_dup_run_design (compare, run);
  g_autoptr(GError) error = NULL;

  if (snapshot == NULL || design == NULL)
    return;
  cl_snapshot_ref (snapshot);
  ClNet *shown = cl_net_new_from_snapshot (snapshot, 1, &error);
  ClNet *start = shown != NULL ? cl_net_new_from_snapshot (snapshot, 1, &error) : NULL;
  g_autofree char *json = cl_model_history_to_json (snapshot);
  ClModelHistory *history = json != NULL ? cl_model_history_from_json (json, design->name, &error)
                                         : NULL;
  cl_snapshot_unref (snapshot);
  if (start == NULL || (json != NULL && history == NULL))
    {
      g_clear_pointer (&shown, cl_net_free);
      g_clear_pointer (&start, cl_net_free);
      /* Said where the button was pressed. */
      AdwToast *toast = adw_toast_new (error->message);
      GtkWidget *overlay = adw_window_get_content (ADW_WINDOW (compare));
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ClAppWindow *window = cl_app_window_new (CL_APP_APPLICATION (app));
  _cl_app_window_open_design (window, g_steal_pointer (&design));
  _cl_app_window_set_trained (window, shown);
  cl_app_training_set_start (window->training, cl_app_document_get_design (window->document),
                             start, history, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* The presentation remote's keys reach the lesson from the Compare Runs
 * window too: a lesson that races puts it in front, full screen on the
 * projector, and Page Down must still go on to the next step. */
static gboolean
forward_to_lesson (GtkWidget *widget, GVariant *args, gpointer data)
{
  ClAppWindow *self = data;
  const char *action = g_variant_get_string (args, NULL);

  return self->lesson != NULL && gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
add_remote_keys (ClAppWindow *self, GtkWidget *compare)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  const struct { guint key; const char *action; } remote[] = {
    { GDK_KEY_Page_Down, "win.lesson-next" },
    { GDK_KEY_Page_Up, "win.lesson-previous" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (remote[i].key, 0),
                                                gtk_callback_action_new (forward_to_lesson, self,
                                                                         NULL));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (remote[i].action));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
    }
  gtk_widget_add_controller (compare, keys);
}

static ClAppCompareWindow *
ensure_compare_window (ClAppWindow *self)
{
  if (self->compare_window == NULL)
    {
      ClAppCompareWindow *compare = cl_app_compare_window_new (self->document, self->training);
      self->compare_window = GTK_WINDOW (g_object_ref_sink (compare));
      gtk_window_set_application (self->compare_window,
                                  gtk_window_get_application (GTK_WINDOW (self)));
      g_signal_connect_object (compare, "open-run", G_CALLBACK (on_open_run), self, 0);
      /* The compare window goes with this one: `self` outlives it. */
      add_remote_keys (self, GTK_WIDGET (compare));
    }
  return CL_APP_COMPARE_WINDOW (self->compare_window);
}

GtkWindow *
cl_app_window_get_compare_window (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), NULL);
  return self->compare_window;
}

void
_cl_app_window_compare (ClAppWindow *self, ClRaceSetting setting, const char *const *values)
{
  ClAppCompareWindow *compare = ensure_compare_window (self);

  cl_app_compare_window_compare (compare, setting, values, TRUE);
  gtk_window_present (GTK_WINDOW (compare));
}

static void
compare_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (ensure_compare_window (self)));
}

/* In the menu and on Ctrl+K, not in the header: at 1024×768 the header
 * bar has no room left for another button. */
void
_cl_app_window_compare_init (ClAppWindow *self)
{
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, _("_Compare Runs…"), "win.compare");
  g_menu_insert_section (self->primary_menu, 2, NULL, G_MENU_MODEL (section));
}

void
_cl_app_window_compare_dispose (ClAppWindow *self)
{
  /* Its race stops with it: the trainers are freed in a thread. */
  if (self->compare_window != NULL)
    gtk_window_destroy (self->compare_window);
  g_clear_object (&self->compare_window);
}

void
_cl_app_window_install_compare_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.compare",
                                       NULL);
}
