/* cl-app-compare-files.c — Save Race… and Open Race… of the Compare Runs
 * window: a race file and its runs as models (engine/race-file.h, which
 * writes each file atomically and never replaces one the user did not
 * name).  Saving writes the runs' newest snapshots — immutable, so the
 * race trains on — in a thread; opening reads the file at once and loads
 * its design's data in a thread, as the main window loads data. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-compare-window-private.h"
#include "engine/data-source.h"
#include "engine/race-file.h"

/* ---- saving ---- */

typedef struct {
  char *path;
  char *name;
  ClDesign *base;
  ClRaceSetting setting;
  char *values[CL_RACE_MAX];
  ClSnapshot *snapshots[CL_RACE_MAX];
  int n_runs;
} Saving;

static void
saving_free (Saving *saving)
{
  g_free (saving->path);
  g_free (saving->name);
  cl_design_free (saving->base);
  for (int i = 0; i < saving->n_runs; i++)
    {
      g_free (saving->values[i]);
      g_clear_pointer (&saving->snapshots[i], cl_snapshot_unref);
    }
  g_free (saving);
}

static void
save_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Saving *saving = data;
  GError *error = NULL;

  if (cl_race_file_save (saving->path, saving->base, saving->setting,
                         (const char *const *) saving->values, saving->snapshots,
                         saving->n_runs, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (source);
  Saving *saving = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("Saved the race as “%s”."), saving->name);
  else if (strstr (error->message, saving->name) != NULL)
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (_("Could not save “%s”: %s"), saving->name, error->message);
  _cl_app_compare_window_toast (self, message);
}

void
cl_app_compare_window_save_race_file (ClAppCompareWindow *self, GFile *file)
{
  g_return_if_fail (CL_APP_IS_COMPARE_WINDOW (self));

  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  if (self->race == NULL || self->base == NULL)
    {
      _cl_app_compare_window_toast (self, _("There is no race to save: press Play first."));
      return;
    }
  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save “%s”: only local files can "
                                                    "be saved."), name);
      _cl_app_compare_window_toast (self, message);
      return;
    }

  Saving *saving = g_new0 (Saving, 1);
  saving->path = g_steal_pointer (&path);
  saving->name = g_steal_pointer (&name);
  saving->base = cl_design_copy (self->base);
  saving->setting = self->setting;
  saving->n_runs = self->n_runs;
  for (int i = 0; i < self->n_runs; i++)
    {
      ClSnapshot *s = cl_app_race_get_snapshot (self->race, i);
      saving->values[i] = g_strdup (self->values[i]);
      saving->snapshots[i] = s != NULL ? cl_snapshot_ref (s) : NULL;
    }
  g_clear_object (&self->last_folder);
  self->last_folder = g_file_get_parent (file);

  g_autoptr(GTask) task = g_task_new (self, NULL, on_saved, NULL);
  g_task_set_task_data (task, saving, (GDestroyNotify) saving_free);
  g_task_run_in_thread (task, save_in_thread);
}

/* ---- opening ---- */

typedef struct {
  ClRaceFile *race;
  char *name;
  guint serial;
} Opening;

static void
opening_free (Opening *opening)
{
  cl_race_file_free (opening->race);
  g_free (opening->name);
  g_free (opening);
}

static void
load_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Opening *opening = data;
  GError *error = NULL;
  ClDataset *dataset = cl_data_ref_load_for (&opening->race->base->data,
                                             opening->race->base->spec, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) cl_dataset_unref);
}

static void
on_data_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (source);
  Opening *opening = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  ClDataset *dataset = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another file was opened since: this one is late. */
  if (opening->serial != self->open_serial)
    {
      g_clear_pointer (&dataset, cl_dataset_unref);
      return;
    }
  ClRaceFile *race = opening->race;
  if (dataset == NULL
      || !_cl_app_compare_window_set_race (self, race->base, dataset, race->setting,
                                           (const char *const *) race->values, race->n_runs,
                                           race->starts, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), opening->name,
                                                  error->message);
      _cl_app_compare_window_toast (self, message);
    }
  g_clear_pointer (&dataset, cl_dataset_unref);
}

gboolean
cl_app_compare_window_open_race_file (ClAppCompareWindow *self, GFile *file, GError **error)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), FALSE);

  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not open “%s”: only local files can be opened."), name);
      return FALSE;
    }
  ClRaceFile *race = cl_race_file_load (path, error);
  if (race == NULL)
    return FALSE;

  Opening *opening = g_new0 (Opening, 1);
  opening->race = race;
  opening->name = g_steal_pointer (&name);
  opening->serial = ++self->open_serial;
  g_clear_object (&self->last_folder);
  self->last_folder = g_file_get_parent (file);

  g_autoptr(GTask) task = g_task_new (self, NULL, on_data_loaded, NULL);
  g_task_set_task_data (task, opening, (GDestroyNotify) opening_free);
  g_task_run_in_thread (task, load_in_thread);
  return TRUE;
}

/* ---- the dialogs ---- */

static GtkFileFilter *
race_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("ConvLab races"));
  gtk_file_filter_add_pattern (filter, "*" CL_RACE_FILE_SUFFIX);
  return filter;
}

/* Beside the race last saved or opened here, else where the chooser is. */
static void
start_chooser (ClAppCompareWindow *self, GtkFileChooser *chooser)
{
  if (self->last_folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, self->last_folder, NULL);
}

static void
on_save_chosen (GtkNativeDialog *dialog, int response, ClAppCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      cl_app_compare_window_save_race_file (self, file);
    }
  g_object_unref (dialog);
}

static void
save_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Save Race"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  g_autoptr(GtkFileFilter) filter = race_filter ();
  /* "optimiser.convlab-race": the runs become optimiser-1.safetensors… */
  g_autofree char *name = g_strdup_printf ("%s%s", cl_race_setting_to_string (self->setting),
                                           CL_RACE_FILE_SUFFIX);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_open_chosen (GtkNativeDialog *dialog, int response, ClAppCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      if (!cl_app_compare_window_open_race_file (self, file, &error))
        _cl_app_compare_window_toast (self, error->message);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Open Race"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  g_autoptr(GtkFileFilter) filter = race_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_cl_app_compare_window_install_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "compare.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "compare.open", NULL, open_action);
}
