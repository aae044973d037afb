#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-application.h"
#include "cl-app-window.h"

struct _ClAppApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *language;          /* "" (the system's), "fr" or "en" */
  char *system_language;   /* LANGUAGE as the session gave it, NULL if unset */
};

G_DEFINE_FINAL_TYPE (ClAppApplication, cl_app_application, ADW_TYPE_APPLICATION)

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: window size will not be remembered. "
                 "Start ConvLab with tools/run, or install it.", APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
cl_app_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  gboolean started = window == NULL;

  if (started)
    window = GTK_WINDOW (cl_app_window_new (CL_APP_APPLICATION (app)));
  gtk_window_present (window);
  /* A new window starts on the course's lessons; one opened for a file
   * (open, below) starts on its file. */
  if (started)
    cl_app_window_show_lessons_at_start (CL_APP_WINDOW (window));
}

/* Files given on the command line or by the file manager (the desktop file's
 * %F): each design or model in a window of its own.  A file that cannot be
 * opened is said by a toast in a window that stays untitled, and that window
 * takes the next file, so a bad file never costs a crash nor an extra window
 * beyond the one that says why. */
static void
cl_app_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  ClAppWindow *spare = NULL;

  for (int i = 0; i < n_files; i++)
    {
      ClAppWindow *window = spare != NULL ? spare : cl_app_window_new (CL_APP_APPLICATION (app));
      gboolean opened = cl_app_window_open_file (window, files[i]);

      gtk_window_present (GTK_WINDOW (window));
      spare = opened ? NULL : window;
    }
}

static void
cl_app_application_startup (GApplication *app)
{
  ClAppApplication *self = CL_APP_APPLICATION (app);

  G_APPLICATION_CLASS (cl_app_application_parent_class)->startup (app);

  self->settings = settings_new_if_installed ();
  gtk_window_set_default_icon_name (APPLICATION_ID);
  /* The saved choice applies before the first window is built. */
  self->system_language = g_strdup (g_getenv ("LANGUAGE"));
  if (self->settings != NULL)
    {
      g_autofree char *saved = g_settings_get_string (self->settings, "language");
      cl_app_application_set_language (self, saved);
    }
}

static void
cl_app_application_finalize (GObject *object)
{
  ClAppApplication *self = CL_APP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->language);
  g_free (self->system_language);
  G_OBJECT_CLASS (cl_app_application_parent_class)->finalize (object);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The ConvLab developers", NULL };

  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", gtk_application_get_active_window (app),
                                   "modal", TRUE,
                                   "application-name", "ConvLab",
                                   "application-icon", APPLICATION_ID,
                                   "developer-name", _("The ConvLab developers"),
                                   "version", PACKAGE_VERSION,
                                   "comments", _("Build a neural network and watch it learn."),
                                   "website", "https://github.com/convlab/convlab",
                                   "issue-url", "https://github.com/convlab/convlab/issues",
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "developers", developers,
                                   /* Translators: your names, one per line. */
                                   "translator-credits", _("translator-credits"),
                                   NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  /* Closing each window goes through its close-request handler, which is
   * where unsaved work will be offered for saving. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

/* The shortcuts window lays its groups out in columns as wide as their
 * longest title and widest keys: in French it was 1 325 px wide, more
 * than a classroom projector shows.  GtkShortcutsShortcut has no property
 * for it in GTK 4.8: its title labels wrap instead (the keys do not). */
static void
wrap_shortcut_titles (GtkWidget *widget, gboolean in_shortcut)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUT_LABEL (child))
        continue;
      if (in_shortcut && GTK_IS_LABEL (child))
        {
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_natural_wrap_mode (GTK_LABEL (child), GTK_NATURAL_WRAP_WORD);
          gtk_label_set_max_width_chars (GTK_LABEL (child), 26);
        }
      wrap_shortcut_titles (child, in_shortcut || GTK_IS_SHORTCUTS_SHORTCUT (child));
    }
}

static void
cl_app_application_window_added (GtkApplication *app, GtkWindow *window)
{
  GTK_APPLICATION_CLASS (cl_app_application_parent_class)->window_added (app, window);
  /* The parent has just given the window its help overlay. */
  if (GTK_IS_APPLICATION_WINDOW (window))
    {
      GtkShortcutsWindow *overlay =
        gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
      if (overlay != NULL)
        wrap_shortcut_titles (GTK_WIDGET (overlay), FALSE);
    }
}

static void
cl_app_application_class_init (ClAppApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cl_app_application_finalize;
  app_class->activate = cl_app_application_activate;
  app_class->open = cl_app_application_open;
  app_class->startup = cl_app_application_startup;
  GTK_APPLICATION_CLASS (klass)->window_added = cl_app_application_window_added;
}

static void
cl_app_application_init (ClAppApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

ClAppApplication *
cl_app_application_new (void)
{
  return g_object_new (CL_APP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/convlab/ConvLab",
                       NULL);
}

GSettings *
cl_app_application_get_settings (ClAppApplication *self)
{
  g_return_val_if_fail (CL_APP_IS_APPLICATION (self), NULL);
  return self->settings;
}

const char *
cl_app_application_get_language (ClAppApplication *self)
{
  g_return_val_if_fail (CL_APP_IS_APPLICATION (self), "");
  return self->language != NULL ? self->language : "";
}

void
cl_app_application_set_language (ClAppApplication *self, const char *code)
{
  g_return_if_fail (CL_APP_IS_APPLICATION (self));
  g_return_if_fail (code != NULL);

  g_free (self->language);
  self->language = g_strdup (code);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "language", code);

  if (*code == '\0' && self->system_language != NULL)
    g_setenv ("LANGUAGE", self->system_language, TRUE);
  else if (*code == '\0')
    g_unsetenv ("LANGUAGE");
  else
    {
      g_setenv ("LANGUAGE", code, TRUE);
      /* gettext ignores LANGUAGE in the plain C locale (LANG unset): its
       * UTF-8 twin honours it and is always there. */
      const char *messages = setlocale (LC_MESSAGES, NULL);
      if (messages != NULL && g_str_equal (messages, "C"))
        setlocale (LC_MESSAGES, "C.UTF-8");
    }
  /* Tells gettext that its catalogues changed: translations it cached in
   * the previous language are looked up again. */
  textdomain (GETTEXT_PACKAGE);
}
