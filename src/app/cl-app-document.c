#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-document.h"

/* Designs are a few kilobytes: a copy per step is simpler and safer than
 * inverse operations, and a long class session stays far below a megabyte. */
#define MAX_UNDO 200
/* A spin button held down, or typed digit by digit, is one undo step. */
#define MERGE_USEC (2 * G_USEC_PER_SEC)

typedef struct {
  ClDesign *design;
  guint64 generation;
  int selected;
} Step;

struct _ClAppDocument
{
  GObject parent_instance;

  ClDesign *design;
  guint64 generation;        /* changes on every edit; dirty = differs from saved */
  guint64 saved_generation;
  guint64 next_generation;
  GQueue undo, redo;         /* of Step */
  GFile *file;
  int selected;

  /* the last setting edit, to merge its repeats */
  int merge_layer;
  char *merge_name;
  gint64 merge_time;

  ClLayerInfo *info;
  int failed_layer;
  char *error;
  guint64 total;
};

G_DEFINE_FINAL_TYPE (ClAppDocument, cl_app_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
step_free (gpointer data)
{
  Step *step = data;
  cl_design_free (step->design);
  g_free (step);
}

static void
check (ClAppDocument *self)
{
  const ClNetSpec *spec = self->design->spec;
  int n = cl_net_spec_get_n_layers (spec);
  g_autoptr(GError) error = NULL;

  g_free (self->info);
  self->info = g_new0 (ClLayerInfo, MAX (n, 1));
  g_clear_pointer (&self->error, g_free);
  self->total = 0;
  /* An empty design is not an error to show: the canvas invites a drop.
   * A design without the last layer its loss needs (a Softmax) is one,
   * marked on that layer like any other: shown only as a neutral hint, it
   * read "Ready" and Play failed with a toast. */
  if (n > 0 && !cl_net_spec_check (spec, self->info, &self->failed_layer, &error))
    self->error = g_strdup (error->message);
  else if (n == 0)
    self->failed_layer = -1;
  for (int i = 0; i < n; i++)
    self->total += self->info[i].n_params;
}

/* The error was written in the language of its moment: after a language
 * switch, check again so it reads in the new one. The design, its undo
 * history and its dirty state do not change. */
void
cl_app_document_recheck (ClAppDocument *self)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  check (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
emit_changed (ClAppDocument *self, guint64 old_generation, gboolean could_undo,
              gboolean could_redo)
{
  g_signal_emit (self, signals[CHANGED], 0);
  if ((old_generation == self->saved_generation) != (self->generation == self->saved_generation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  if (could_undo != cl_app_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != cl_app_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
set_selected_quietly (ClAppDocument *self, int i)
{
  int n = cl_net_spec_get_n_layers (self->design->spec);

  i = n == 0 ? -1 : CLAMP (i, -1, n - 1);
  if (i == self->selected)
    return;
  self->selected = i;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The edit protocol: begin_edit snapshots the current design for undo (or
 * merges with the previous setting edit), the caller changes
 * self->design, end_edit checks and tells everyone. */
typedef struct {
  guint64 generation;
  gboolean could_undo, could_redo;
} EditState;

static EditState
begin_edit (ClAppDocument *self, gboolean merge)
{
  EditState state = { self->generation, cl_app_document_can_undo (self),
                      cl_app_document_can_redo (self) };

  if (!merge)
    {
      Step *step = g_new0 (Step, 1);
      step->design = cl_design_copy (self->design);
      step->generation = self->generation;
      step->selected = self->selected;
      g_queue_push_tail (&self->undo, step);
      while (g_queue_get_length (&self->undo) > MAX_UNDO)
        step_free (g_queue_pop_head (&self->undo));
    }
  g_queue_clear_full (&self->redo, step_free);
  self->generation = ++self->next_generation;
  return state;
}

static void
end_edit (ClAppDocument *self, EditState state, int select)
{
  /* Shapes first: a handler of notify::selected (the canvas keeping the
   * selected block in view) lays out the new design with its layer info,
   * which must not be the old design's shorter array. */
  check (self);
  set_selected_quietly (self, select);
  emit_changed (self, state.generation, state.could_undo, state.could_redo);
}

static void
forget_merge (ClAppDocument *self)
{
  self->merge_layer = -1;
  g_clear_pointer (&self->merge_name, g_free);
}

static ClDesign *
empty_design (void)
{
  /* The embedded Fashion-MNIST works everywhere: its 1x28x28 images are the
   * first input a class sees. */
  return cl_design_new (NULL, cl_net_spec_new (1, 28, 28), "fashion-mnist");
}

static void
cl_app_document_finalize (GObject *object)
{
  ClAppDocument *self = CL_APP_DOCUMENT (object);

  cl_design_free (self->design);
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  g_clear_object (&self->file);
  g_free (self->merge_name);
  g_free (self->info);
  g_free (self->error);
  G_OBJECT_CLASS (cl_app_document_parent_class)->finalize (object);
}

static void
cl_app_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ClAppDocument *self = CL_APP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, cl_app_document_get_dirty (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cl_app_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cl_app_document_can_redo (self));
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_app_document_class_init (ClAppDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_app_document_finalize;
  object_class->get_property = cl_app_document_get_property;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The design, or its shapes and error, changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cl_app_document_init (ClAppDocument *self)
{
  self->design = empty_design ();
  self->selected = -1;
  self->merge_layer = -1;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  check (self);
}

ClAppDocument *
cl_app_document_new (void)
{
  return g_object_new (CL_APP_TYPE_DOCUMENT, NULL);
}

const ClDesign *
cl_app_document_get_design (ClAppDocument *self)
{
  return self->design;
}

const ClNetSpec *
cl_app_document_get_spec (ClAppDocument *self)
{
  return self->design->spec;
}

int
cl_app_document_get_n_layers (ClAppDocument *self)
{
  return cl_net_spec_get_n_layers (self->design->spec);
}

const ClLayerInfo *
cl_app_document_get_layer_info (ClAppDocument *self)
{
  return self->info;
}

int
cl_app_document_get_failed_layer (ClAppDocument *self)
{
  return self->failed_layer;
}

const char *
cl_app_document_get_error (ClAppDocument *self)
{
  return self->error;
}

guint64
cl_app_document_get_total_params (ClAppDocument *self)
{
  return self->error == NULL ? self->total : 0;
}

int
cl_app_document_get_selected (ClAppDocument *self)
{
  return self->selected;
}

void
cl_app_document_set_selected (ClAppDocument *self, int i)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  set_selected_quietly (self, i);
}

gboolean
cl_app_document_insert_layer (ClAppDocument *self, int position, const char *kind)
{
  g_return_val_if_fail (CL_APP_IS_DOCUMENT (self), FALSE);

  if (cl_layer_registry_lookup (kind) == NULL)
    return FALSE;  /* a drop of foreign text: nothing to insert */
  position = CLAMP (position, 0, cl_app_document_get_n_layers (self));
  forget_merge (self);
  EditState state = begin_edit (self, FALSE);
  int i = cl_net_spec_insert_layer (self->design->spec, position, kind);
  end_edit (self, state, i);
  return TRUE;
}

void
cl_app_document_remove_layer (ClAppDocument *self, int i)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));

  if (i < 0 || i >= cl_app_document_get_n_layers (self))
    return;
  forget_merge (self);
  EditState state = begin_edit (self, FALSE);
  cl_net_spec_remove_layer (self->design->spec, i);
  /* The selection moves to the layer that took its place, or the one before. */
  self->selected = -2;
  end_edit (self, state, MIN (i, cl_app_document_get_n_layers (self) - 1));
}

void
cl_app_document_move_layer (ClAppDocument *self, int from, int to)
{
  int n = cl_app_document_get_n_layers (self);

  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  if (from < 0 || from >= n)
    return;
  to = CLAMP (to, 0, n - 1);
  if (to == from)
    return;
  forget_merge (self);
  EditState state = begin_edit (self, FALSE);
  cl_net_spec_move_layer (self->design->spec, from, to);
  self->selected = -2;
  end_edit (self, state, to);
}

void
cl_app_document_set_setting (ClAppDocument *self, int i, const char *name, double value)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));

  if (i < 0 || i >= cl_app_document_get_n_layers (self)
      || cl_layer_kind_find_setting (cl_net_spec_get_layer_kind (self->design->spec, i), name) < 0)
    return;
  if (cl_net_spec_get_setting (self->design->spec, i, name) == value)
    return;

  gint64 now = g_get_monotonic_time ();
  gboolean merge = self->merge_layer == i && g_strcmp0 (self->merge_name, name) == 0
                   && now - self->merge_time < MERGE_USEC && cl_app_document_can_undo (self);
  EditState state = begin_edit (self, merge);
  cl_net_spec_set_setting (self->design->spec, i, name, value);
  self->merge_layer = i;
  g_free (self->merge_name);
  self->merge_name = g_strdup (name);
  self->merge_time = now;
  end_edit (self, state, i);
}

void
cl_app_document_set_init (ClAppDocument *self, int i, ClInitKind init, double value)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));

  if (i < 0 || i >= cl_app_document_get_n_layers (self))
    return;
  double old_value;
  ClInitKind old = cl_net_spec_get_init (self->design->spec, i, &old_value);
  if (old == init && old_value == value)
    return;

  /* Only a scale held down merges; a new kind is a step of its own. */
  gint64 now = g_get_monotonic_time ();
  gboolean merge = old == init && self->merge_layer == i
                   && g_strcmp0 (self->merge_name, "init") == 0
                   && now - self->merge_time < MERGE_USEC && cl_app_document_can_undo (self);
  EditState state = begin_edit (self, merge);
  cl_net_spec_set_init (self->design->spec, i, init, value);
  self->merge_layer = i;
  g_free (self->merge_name);
  /* A scale change after a kind change is a step of its own too. */
  self->merge_name = g_strdup (old == init ? "init" : "init-kind");
  self->merge_time = now;
  end_edit (self, state, i);
}

/* The training settings live in the design (saved with it, undoable);
 * consecutive changes (a spin button held down) merge like a layer
 * setting's, under the pseudo-layer TRAIN_MERGE. */
#define TRAIN_MERGE (-2)

void
cl_app_document_set_train (ClAppDocument *self, const ClTrainSettings *settings)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  g_return_if_fail (settings != NULL);

  ClTrainSettings *train = cl_net_spec_get_train (self->design->spec);
  if (memcmp (train, settings, sizeof *settings) == 0)
    return;

  gint64 now = g_get_monotonic_time ();
  gboolean merge = self->merge_layer == TRAIN_MERGE && now - self->merge_time < MERGE_USEC
                   && cl_app_document_can_undo (self);
  EditState state = begin_edit (self, merge);
  *cl_net_spec_get_train (self->design->spec) = *settings;
  forget_merge (self);
  self->merge_layer = TRAIN_MERGE;
  self->merge_time = now;
  end_edit (self, state, self->selected);
}

void
cl_app_document_set_input (ClAppDocument *self, int c, int h, int w)
{
  ClShape in = cl_net_spec_get_input (self->design->spec);

  if (in.c == c && in.h == h && in.w == w)
    return;
  forget_merge (self);
  EditState state = begin_edit (self, FALSE);
  cl_net_spec_set_input (self->design->spec, c, h, w);
  end_edit (self, state, self->selected);
}

void
cl_app_document_set_data (ClAppDocument *self, const ClDataRef *data, int c, int h, int w)
{
  ClShape in = cl_net_spec_get_input (self->design->spec);
  const ClDataRef *old = &self->design->data;

  if (g_strcmp0 (data->source, old->source) == 0 && data->norm == old->norm
      && memcmp (&data->toy, &old->toy, sizeof data->toy) == 0
      && memcmp (&data->folder, &old->folder, sizeof data->folder) == 0
      && in.c == c && in.h == h && in.w == w)
    return;
  forget_merge (self);
  EditState state = begin_edit (self, FALSE);
  cl_data_ref_clear (&self->design->data);
  cl_data_ref_copy (&self->design->data, data);
  cl_net_spec_set_input (self->design->spec, c, h, w);
  end_edit (self, state, self->selected);
}

void
cl_app_document_replace (ClAppDocument *self, const ClDesign *design)
{
  forget_merge (self);
  EditState state = begin_edit (self, FALSE);
  cl_design_free (self->design);
  self->design = cl_design_copy (design);
  self->selected = -2;
  end_edit (self, state, -1);
}

gboolean
cl_app_document_can_undo (ClAppDocument *self)
{
  return !g_queue_is_empty (&self->undo);
}

gboolean
cl_app_document_can_redo (ClAppDocument *self)
{
  return !g_queue_is_empty (&self->redo);
}

/* Moves the current design onto `to` and makes the top of `from` current. */
static void
travel (ClAppDocument *self, GQueue *from, GQueue *to)
{
  EditState state = { self->generation, cl_app_document_can_undo (self),
                      cl_app_document_can_redo (self) };
  Step *step = g_queue_pop_tail (from);
  Step *here = g_new0 (Step, 1);

  if (step == NULL)
    {
      g_free (here);
      return;
    }
  forget_merge (self);
  here->design = self->design;
  here->generation = self->generation;
  here->selected = self->selected;
  g_queue_push_tail (to, here);
  self->design = step->design;
  self->generation = step->generation;
  self->selected = -2;
  int select = step->selected;
  g_free (step);
  end_edit (self, state, select);
}

void
cl_app_document_undo (ClAppDocument *self)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  travel (self, &self->undo, &self->redo);
}

void
cl_app_document_redo (ClAppDocument *self)
{
  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  travel (self, &self->redo, &self->undo);
}

GFile *
cl_app_document_get_file (ClAppDocument *self)
{
  return self->file;
}

gboolean
cl_app_document_get_dirty (ClAppDocument *self)
{
  return self->generation != self->saved_generation;
}

void
cl_app_document_load (ClAppDocument *self, ClDesign *design, GFile *file)
{
  EditState state = { self->generation, cl_app_document_can_undo (self),
                      cl_app_document_can_redo (self) };

  g_return_if_fail (CL_APP_IS_DOCUMENT (self));
  forget_merge (self);
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  cl_design_free (self->design);
  self->design = design != NULL ? design : empty_design ();
  self->generation = self->saved_generation = ++self->next_generation;
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  self->selected = -2;
  state.generation = self->generation + 1;  /* force a dirty notification */
  end_edit (self, state, -1);
}

gboolean
cl_app_document_save (ClAppDocument *self, GFile *file, GError **error)
{
  g_return_val_if_fail (CL_APP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  g_autofree char *path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot save to “%s”: only local files are supported."), uri);
      return FALSE;
    }
  /* A design saved under a new name takes the file's name if it had none. */
  if (self->design->name == NULL || *self->design->name == '\0')
    {
      g_autofree char *base = g_file_get_basename (file);
      char *dot = strrchr (base, '.');
      if (dot != NULL && dot != base)
        *dot = '\0';
      g_free (self->design->name);
      self->design->name = g_strdup (base);
    }
  if (!cl_design_save (self->design, path, error))
    return FALSE;

  gboolean was_dirty = cl_app_document_get_dirty (self);
  self->saved_generation = self->generation;
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  return TRUE;
}

char *
cl_app_document_dup_title (ClAppDocument *self)
{
  if (self->design->name != NULL && *self->design->name != '\0')
    return g_strdup (self->design->name);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled network"));
}
