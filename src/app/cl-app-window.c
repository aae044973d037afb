#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-window-private.h"
#include "engine/trainer.h"

G_DEFINE_FINAL_TYPE (ClAppWindow, cl_app_window, ADW_TYPE_APPLICATION_WINDOW)

#define ZOOM_STEP CL_APP_WINDOW_ZOOM_STEP

static void
remember_window_state (ClAppWindow *self, GSettings *settings)
{
  if (settings == NULL)
    return;
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

void
_cl_app_window_toast (ClAppWindow *self, const char *message)
{
  /* A toast's title is markup: file names and parser messages are not. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "• LeNet-5" while unsaved changes exist, as GNOME editors mark them;
 * under it the file, or the trained model the design came from. */
void
_cl_app_window_update_title (ClAppWindow *self)
{
  g_autofree char *name = cl_app_document_dup_title (self->document);
  gboolean dirty = cl_app_document_get_dirty (self->document);
  GFile *file = cl_app_document_get_file (self->document);
  g_autofree char *title = dirty ? g_strdup_printf ("• %s", name) : g_strdup (name);
  g_autofree char *window_title = g_strdup_printf ("%s – ConvLab", title);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 path != NULL ? path
                                 : dirty ? _("Not saved")
                                 : self->model_path != NULL ? self->model_path
                                 : _("New network"));
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_undo_actions (ClAppWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 cl_app_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 cl_app_document_can_redo (self->document));
}

/* ---- data --------------------------------------------------------------- */

/* Identifies the data a reference loads: its source and its options. */
static char *
data_key (const ClDataRef *ref)
{
  return g_strdup_printf ("%s|%d|%u|%g|%g|%u|%" G_GUINT64_FORMAT "|%u|%d|%g|%" G_GUINT64_FORMAT "|%u",
                          ref->source, ref->norm, ref->toy.n_points, ref->toy.noise,
                          ref->toy.test_fraction, ref->toy.n_classes, ref->toy.seed,
                          ref->folder.size, ref->folder.grey, ref->folder.test_fraction,
                          ref->folder.seed, ref->train_limit);
}

static void
show_data_settings (ClAppWindow *self, const ClDataRef *ref)
{
  gboolean has = cl_app_data_settings_applies (ref->source);

  gtk_widget_set_visible (GTK_WIDGET (self->data_settings_button), has);
  if (has)
    cl_app_data_settings_show (self->data_settings, ref);
  const ClTrainSettings *train = cl_net_spec_peek_train (cl_app_document_get_design (self->document)->spec);
  cl_app_data_settings_show_augment (self->data_settings, &train->augment, train->seed);
}

/* The strip of augmented samples starts at the run's current epoch. */
static void
sync_augment_epoch (ClAppWindow *self)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (self->training);

  cl_app_data_settings_set_epoch (self->data_settings, s != NULL ? s->epoch : 0);
}

/* Augmentation is a training setting shown beside the data: one undo step. */
static void
on_augment_changed (ClAppWindow *self)
{
  ClTrainSettings train = *cl_net_spec_peek_train (cl_app_document_get_design (self->document)->spec);

  cl_app_data_settings_get_augment (self->data_settings, &train.augment);
  cl_app_document_set_train (self->document, &train);
}

typedef struct {
  ClAppWindow *window;  /* a weak pointer: the window may close while loading */
  ClDataRef ref;
  gboolean adopt_shape; /* the user chose this data: the input follows it */
  guint serial;
} DataLoad;

static void
data_load_free (DataLoad *load)
{
  g_clear_weak_pointer (&load->window);
  cl_data_ref_clear (&load->ref);
  g_free (load);
}

static void
load_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DataLoad *load = data;
  GError *error = NULL;
  ClDataset *dataset = cl_data_ref_load (&load->ref, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) cl_dataset_unref);
}

static void
show_fit (ClAppWindow *self, ClDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  const ClDesign *design = cl_app_document_get_design (self->document);

  g_autofree char *label = g_strdup_printf ("%s · %u×%u×%u", dataset->name, dataset->channels,
                                            dataset->height, dataset->width);
  gtk_menu_button_set_label (self->data_button, label);
  cl_app_network_canvas_set_input_label (self->canvas, dataset->name);
  /* The canvas already shows a broken design; this says why a sound one
   * cannot learn from this data. */
  if (cl_app_document_get_error (self->document) == NULL
      && cl_net_spec_get_n_layers (design->spec) > 0
      && !cl_trainer_check_fits (design->spec, dataset, &error))
    {
      gtk_label_set_text (self->data_fit_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->data_fit_label), "error");
    }
  else
    {
      gtk_label_set_text (self->data_fit_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->data_fit_label), "error");
    }
  _cl_app_window_training_update (self, dataset, error != NULL ? error->message : NULL);
}

static void
data_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DataLoad *load = g_task_get_task_data (G_TASK (result));
  ClAppWindow *self = load->window;
  g_autoptr(GError) error = NULL;
  ClDataset *dataset = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || load->serial != self->data_serial)
    {
      /* The window is gone, or the user chose other data meanwhile. */
      g_clear_pointer (&dataset, cl_dataset_unref);
      return;
    }
  gtk_spinner_stop (self->data_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->data_spinner), FALSE);
  if (dataset == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the data: %s"), error->message);
      _cl_app_window_toast (self, message);
      gtk_label_set_text (self->data_fit_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->data_fit_label), "error");
      _cl_app_window_training_update (self, NULL, message);
      return;
    }
  /* Recorded first, so the change below does not load it again. */
  g_object_set_data_full (G_OBJECT (self), "cl-dataset", dataset,
                          (GDestroyNotify) cl_dataset_unref);
  cl_app_data_settings_set_preview (self->data_settings, dataset);
  g_free (self->fit_checked_for);
  g_free (self->pending_language);
  self->fit_checked_for = data_key (&load->ref);
  if (load->adopt_shape)
    cl_app_document_set_data (self->document, &load->ref, dataset->channels, dataset->height,
                              dataset->width);
  show_fit (self, dataset);
}

/* Loads in a thread: the full Fashion-MNIST takes a moment, the window must not. */
static void
load_data (ClAppWindow *self, const ClDataRef *ref, gboolean adopt_shape)
{
  DataLoad *load = g_new0 (DataLoad, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, data_loaded, NULL);

  g_set_weak_pointer (&load->window, self);
  gtk_widget_set_visible (GTK_WIDGET (self->data_spinner), TRUE);
  gtk_spinner_start (self->data_spinner);
  cl_data_ref_copy (&load->ref, ref);
  load->adopt_shape = adopt_shape;
  load->serial = ++self->data_serial;
  g_task_set_task_data (task, load, (GDestroyNotify) data_load_free);
  /* Named as a person says it while it loads, not by its id. */
  g_autofree char *name = cl_data_source_display_name (ref->source);
  gtk_menu_button_set_label (self->data_button, name);
  cl_app_network_canvas_set_input_label (self->canvas, NULL);
  g_task_run_in_thread (task, load_in_thread);
}

static void
data_source_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  ClDataRef ref;

  cl_data_ref_init (&ref, g_variant_get_string (parameter, NULL));
  /* Other images, the same treatment: a contrast lesson moved from grey
   * photos to colour ones stays a contrast lesson. */
  ref.norm = cl_app_document_get_design (self->document)->data.norm;
  load_data (self, &ref, TRUE);
  cl_data_ref_clear (&ref);
}

static void
data_folder_chosen (GtkNativeDialog *dialog, int response, ClAppWindow *self)
{
  const char *prefix = g_object_get_data (G_OBJECT (dialog), "cl-prefix");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *source = g_strdup_printf ("%s:%s", prefix, path);
      ClDataRef ref;
      cl_data_ref_init (&ref, source);
      ref.norm = cl_app_document_get_design (self->document)->data.norm;
      load_data (self, &ref, TRUE);
      cl_data_ref_clear (&ref);
    }
  g_object_unref (dialog);
}

static void
data_folder_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Choose a Data Folder"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), NULL);

  g_object_set_data_full (G_OBJECT (dialog), "cl-prefix",
                          g_variant_dup_string (parameter, NULL), g_free);
  _cl_app_window_start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (data_folder_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_data_settings_changed (ClAppWindow *self)
{
  ClDataRef ref;

  cl_data_ref_copy (&ref, &cl_app_document_get_design (self->document)->data);
  cl_app_data_settings_apply (self->data_settings, &ref);
  load_data (self, &ref, TRUE);
  cl_data_ref_clear (&ref);
}

/* ---- editing ------------------------------------------------------------ */

static void
on_document_changed (ClAppWindow *self)
{
  const ClDesign *design = cl_app_document_get_design (self->document);
  ClDataset *dataset = g_object_get_data (G_OBJECT (self), "cl-dataset");

  _cl_app_window_update_title (self);
  update_undo_actions (self);
  _cl_app_window_schedule_autosave (self);
  /* Data changed by undo, a template or a file: load it, keep the design's shape. */
  g_autofree char *key = data_key (&design->data);
  show_data_settings (self, &design->data);
  if (g_strcmp0 (self->fit_checked_for, key) != 0)
    {
      g_free (self->fit_checked_for);
      self->fit_checked_for = g_steal_pointer (&key);
      g_object_set_data (G_OBJECT (self), "cl-dataset", NULL);
      cl_app_data_settings_set_preview (self->data_settings, NULL);
      load_data (self, &design->data, FALSE);
      _cl_app_window_training_update (self, NULL, NULL);
    }
  else if (dataset != NULL)
    show_fit (self, dataset);
  else
    _cl_app_window_training_update (self, NULL, NULL);
}

static void
undo_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cl_app_document_undo (CL_APP_WINDOW (widget)->document);
}

static void
redo_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cl_app_document_redo (CL_APP_WINDOW (widget)->document);
}

/* The palette's Enter and the tests: insert a kind after the selection. */
static void
insert_layer_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  int selected = cl_app_document_get_selected (self->document);
  int at = selected >= 0 ? selected + 1 : cl_app_document_get_n_layers (self->document);

  cl_app_document_insert_layer (self->document, at, g_variant_get_string (parameter, NULL));
}

static void
zoom_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  double zoom = cl_app_network_canvas_get_zoom (self->canvas);

  double factor = 0;

  if (g_str_equal (action, "win.zoom-in"))
    factor = ZOOM_STEP;
  else if (g_str_equal (action, "win.zoom-out"))
    factor = 1 / ZOOM_STEP;
  cl_app_network_canvas_set_zoom (self->canvas, factor > 0 ? zoom * factor : 1.0);
  /* The panels' pictures too: the class reads them as much as the network. */
  _cl_app_window_present_zoom (self, factor);
}

/* ---- object ------------------------------------------------------------- */

static void
cl_app_window_dispose (GObject *object)
{
  ClAppWindow *self = CL_APP_WINDOW (object);

  _cl_app_window_files_dispose (self);
  _cl_app_window_training_dispose (self);
  _cl_app_window_explorers_dispose (self);
  _cl_app_window_compare_dispose (self);
  _cl_app_window_lessons_dispose (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CL_APP_TYPE_WINDOW);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (cl_app_window_parent_class)->dispose (object);
}

static void
cl_app_window_finalize (GObject *object)
{
  ClAppWindow *self = CL_APP_WINDOW (object);

  g_free (self->fit_checked_for);
  G_OBJECT_CLASS (cl_app_window_parent_class)->finalize (object);
}

enum { PROP_0, PROP_DOCUMENT, N_PROPS };

static GParamSpec *properties[N_PROPS];

static void cl_app_window_constructed (GObject *object);

static void
cl_app_window_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  ClAppWindow *self = CL_APP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_app_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ClAppWindow *self = CL_APP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_app_window_class_init (ClAppWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_window_dispose;
  object_class->finalize = cl_app_window_finalize;
  object_class->constructed = cl_app_window_constructed;
  object_class->set_property = cl_app_window_set_property;
  object_class->get_property = cl_app_window_get_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CL_APP_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CL_APP_TYPE_PALETTE);
  g_type_ensure (CL_APP_TYPE_NETWORK_CANVAS);
  g_type_ensure (CL_APP_TYPE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convlab/ConvLab/ui/cl-app-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, step_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, reset_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, center_paned);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, training_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, filters_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, activations_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, dropout_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, curves_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, landscape_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, gradients_page);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, data_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, data_settings_button);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, data_spinner);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, data_fit_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, canvas_area);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, panel_area);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, panel_switcher);
  gtk_widget_class_bind_template_child (widget_class, ClAppWindow, maximise_button);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.insert-layer", "s", insert_layer_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.data-source", "s", data_source_action);
  gtk_widget_class_install_action (widget_class, "win.data-folder", "s", data_folder_action);
  _cl_app_window_install_file_actions (widget_class);
  _cl_app_window_install_code_actions (widget_class);
  _cl_app_window_install_training_actions (widget_class);
  _cl_app_window_install_present_actions (widget_class);
  _cl_app_window_install_explorer_actions (widget_class);
  _cl_app_window_install_compare_actions (widget_class);
  _cl_app_window_install_lesson_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
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

/* After the properties: the window edits the document it was given (the
 * language switch hands the old window's over, undo history and all) or
 * a new one. */
static void
cl_app_window_constructed (GObject *object)
{
  ClAppWindow *self = CL_APP_WINDOW (object);

  G_OBJECT_CLASS (cl_app_window_parent_class)->constructed (object);
  if (self->document == NULL)
    self->document = cl_app_document_new ();
  cl_app_palette_set_document (self->palette, self->document);
  cl_app_network_canvas_set_document (self->canvas, self->document);
  cl_app_inspector_set_document (self->inspector, self->document);
  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (self->document, "notify::dirty", G_CALLBACK (_cl_app_window_update_title), self);
  g_signal_connect_swapped (self->document, "notify::file", G_CALLBACK (_cl_app_window_update_title), self);

  _cl_app_window_files_init (self);
  _cl_app_window_training_init (self);
  _cl_app_window_present_init (self);
  _cl_app_window_explorers_init (self);
  _cl_app_window_compare_init (self);
  _cl_app_window_lessons_init (self);
  _cl_app_window_update_title (self);
  update_undo_actions (self);
  self->data_settings = CL_APP_DATA_SETTINGS (cl_app_data_settings_new ());
  gtk_menu_button_set_popover (self->data_settings_button, GTK_WIDGET (self->data_settings));
  g_signal_connect_swapped (self->data_settings, "changed", G_CALLBACK (on_data_settings_changed),
                            self);
  g_signal_connect_swapped (self->data_settings, "augment-changed",
                            G_CALLBACK (on_augment_changed), self);
  g_signal_connect_swapped (self->training, "snapshot-changed", G_CALLBACK (sync_augment_epoch),
                            self);
  load_data (self, &cl_app_document_get_design (self->document)->data, FALSE);
  self->fit_checked_for = data_key (&cl_app_document_get_design (self->document)->data);
  show_data_settings (self, &cl_app_document_get_design (self->document)->data);
}

ClAppWindow *
cl_app_window_new (ClAppApplication *application)
{
  return cl_app_window_new_for_document (application, NULL);
}

ClAppWindow *
cl_app_window_new_for_document (ClAppApplication *application, ClAppDocument *document)
{
  ClAppWindow *self = g_object_new (CL_APP_TYPE_WINDOW, "application", application,
                                    "document", document, NULL);

  remember_window_state (self, cl_app_application_get_settings (application));
  /* Once the window knows its application, which keeps the language. */
  _cl_app_window_language_init (self);
  return self;
}

ClAppDocument *
cl_app_window_get_document (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), NULL);
  return self->document;
}
