/* cl-app-window-explorers.c — the main window's way to the explorers:
 * win.explorer('ID') (from the menu, F7 and lessons)
 * opens this window's Explorers window on that page. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-window.h"
#include "cl-app-window-private.h"

GtkWindow *
cl_app_window_get_explorer_window (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), NULL);
  return self->explorer_window;
}

/* The target is an explorer's id; "" opens the window where it was. */
static void
explorer_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->explorer_window == NULL)
    {
      self->explorer_window = GTK_WINDOW (cl_app_explorer_window_new (self->document,
                                                                      self->training));
      g_object_ref_sink (self->explorer_window);
      gtk_window_set_application (self->explorer_window,
                                  gtk_window_get_application (GTK_WINDOW (self)));
    }
  if (*id != '\0'
      && !cl_app_explorer_window_show (CL_APP_EXPLORER_WINDOW (self->explorer_window), id))
    {
      g_autofree char *message = g_strdup_printf (_("There is no explorer called “%s”."), id);
      _cl_app_window_toast (self, message);
      return;
    }
  gtk_window_present (self->explorer_window);
}

/* The primary menu's Explorers submenu, one entry per explorer, after
 * the file section. */
static void
add_menu (ClAppWindow *self)
{
  g_autoptr(GMenu) submenu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  guint n;
  const ClAppExplorerInfo *all = cl_app_explorers (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(all[i].title), NULL);
      g_menu_item_set_action_and_target (item, "win.explorer", "s", all[i].id);
      g_menu_append_item (submenu, item);
    }
  g_menu_append_submenu (section, _("E_xplorers"), G_MENU_MODEL (submenu));
  g_menu_insert_section (self->primary_menu, 1, NULL, G_MENU_MODEL (section));
}

/* In the menu and on F7, not in the header: at 1024×768 the header bar
 * has no room left for another button. */
void
_cl_app_window_explorers_init (ClAppWindow *self)
{
  add_menu (self);
}

void
_cl_app_window_explorers_dispose (ClAppWindow *self)
{
  if (self->explorer_window != NULL)
    gtk_window_destroy (self->explorer_window);
  g_clear_object (&self->explorer_window);
}

void
_cl_app_window_install_explorer_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.explorer", "s", explorer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "win.explorer", "s", "");
}
