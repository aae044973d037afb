#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-window.h"

struct _ClAppWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwWindowTitle *window_title;
  GtkWidget      *play_button;
  GtkWidget      *step_button;
  GtkWidget      *reset_button;
  AdwViewStack   *panel_stack;
};

G_DEFINE_FINAL_TYPE (ClAppWindow, cl_app_window, ADW_TYPE_APPLICATION_WINDOW)

/* The training and file actions exist from the start so menus, buttons and
 * shortcuts are wired once; each is enabled by the part that gives it
 * something to act on (a network to train, a design to save). */
static const char * const actions_without_content[] = {
  "win.play-pause", "win.step", "win.reset",
  "win.open", "win.save", "win.save-as", "win.export-picture",
};

static void
unimplemented_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Unreachable while the action is disabled; kept so the action exists. */
  g_debug ("%s: nothing to act on yet", action_name);
}

static void
remember_window_state (ClAppWindow *self, GSettings *settings)
{
  if (settings == NULL)
    return;
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
cl_app_window_constructed (GObject *object)
{
  ClAppWindow *self = CL_APP_WINDOW (object);

  G_OBJECT_CLASS (cl_app_window_parent_class)->constructed (object);

  for (gsize i = 0; i < G_N_ELEMENTS (actions_without_content); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions_without_content[i], FALSE);
}

static void
cl_app_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CL_APP_TYPE_WINDOW);
  G_OBJECT_CLASS (cl_app_window_parent_class)->dispose (object);
}

static void
cl_app_window_class_init (ClAppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cl_app_window_constructed;
  object_class->dispose = cl_app_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convlab/ConvLab/ui/cl-app-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, step_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, reset_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, panel_stack);

  for (gsize i = 0; i < G_N_ELEMENTS (actions_without_content); i++)
    gtk_widget_class_install_action (widget_class, actions_without_content[i], NULL,
                                     unimplemented_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-picture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
cl_app_window_init (ClAppWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClAppWindow *
cl_app_window_new (ClAppApplication *application)
{
  ClAppWindow *self = g_object_new (CL_APP_TYPE_WINDOW, "application", application, NULL);

  remember_window_state (self, cl_app_application_get_settings (application));
  return self;
}
