/* race-file.c — a race as a small JSON file and one model per run
 * (race-file.h says the format and the rules).
 */
#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "engine/race-file.h"
#include "engine/atomic-file.h"
#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/json-reader.h"
#include "engine/json-writer.h"
#include "engine/model-file.h"

char *
cl_race_file_model_path (const char *path, int run)
{
  g_return_val_if_fail (path != NULL && run >= 0, NULL);
  g_autofree char *stem = g_str_has_suffix (path, CL_RACE_FILE_SUFFIX)
                            ? g_strndup (path, strlen (path) - strlen (CL_RACE_FILE_SUFFIX))
                            : g_strdup (path);
  return g_strdup_printf ("%s-%d.safetensors", stem, run + 1);
}

/* ---- reading ---------------------------------------------------------- */

G_GNUC_PRINTF (4, 5) static gboolean
bad (GError **error, int code, const char *file, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the first %s is a file name, the second the problem. */
  g_set_error (error, CL_ERROR, code, _("“%s” is not a valid race: %s"), file, problem);
  return FALSE;
}

/* A model named by a race is a file of the race's own folder: no path,
 * so a race file cannot point at /etc/passwd or ../elsewhere. */
static gboolean
plain_file_name (const char *name)
{
  return name != NULL && *name != '\0' && strchr (name, '/') == NULL
         && strcmp (name, ".") != 0 && strcmp (name, "..") != 0;
}

/* The race file parsed, its header checked: the root, a new reference. */
static JsonNode *
read_root (const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = cl_file_read_regular (path, CL_RACE_FILE_MAX_BYTES, &local);
  if (bytes == NULL)
    {
      if (g_error_matches (local, CL_ERROR, CL_ERROR_TOO_LARGE))
        bad (error, CL_ERROR_TOO_LARGE, path, _("it is larger than %d MB."),
             CL_RACE_FILE_MAX_BYTES / (1024 * 1024));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonNode) root = cl_json_parse_object (text != NULL ? text : "", (gssize) length, &local);
  if (root == NULL)
    {
      bad (error, CL_ERROR_FORMAT, path, "%s", local->message);
      return NULL;
    }
  JsonObject *obj = json_node_get_object (root);
  if (g_strcmp0 (cl_json_string (cl_json_member (obj, "format")), CL_RACE_FILE_FORMAT) != 0)
    {
      bad (error, CL_ERROR_FORMAT, path, _("it is not a ConvLab race (no “format”: “%s”)."),
           CL_RACE_FILE_FORMAT);
      return NULL;
    }
  double version;
  if (!cl_json_whole (cl_json_member (obj, "version"), 1, G_MAXINT, &version))
    {
      bad (error, CL_ERROR_FORMAT, path, _("“version” must be a whole number from 1."));
      return NULL;
    }
  if (version > CL_RACE_FILE_VERSION)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VERSION,
                   _("“%s” was made by a newer version of ConvLab (race format %d; this "
                     "version reads up to %d). Update ConvLab to open it."),
                   path, (int) version, CL_RACE_FILE_VERSION);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* The "runs" array: 2 to CL_RACE_MAX objects with a value and a model
 * name each (borrowed from the document). */
static int
read_runs (JsonObject *root, const char *path, const char **values, const char **models,
           GError **error)
{
  JsonArray *runs = cl_json_array (cl_json_member (root, "runs"));
  guint n = runs != NULL ? json_array_get_length (runs) : 0;
  if (n < 2 || n > CL_RACE_MAX)
    {
      bad (error, CL_ERROR_FORMAT, path, _("“runs” must be an array of 2 to %d runs."),
           CL_RACE_MAX);
      return -1;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *run = cl_json_object (json_array_get_element (runs, i));
      values[i] = cl_json_string (cl_json_member (run, "value"));
      models[i] = cl_json_string (cl_json_member (run, "model"));
      if (values[i] == NULL)
        {
          bad (error, CL_ERROR_FORMAT, path, _("run %u has no “value” text."), i + 1);
          return -1;
        }
      if (!plain_file_name (models[i]))
        {
          bad (error, CL_ERROR_FORMAT, path,
               _("run %u: “model” must be the name of a file in the race’s folder."), i + 1);
          return -1;
        }
    }
  return (int) n;
}

/* A design's network and training as JSON, without its name and data:
 * what a run's model must hold for its variant. */
static char *
spec_json (const ClNetSpec *spec)
{
  g_autoptr(ClDesign) d = cl_design_new ("", cl_net_spec_copy (spec), NULL);
  return cl_design_to_json (d);
}

static gboolean
load_run (ClRaceFile *file, int i, const char *path, const char *model, GError **error)
{
  g_autoptr(ClNetSpec) expected = cl_race_variant_spec (file->base->spec, file->setting,
                                                        file->values[i], error);
  if (expected == NULL)
    {
      g_prefix_error (error, _("“%s” is not a valid race: run %d: "), path, i + 1);
      return FALSE;
    }
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *model_path = g_build_filename (dir, model, NULL);
  g_autoptr(ClDesign) design = NULL;
  int batch = cl_net_spec_peek_train (expected)->batch_size;
  file->nets[i] = cl_model_load (model_path, batch, &design, error);
  if (file->nets[i] == NULL)
    {
      g_prefix_error (error, _("The race “%s” cannot open its run %d: "), path, i + 1);
      return FALSE;
    }
  g_autofree char *want = spec_json (expected);
  g_autofree char *have = spec_json (design->spec);
  if (strcmp (want, have) != 0)
    return bad (error, CL_ERROR_MISMATCH, path,
                _("the model “%s” of run %d does not hold the design of that run (the race’s "
                  "design with %s “%s”)."),
                model_path, i + 1, cl_race_setting_to_string (file->setting), file->values[i]);
  file->histories[i] = cl_model_load_history (model_path, error);
  if (file->histories[i] == NULL && error != NULL && *error != NULL)
    return FALSE;
  file->starts[i] = (ClTrainerStart) { file->nets[i], file->histories[i], NULL };
  return TRUE;
}

ClRaceFile *
cl_race_file_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autoptr(JsonNode) root_node = read_root (path, error);
  if (root_node == NULL)
    return NULL;
  JsonObject *root = json_node_get_object (root_node);

  g_autoptr(ClRaceFile) file = g_new0 (ClRaceFile, 1);
  const char *setting = cl_json_string (cl_json_member (root, "setting"));
  if (!cl_race_setting_from_string (setting, &file->setting))
    {
      bad (error, CL_ERROR_FORMAT, path, _("unknown “setting” “%s”."),
           setting != NULL ? setting : "");
      return NULL;
    }
  JsonNode *design_node = cl_json_member (root, "design");
  if (cl_json_kind (design_node) != CL_JSON_OBJECT)
    {
      bad (error, CL_ERROR_FORMAT, path, _("it has no “design” object."));
      return NULL;
    }
  /* The embedded design goes through the design reader, every check. */
  ClJsonWriter *w = cl_json_writer_new ();
  cl_json_writer_node (w, design_node);
  g_autofree char *design_text = cl_json_writer_free_to_text (w);
  g_autofree char *design_where = g_strdup_printf (_("%s (its “design”)"), path);
  file->base = cl_design_from_json (design_text, -1, design_where, error);
  if (file->base == NULL)
    return NULL;

  const char *values[CL_RACE_MAX], *models[CL_RACE_MAX];
  int n = read_runs (root, path, values, models, error);
  if (n < 0)
    return NULL;
  for (int i = 0; i < n; i++)
    {
      file->values[i] = g_strdup (values[i]);
      file->n_runs = i + 1;
    }
  for (int i = 0; i < n; i++)
    if (!load_run (file, i, path, models[i], error))
      return NULL;
  return g_steal_pointer (&file);
}

void
cl_race_file_free (ClRaceFile *file)
{
  if (file == NULL)
    return;
  cl_design_free (file->base);
  for (int i = 0; i < file->n_runs; i++)
    {
      g_free (file->values[i]);
      g_clear_pointer (&file->nets[i], cl_net_free);
      g_clear_pointer (&file->histories[i], cl_model_history_free);
    }
  g_free (file);
}

/* ---- writing ---------------------------------------------------------- */

/* Whether the race file at `path` (if any) names `model` as one of its
 * runs: only then may a save replace that model. */
static gboolean
owned_by_old_race (const char *path, const char *model)
{
  g_autoptr(JsonNode) root = read_root (path, NULL);
  if (root == NULL)
    return FALSE;
  const char *values[CL_RACE_MAX], *models[CL_RACE_MAX];
  int n = read_runs (json_node_get_object (root), path, values, models, NULL);
  for (int i = 0; i < n; i++)
    if (strcmp (models[i], model) == 0)
      return TRUE;
  return FALSE;
}

gboolean
cl_race_file_check_targets (const char *path, int n_runs, GError **error)
{
  if (!cl_atomic_file_check_target (path, error))
    return FALSE;
  for (int i = 0; i < n_runs; i++)
    {
      g_autofree char *model_path = cl_race_file_model_path (path, i);
      g_autofree char *model = g_path_get_basename (model_path);
      GStatBuf st;
      if (!cl_atomic_file_check_target (model_path, error))
        return FALSE;
      if (g_lstat (model_path, &st) == 0 && !owned_by_old_race (path, model))
        {
          g_set_error (error, CL_ERROR, CL_ERROR_IO,
                       _("“%s” already exists and is not a run of the race “%s”: saving the "
                         "race would replace it. Move it away or choose another name."),
                       model_path, path);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
race_json (const ClDesign *base, ClRaceSetting setting, const char *const *values,
           const char *path, int n_runs)
{
  g_autofree char *design_text = cl_design_to_json (base);
  g_autoptr(JsonNode) design = cl_json_parse_object (design_text, -1, NULL);
  ClJsonWriter *w = cl_json_writer_new ();

  cl_json_writer_begin_object (w);
  cl_json_writer_member (w, "format");
  cl_json_writer_string (w, CL_RACE_FILE_FORMAT);
  cl_json_writer_member (w, "version");
  cl_json_writer_int (w, CL_RACE_FILE_VERSION);
  cl_json_writer_member (w, "setting");
  cl_json_writer_string (w, cl_race_setting_to_string (setting));
  cl_json_writer_member (w, "design");
  cl_json_writer_node (w, design);
  cl_json_writer_member (w, "runs");
  cl_json_writer_begin_array (w);
  for (int i = 0; i < n_runs; i++)
    {
      g_autofree char *model_path = cl_race_file_model_path (path, i);
      g_autofree char *model = g_path_get_basename (model_path);
      cl_json_writer_begin_object (w);
      cl_json_writer_member (w, "value");
      cl_json_writer_string (w, values[i]);
      cl_json_writer_member (w, "model");
      cl_json_writer_string (w, model);
      cl_json_writer_end_object (w);
    }
  cl_json_writer_end_array (w);
  cl_json_writer_end_object (w);
  return cl_json_writer_free_to_text (w);
}

gboolean
cl_race_file_save (const char *path, const ClDesign *base, ClRaceSetting setting,
                   const char *const *values, ClSnapshot *const *snapshots, int n_runs,
                   GError **error)
{
  g_return_val_if_fail (path != NULL && base != NULL && values != NULL && snapshots != NULL,
                        FALSE);
  if (n_runs < 2 || n_runs > CL_RACE_MAX)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("A race compares 2 to %d values, not %d."), CL_RACE_MAX, n_runs);
      return FALSE;
    }
  /* Every value valid and every target free before the first byte. */
  ClDesign *designs[CL_RACE_MAX] = { NULL };
  gboolean ok = cl_race_file_check_targets (path, n_runs, error);
  for (int i = 0; ok && i < n_runs; i++)
    {
      ClNetSpec *spec = cl_race_variant_spec (base->spec, setting, values[i], error);
      ok = spec != NULL;
      if (ok)
        {
          designs[i] = cl_design_copy (base);
          cl_net_spec_free (designs[i]->spec);
          designs[i]->spec = spec;
        }
    }
  for (int i = 0; ok && i < n_runs; i++)
    {
      g_autofree char *model_path = cl_race_file_model_path (path, i);
      ok = cl_model_save_snapshot (designs[i], snapshots[i], model_path, error);
    }
  for (int i = 0; i < n_runs; i++)
    cl_design_free (designs[i]);
  if (!ok)
    return FALSE;
  /* The race file last: it never names a model that was not written. */
  g_autofree char *text = race_json (base, setting, values, path, n_runs);
  return cl_atomic_file_set_contents (path, text, strlen (text), error);
}

gboolean
cl_race_save (ClRace *race, const ClDesign *base, const char *path, GError **error)
{
  int n = cl_race_get_n_runs (race);
  ClSnapshot *snapshots[CL_RACE_MAX];
  const char *values[CL_RACE_MAX];
  cl_race_get_snapshots (race, snapshots);
  for (int i = 0; i < n; i++)
    values[i] = cl_race_get_value (race, i);
  gboolean ok = cl_race_file_save (path, base, cl_race_get_setting (race), values, snapshots, n,
                                   error);
  for (int i = 0; i < n; i++)
    cl_snapshot_unref (snapshots[i]);
  return ok;
}
