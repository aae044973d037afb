#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cl-app-window-private.h"
#include "engine/model-file.h"
#include "engine/model-history.h"
#include "engine/model-landscape.h"

/* The window's files: New, Open (designs and trained models), Save, Save
 * As, the autosave that a crash cannot take away, and the question asked
 * before unsaved work would be lost. */

#define AUTOSAVE_DELAY_SECONDS 2

/* What waits for the user's answer: leaving the current document and its
 * run for something else. */
typedef enum {
  THEN_NOTHING,
  THEN_CLOSE,
  THEN_NEW,
  THEN_OPEN,        /* the Open chooser */
  THEN_EXAMPLE,     /* an example design, as a new untitled document */
  THEN_RESTORE,     /* the autosaved design, as a new untitled document */
  THEN_CALL,        /* a command that replaces the run (Play after an edit, Reset) */
} Then;

/* One "may I leave?" in progress: every way of replacing the document or
 * closing the window goes through leave_then (), which asks about unsaved
 * changes of the design, then about unsaved epochs of the run, then does
 * `then`.  Each question can be answered Save, Discard or Cancel. */
typedef struct {
  ClAppWindow *window;      /* held: the window may close meanwhile */
  Then then;
  char *path;               /* THEN_EXAMPLE's file */
  void (*call) (ClAppWindow *self);   /* THEN_CALL's command */
  gboolean design_done;     /* the design's changes are saved or given up */
  gboolean run_done;        /* the run's epochs are saved or given up */
} Leave;

static void leave_next (Leave *leave);
static void choose_file_to_open (ClAppWindow *self);
static void choose_model_file (ClAppWindow *self, Leave *leave);
static void choose_file_to_save (ClAppWindow *self, Leave *leave);

static Leave *
leave_new (ClAppWindow *self, Then then, const char *path)
{
  Leave *leave = g_new0 (Leave, 1);

  leave->window = g_object_ref (self);
  leave->then = then;
  leave->path = g_strdup (path);
  return leave;
}

static void
leave_free (Leave *leave)
{
  if (leave == NULL)
    return;
  g_object_unref (leave->window);
  g_free (leave->path);
  g_free (leave);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Leave, leave_free)

char *
_cl_app_window_autosave_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
}

static void
remove_autosave (void)
{
  g_autofree char *path = _cl_app_window_autosave_path ();
  g_unlink (path);
}

static gboolean
autosave_now (gpointer data)
{
  ClAppWindow *self = data;
  g_autofree char *path = _cl_app_window_autosave_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!cl_app_document_get_dirty (self->document))
    {
      /* Nothing that a file does not already hold. */
      g_unlink (path);
      return G_SOURCE_REMOVE;
    }
  g_mkdir_with_parents (dir, 0700);
  if (!cl_design_save (cl_app_document_get_design (self->document), path, &error))
    g_warning ("Autosave failed: %s", error->message);
  return G_SOURCE_REMOVE;
}

void
_cl_app_window_schedule_autosave (ClAppWindow *self)
{
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_now, self);
}

static gboolean
close_later (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Where a file chooser starts: beside the document, else beside the model
 * it came from, else where a file was last opened or saved in this
 * window; not the directory the application was started from. */
static GFile *
dup_chooser_folder (ClAppWindow *self)
{
  GFile *file = cl_app_document_get_file (self->document);

  if (file != NULL)
    return g_file_get_parent (file);
  if (self->model_path != NULL)
    {
      g_autoptr(GFile) model = g_file_new_for_path (self->model_path);
      return g_file_get_parent (model);
    }
  return self->last_folder != NULL ? g_object_ref (self->last_folder) : NULL;
}

void
_cl_app_window_start_chooser (ClAppWindow *self, GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = dup_chooser_folder (self);

  /* A folder that is gone leaves the chooser where it is: not an error. */
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
remember_folder (ClAppWindow *self, GFile *file)
{
  g_clear_object (&self->last_folder);
  self->last_folder = g_file_get_parent (file);
}

/* Another document replaces this one: its run and pictures go with it. */
static void
replace_document (ClAppWindow *self, ClDesign *design, GFile *file, ClNet *net)
{
  cl_app_training_forget (self->training);
  cl_app_document_load (self->document, design, file);
  _cl_app_window_set_trained (self, net);
}

static void
open_example (ClAppWindow *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  ClDesign *design = cl_design_load (path, &error);

  if (design == NULL)
    {
      _cl_app_window_toast (self, error->message);
      return;
    }
  /* Shipped names are marked for translation (cl-app-palette.c): the
   * title shows the name the palette shows. */
  if (design->name != NULL && *design->name != '\0')
    {
      char *name = g_strdup (_(design->name));
      g_free (design->name);
      design->name = name;
    }
  /* Untitled: Save asks where, and never writes over the file the window
   * had before. */
  replace_document (self, design, NULL, NULL);
}

/* The design a previous session left unsaved, offered back once: a new
 * untitled document, with changes to save. */
static void
restore_autosave (ClAppWindow *self)
{
  g_autofree char *path = _cl_app_window_autosave_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);

  if (design == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore the unsaved network: %s"),
                                                  error->message);
      _cl_app_window_toast (self, message);
      return;
    }
  replace_document (self, NULL, NULL, NULL);
  cl_app_document_replace (self->document, design);
}

/* Everything was saved or given up: do what was asked. */
static void
do_then (ClAppWindow *self, Leave *leave)
{
  switch (leave->then)
    {
    case THEN_CALL:
      leave->call (self);
      break;
    case THEN_CLOSE:
      self->close_confirmed = TRUE;
      if (!cl_app_document_get_dirty (self->document))
        remove_autosave ();
      /* Once the prompt that asked is gone: it is transient for this window. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
      break;
    case THEN_NEW:
      replace_document (self, NULL, NULL, NULL);
      break;
    case THEN_OPEN:
      choose_file_to_open (self);
      break;
    case THEN_EXAMPLE:
      open_example (self, leave->path);
      break;
    case THEN_RESTORE:
      restore_autosave (self);
      break;
    case THEN_NOTHING:
      break;
    }
}

static gboolean
save_to (ClAppWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;

  if (!cl_app_document_save (self->document, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Could not save “%s”: %s"), name,
                                                  error->message);
      _cl_app_window_toast (self, message);
      return FALSE;
    }
  remember_folder (self, file);
  remove_autosave ();
  return TRUE;
}

gboolean
cl_app_window_save_as_file (ClAppWindow *self, GFile *file)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), FALSE);
  return save_to (self, file);
}

/* Training goes on from the opened model's weights, its curves and its
 * landscape shown as they were saved.  A part of the file that cannot be
 * read is said and left out: the weights are still there. */
static void
train_from_model (ClAppWindow *self, const char *path)
{
  const ClDesign *design = cl_app_document_get_design (self->document);
  g_autoptr(ClNet) start = cl_net_new (design->spec, 1, NULL);
  g_autoptr(GError) history_error = NULL;
  g_autoptr(GError) landscape_error = NULL;

  /* The window keeps its own copy for the canvas; this one is the
   * training controller's. */
  if (start == NULL || !cl_net_copy_state (start, self->trained, NULL))
    return;
  ClModelHistory *history = cl_model_load_history (path, &history_error);
  ClLandscape *landscape = cl_model_load_landscape (path, &landscape_error);
  if (history_error != NULL)
    _cl_app_window_toast (self, history_error->message);
  if (landscape_error != NULL)
    _cl_app_window_toast (self, landscape_error->message);
  cl_app_training_set_start (self->training, design, g_steal_pointer (&start), history,
                             landscape);
}

gboolean
cl_app_window_open_file (ClAppWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  ClDesign *design = NULL;
  ClNet *net = NULL;

  g_return_val_if_fail (CL_APP_IS_WINDOW (self), FALSE);
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("only local files can be opened"));
  else
    {
      /* A trained model: its design is what the editor shows, its weights
       * colour the links of a small network. */
      cl_model_open_any (path, 1, &design, &net, &error);
    }

  if (design == NULL)
    {
      /* The engine's messages name the file already; others get its name. */
      g_autofree char *message = strstr (error->message, name) != NULL
                                   ? g_strdup (error->message)
                                   : g_strdup_printf (_("Could not open “%s”: %s"), name,
                                                      error->message);
      _cl_app_window_toast (self, message);
      return FALSE;
    }
  /* A design saved only as a file has no name of its own (its title was
   * the file's name): its model is called after the model's file, not
   * "Untitled network". */
  if (net != NULL && (design->name == NULL || *design->name == '\0'))
    {
      g_free (design->name);
      design->name = g_strdup (name);
      char *dot = strrchr (design->name, '.');
      if (dot != NULL && dot != design->name)
        *dot = '\0';
    }
  /* A model is not a design file: saving must ask where. */
  replace_document (self, design, net != NULL ? NULL : file, net);
  remember_folder (self, file);
  if (net != NULL)
    {
      self->model_path = g_strdup (path);
      _cl_app_window_update_title (self);
      train_from_model (self, path);
    }
  return TRUE;
}

static void
on_save_chosen (GtkNativeDialog *dialog, int response, ClAppWindow *self)
{
  g_autoptr(Leave) leave = g_object_steal_data (G_OBJECT (dialog), "cl-leave");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (save_to (self, file) && leave != NULL)
        {
          leave->design_done = TRUE;
          leave_next (g_steal_pointer (&leave));
        }
    }
  g_object_unref (dialog);
}

static GtkFileFilter *
filter_new (const char *name, const char *pattern, const char *pattern2)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (pattern2 != NULL)
    gtk_file_filter_add_pattern (filter, pattern2);
  return filter;
}

/* Save As; `leave` (taken, may be NULL) goes on once saved. */
static void
choose_file_to_save (ClAppWindow *self, Leave *leave)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Save Network"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  g_autofree char *title = cl_app_document_dup_title (self->document);
  g_autofree char *name = g_strdup_printf ("%s.json", title);
  g_autoptr(GtkFileFilter) filter = filter_new (_("ConvLab networks"), "*.json", NULL);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  _cl_app_window_start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "cl-leave", leave, (GDestroyNotify) leave_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Save: to the document's own file, or Save As when it has none (an
 * example, a new network, a model's design).  `leave` as above. */
static void
save_document (ClAppWindow *self, Leave *leave)
{
  GFile *file = cl_app_document_get_file (self->document);

  if (file == NULL)
    choose_file_to_save (self, leave);
  else if (save_to (self, file) && leave != NULL)
    {
      leave->design_done = TRUE;
      leave_next (leave);
    }
  else
    leave_free (leave);
}

/* ---- trained models -------------------------------------------------- */

/* What a model save answers to: the window (held: it may be closed
 * meanwhile), the file's name, and what waits for it (or NULL). */
typedef struct {
  ClAppWindow *window;
  char *name;
  Leave *leave;
} ModelSave;

static void
model_save_free (ModelSave *save)
{
  g_object_unref (save->window);
  g_free (save->name);
  leave_free (save->leave);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ModelSave, model_save_free)

static void
on_model_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(ModelSave) save = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean saved = cl_app_training_save_model_finish (CL_APP_TRAINING (source), result, &error);

  if (saved)
    message = g_strdup_printf (_("Saved the trained network as “%s”."), save->name);
  else
    message = g_strdup_printf (_("Could not save “%s”: %s"), save->name, error->message);
  _cl_app_window_toast (save->window, message);
  /* What waited for this save goes on; a failed one stops it there. */
  if (saved && save->leave != NULL)
    {
      save->leave->run_done = TRUE;
      leave_next (g_steal_pointer (&save->leave));
    }
}

static void
save_model (ClAppWindow *self, GFile *file, Leave *leave)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save “%s”: %s"), name,
                                                  _("only local files can be written"));
      _cl_app_window_toast (self, message);
      leave_free (leave);
      return;
    }
  remember_folder (self, file);
  ModelSave *save = g_new0 (ModelSave, 1);
  save->window = g_object_ref (self);
  save->name = g_steal_pointer (&name);
  save->leave = leave;
  cl_app_training_save_model_async (self->training, path, on_model_saved, save);
}

void
cl_app_window_save_model_file (ClAppWindow *self, GFile *file)
{
  g_return_if_fail (CL_APP_IS_WINDOW (self));
  save_model (self, file, NULL);
}

static void
on_model_file_chosen (GtkNativeDialog *dialog, int response, ClAppWindow *self)
{
  Leave *leave = g_object_steal_data (G_OBJECT (dialog), "cl-leave");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      save_model (self, file, leave);
    }
  else
    leave_free (leave);
  g_object_unref (dialog);
}

static void
save_model_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  choose_model_file (CL_APP_WINDOW (widget), NULL);
}

/* Save Trained Network…; `leave` (taken, may be NULL) goes on once saved. */
static void
choose_model_file (ClAppWindow *self, Leave *leave)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Save Trained Network"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  g_autofree char *title = cl_app_document_dup_title (self->document);
  g_autofree char *name = g_strdup_printf ("%s.safetensors", title);
  g_autoptr(GtkFileFilter) filter = filter_new (_("Trained models"), "*.safetensors", NULL);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  _cl_app_window_start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "cl-leave", leave, (GDestroyNotify) leave_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_model_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_open_chosen (GtkNativeDialog *dialog, int response, ClAppWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      cl_app_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
choose_file_to_open (ClAppWindow *self)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Open Network"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  g_autoptr(GtkFileFilter) all = filter_new (_("Networks and trained models"), "*.json",
                                             "*.safetensors");
  g_autoptr(GtkFileFilter) designs = filter_new (_("ConvLab networks"), "*.json", NULL);
  g_autoptr(GtkFileFilter) models = filter_new (_("Trained models"), "*.safetensors", NULL);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), designs);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), models);
  _cl_app_window_start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* "Save?" with Cancel, a destructive `discard_label` and a suggested
 * `save_label` (response ids "cancel", "discard", "save"); `body` is
 * shown as it is.  The answer goes to `response` with `leave` (taken). */
static void
ask_before_losing (Leave *leave, const char *heading, const char *body,
                   const char *discard_label, const char *save_label, GCallback response)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (leave->window), heading, body);
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "discard", discard_label,
                                    "save", save_label, NULL);
  adw_message_dialog_set_response_appearance (d, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (d, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (d, "save");
  adw_message_dialog_set_close_response (d, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cl-leave", leave, (GDestroyNotify) leave_free);
  g_signal_connect (dialog, "response", response, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_design_prompt_response (AdwMessageDialog *dialog, const char *response)
{
  Leave *leave = g_object_steal_data (G_OBJECT (dialog), "cl-leave");

  if (g_str_equal (response, "discard"))
    {
      remove_autosave ();
      leave->design_done = TRUE;
      leave_next (leave);
    }
  else if (g_str_equal (response, "save"))
    save_document (leave->window, leave);
  else
    leave_free (leave);
}

static void
on_run_prompt_response (AdwMessageDialog *dialog, const char *response)
{
  Leave *leave = g_object_steal_data (G_OBJECT (dialog), "cl-leave");

  if (g_str_equal (response, "discard"))
    {
      leave->run_done = TRUE;
      leave_next (leave);
    }
  else if (g_str_equal (response, "save"))
    choose_model_file (leave->window, leave);
  else
    leave_free (leave);
}

/* The design's changes first, then the run's epochs (minutes of training
 * are work too), then what was asked: each question only when there is
 * something to lose.  Takes `leave`. */
static void
leave_next (Leave *leave)
{
  ClAppWindow *self = leave->window;
  gboolean closing = leave->then == THEN_CLOSE;

  if (!leave->design_done && cl_app_document_get_dirty (self->document))
    {
      g_autofree char *title = cl_app_document_dup_title (self->document);
      g_autofree char *body = g_strdup_printf (_("“%s” has changes that are not saved. "
                                                 "If you do not save them, they are lost."), title);
      ask_before_losing (leave, _("Save Changes?"), body, _("_Discard"), _("_Save"),
                         G_CALLBACK (on_design_prompt_response));
      return;
    }
  int epochs = cl_app_training_get_unsaved_epochs (self->training);
  if (!leave->run_done && epochs > 0)
    {
      g_autofree char *body =
        closing
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The network trained for %d epoch since it was last saved. "
                                          "If you close without saving, its trained weights are lost.",
                                          "The network trained for %d epochs since it was last saved. "
                                          "If you close without saving, its trained weights are lost.",
                                          epochs),
                             epochs)
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The network trained for %d epoch since it was last saved. "
                                          "If you go on without saving, its trained weights are lost.",
                                          "The network trained for %d epochs since it was last saved. "
                                          "If you go on without saving, its trained weights are lost.",
                                          epochs),
                             epochs);
      ask_before_losing (leave, _("Save the Trained Network?"), body,
                         closing ? _("Close _Without Saving") : _("_Discard"), _("_Save…"),
                         G_CALLBACK (on_run_prompt_response));
      return;
    }
  do_then (self, leave);
  leave_free (leave);
}

/* The one way to leave the current document and its run. */
static void
leave_then (ClAppWindow *self, Then then, const char *path)
{
  leave_next (leave_new (self, then, path));
}

void
_cl_app_window_leave_run (ClAppWindow *self, void (*then) (ClAppWindow *self))
{
  Leave *leave = leave_new (self, THEN_CALL, NULL);

  /* The design stays: only the run's weights are at stake. */
  leave->design_done = TRUE;
  leave->call = then;
  leave_next (leave);
}

void
_cl_app_window_leave_document (ClAppWindow *self, void (*then) (ClAppWindow *self))
{
  Leave *leave = leave_new (self, THEN_CALL, NULL);

  leave->call = then;
  leave_next (leave);
}

void
_cl_app_window_open_design (ClAppWindow *self, ClDesign *design)
{
  replace_document (self, design, NULL, NULL);
}

static gboolean
on_close_request (ClAppWindow *self)
{
  if (self->close_confirmed)
    return FALSE;
  if (cl_app_document_get_dirty (self->document)
      || cl_app_training_get_unsaved_epochs (self->training) > 0)
    {
      leave_then (self, THEN_CLOSE, NULL);
      return TRUE;
    }
  remove_autosave ();
  return FALSE;
}

static void
new_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  leave_then (CL_APP_WINDOW (widget), THEN_NEW, NULL);
}

static void
open_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  leave_then (CL_APP_WINDOW (widget), THEN_OPEN, NULL);
}

/* The palette's examples: a new untitled document from a shipped design. */
static void
open_example_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  leave_then (CL_APP_WINDOW (widget), THEN_EXAMPLE, g_variant_get_string (parameter, NULL));
}

static void
save_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  save_document (CL_APP_WINDOW (widget), NULL);
}

static void
save_as_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  choose_file_to_save (CL_APP_WINDOW (widget), NULL);
}

static void
restore_autosave_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  leave_then (CL_APP_WINDOW (widget), THEN_RESTORE, NULL);
}

void
_cl_app_window_install_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-model", NULL, save_model_action);
  gtk_widget_class_install_action (widget_class, "win.restore-autosave", NULL,
                                   restore_autosave_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}

void
_cl_app_window_files_init (ClAppWindow *self)
{
  g_autofree char *path = _cl_app_window_autosave_path ();

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      AdwToast *toast = adw_toast_new (_("A network was not saved last time."));
      adw_toast_set_button_label (toast, _("_Restore"));
      adw_toast_set_action_name (toast, "win.restore-autosave");
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

void
_cl_app_window_set_trained (ClAppWindow *self, ClNet *net)
{
  if (net == NULL && self->training != NULL)
    cl_app_training_set_start (self->training, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->model_path, g_free);
  _cl_app_window_update_title (self);
  cl_app_network_canvas_set_trained (self->canvas, net);
  g_clear_pointer (&self->trained, cl_net_free);
  self->trained = net;
}

void
_cl_app_window_files_dispose (ClAppWindow *self)
{
  if (self->canvas != NULL)
    cl_app_network_canvas_set_trained (self->canvas, NULL);
  g_clear_pointer (&self->trained, cl_net_free);
  g_clear_pointer (&self->model_path, g_free);
  g_clear_object (&self->last_folder);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
}
