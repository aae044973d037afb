/* cl-app-window-language.c — the language choice of the primary menu:
 * System, Français, English. Every label of the window was translated
 * when it was built, so the choice rebuilds the window around the same
 * document (design, file, undo history); only the training run, if it
 * has epochs not saved, is offered for saving first. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-window-private.h"

/* Runs once the run's weights are saved or given up. */
static void
rebuild_in_language (ClAppWindow *self)
{
  ClAppApplication *app = CL_APP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *code = g_steal_pointer (&self->pending_language);

  if (app == NULL || code == NULL)
    return;
  cl_app_application_set_language (app, code);
  cl_app_document_recheck (self->document);

  ClAppWindow *fresh = cl_app_window_new_for_document (app, self->document);
  gtk_window_present (GTK_WINDOW (fresh));
  /* Its work went to the new window: no question on the way out. */
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_language_change_state (GSimpleAction *action, GVariant *value, ClAppWindow *self)
{
  const char *code = g_variant_get_string (value, NULL);
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  if (g_str_equal (code, g_variant_get_string (state, NULL)))
    return;
  g_free (self->pending_language);
  self->pending_language = g_strdup (code);
  _cl_app_window_leave_run (self, rebuild_in_language);
}

void
_cl_app_window_language_init (ClAppWindow *self)
{
  ClAppApplication *app = CL_APP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const char *current = app != NULL ? cl_app_application_get_language (app) : "";
  g_autoptr(GSimpleAction) action =
    g_simple_action_new_stateful ("language", G_VARIANT_TYPE_STRING, g_variant_new_string (current));

  g_signal_connect_object (action, "change-state", G_CALLBACK (on_language_change_state), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}
