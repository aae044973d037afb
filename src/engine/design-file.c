#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "engine/design-file.h"
#include "engine/atomic-file.h"
#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/json-reader.h"
#include "engine/json-writer.h"
#include "engine/number-format.h"

ClDesign *
cl_design_new (const char *name, ClNetSpec *spec, const char *data_source)
{
  ClDesign *design = g_new0 (ClDesign, 1);
  design->name = g_strdup (name != NULL ? name : "");
  design->spec = spec;
  cl_data_ref_init (&design->data, data_source);
  return design;
}

ClDesign *
cl_design_copy (const ClDesign *design)
{
  ClDesign *copy = g_new0 (ClDesign, 1);
  copy->name = g_strdup (design->name);
  copy->spec = cl_net_spec_copy (design->spec);
  cl_data_ref_copy (&copy->data, &design->data);
  return copy;
}

void
cl_design_free (ClDesign *design)
{
  if (design == NULL)
    return;
  g_free (design->name);
  cl_net_spec_free (design->spec);
  cl_data_ref_clear (&design->data);
  g_free (design);
}

/* ---- writing ---------------------------------------------------------- */

static void
add_setting (ClJsonWriter *w, const ClSettingDesc *desc, double value)
{
  cl_json_writer_member (w, desc->name);
  switch (desc->type)
    {
    case CL_SETTING_INT:
      cl_json_writer_int (w, (gint64) value);
      break;
    case CL_SETTING_FLOAT:
      cl_json_writer_double (w, value);
      break;
    case CL_SETTING_BOOL:
      cl_json_writer_boolean (w, value != 0.0);
      break;
    case CL_SETTING_CHOICE:
      {
        int index = (int) value, n = 0;
        while (desc->choices[n] != NULL)
          n++;
        cl_json_writer_string (w, desc->choices[CLAMP (index, 0, n - 1)]);
      }
      break;
    }
}

static void
add_layers (ClJsonWriter *w, const ClNetSpec *spec)
{
  cl_json_writer_member (w, "layers");
  cl_json_writer_begin_array (w);
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
      const double *settings = cl_net_spec_get_settings (spec, i);
      double init_value;
      ClInitKind init = cl_net_spec_get_init (spec, i, &init_value);

      cl_json_writer_begin_object (w);
      cl_json_writer_member (w, "kind");
      cl_json_writer_string (w, kind->name);
      if (kind->n_settings > 0)
        {
          cl_json_writer_member (w, "settings");
          cl_json_writer_begin_object (w);
          for (int s = 0; s < kind->n_settings; s++)
            add_setting (w, &kind->settings[s], settings[s]);
          cl_json_writer_end_object (w);
        }
      if (init != CL_INIT_DEFAULT)
        {
          cl_json_writer_member (w, "init");
          cl_json_writer_string (w, cl_init_kind_to_string (init));
          if (init == CL_INIT_CONSTANT || init == CL_INIT_UNIFORM || init == CL_INIT_NORMAL)
            {
              cl_json_writer_member (w, "init_value");
              cl_json_writer_double (w, init_value);
            }
        }
      cl_json_writer_end_object (w);
    }
  cl_json_writer_end_array (w);
}

static void
add_double (ClJsonWriter *w, const char *name, double value)
{
  cl_json_writer_member (w, name);
  cl_json_writer_double (w, value);
}

static void
add_int (ClJsonWriter *w, const char *name, gint64 value)
{
  cl_json_writer_member (w, name);
  cl_json_writer_int (w, value);
}

static void
add_string (ClJsonWriter *w, const char *name, const char *value)
{
  cl_json_writer_member (w, name);
  cl_json_writer_string (w, value);
}

static void
add_training (ClJsonWriter *w, const ClTrainSettings *t)
{
  cl_json_writer_member (w, "training");
  cl_json_writer_begin_object (w);
  add_string (w, "loss", cl_loss_kind_to_string (t->loss));
  add_string (w, "optimiser", cl_optim_kind_to_string (t->optimiser));
  add_double (w, "learning_rate", t->lr);
  add_double (w, "momentum", t->momentum);
  add_double (w, "beta1", t->beta1);
  add_double (w, "beta2", t->beta2);
  add_double (w, "rho", t->rho);
  add_double (w, "eps", t->eps);
  add_double (w, "weight_decay", t->weight_decay);
  add_int (w, "batch_size", t->batch_size);
  add_int (w, "epochs", t->epochs);
  add_int (w, "seed", (gint64) t->seed);
  add_int (w, "speed", t->speed);
  /* Only when on: a design without augmentation saves as it always did. */
  if (!cl_augment_is_none (&t->augment))
    {
      cl_json_writer_member (w, "augment");
      cl_json_writer_begin_object (w);
      add_int (w, "shift", t->augment.shift);
      cl_json_writer_member (w, "flip");
      cl_json_writer_boolean (w, t->augment.flip);
      add_int (w, "crop", t->augment.crop);
      add_int (w, "rotate", t->augment.rotate);
      cl_json_writer_end_object (w);
    }
  cl_json_writer_end_object (w);
}

static void
add_data (ClJsonWriter *w, const ClDataRef *data)
{
  cl_json_writer_member (w, "data");
  cl_json_writer_begin_object (w);
  add_string (w, "source", data->source);
  add_string (w, "normalisation", cl_dataset_norm_to_string (data->norm));
  /* Only when set: designs without it save as they always did. */
  if (data->train_limit > 0)
    add_int (w, "train_limit", data->train_limit);
  if (g_str_has_prefix (data->source, "toy:"))
    {
      add_int (w, "points", data->toy.n_points);
      add_double (w, "noise", data->toy.noise);
      add_double (w, "test_fraction", data->toy.test_fraction);
      add_int (w, "classes", data->toy.n_classes);
      add_int (w, "seed", (gint64) data->toy.seed);
    }
  else if (g_str_has_prefix (data->source, "folder:") || g_str_has_prefix (data->source, "patches:"))
    {
      add_int (w, "image_size", data->folder.size);
      cl_json_writer_member (w, "grey");
      cl_json_writer_boolean (w, data->folder.grey);
      add_double (w, "test_fraction", data->folder.test_fraction);
      add_int (w, "seed", (gint64) data->folder.seed);
    }
  cl_json_writer_end_object (w);
}

char *
cl_design_to_json (const ClDesign *design)
{
  ClJsonWriter *w = cl_json_writer_new ();
  ClShape in = cl_net_spec_get_input (design->spec);

  cl_json_writer_begin_object (w);
  add_string (w, "format", CL_DESIGN_FORMAT);
  add_int (w, "version", CL_DESIGN_VERSION);
  add_string (w, "name", design->name);
  cl_json_writer_member (w, "input");
  cl_json_writer_begin_object (w);
  add_int (w, "channels", in.c);
  add_int (w, "height", in.h);
  add_int (w, "width", in.w);
  cl_json_writer_end_object (w);
  add_layers (w, design->spec);
  add_training (w, cl_net_spec_peek_train (design->spec));
  add_data (w, &design->data);
  cl_json_writer_end_object (w);
  return cl_json_writer_free_to_text (w);
}

gboolean
cl_design_save (const ClDesign *design, const char *path, GError **error)
{
  g_autofree char *text = cl_design_to_json (design);

  return cl_atomic_file_set_contents (path, text, strlen (text), error);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct {
  const char *file;
  GError **error;
} Reader;

G_GNUC_PRINTF (3, 4) static gboolean
bad (Reader *r, int code, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the first %s is a file name, the second the problem. */
  g_set_error (r->error, CL_ERROR, code, _("“%s” is not a valid design: %s"), r->file, problem);
  return FALSE;
}

static JsonObject *
get_object (JsonObject *parent, const char *name)
{
  return cl_json_object (cl_json_member (parent, name));
}

/* A number member, absent allowed (keeps *value); FALSE for a wrong type. */
static gboolean
read_number (Reader *r, JsonObject *obj, const char *where, const char *name, double *value)
{
  JsonNode *node = cl_json_member (obj, name);
  if (node == NULL)
    return TRUE;
  if (cl_json_kind (node) != CL_JSON_NUMBER)
    return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be a number."), where, name);
  if (!cl_json_number (node, value))
    return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be a finite number."), where, name);
  return TRUE;
}

static gboolean
read_int (Reader *r, JsonObject *obj, const char *where, const char *name,
          double min, double max, double *value)
{
  double v = *value;
  if (!read_number (r, obj, where, name, &v))
    return FALSE;
  if (v != floor (v) || v < min || v > max)
    {
      g_autofree char *lo = cl_format_value (min), *hi = cl_format_value (max);
      g_autofree char *given = cl_format_value (v);
      return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be a whole number from %s to %s, not %s."),
                  where, name, lo, hi, given);
    }
  *value = v;
  return TRUE;
}

static gboolean
read_string (Reader *r, JsonObject *obj, const char *where, const char *name, const char **value)
{
  JsonNode *node = cl_json_member (obj, name);
  if (node == NULL)
    return TRUE;
  *value = cl_json_string (node);
  if (*value == NULL)
    return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be a text."), where, name);
  return TRUE;
}

static gboolean
read_setting (Reader *r, const char *where, const ClSettingDesc *desc, JsonNode *node,
              double *value)
{
  ClJsonKind kind = cl_json_kind (node);
  gboolean flag;

  switch (desc->type)
    {
    case CL_SETTING_BOOL:
      if (!cl_json_boolean (node, &flag))
        return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be true or false."), where, desc->name);
      *value = flag ? 1.0 : 0.0;
      return TRUE;
    case CL_SETTING_CHOICE:
      if (kind == CL_JSON_STRING)
        for (int c = 0; desc->choices[c] != NULL; c++)
          if (g_str_equal (cl_json_string (node), desc->choices[c]))
            {
              *value = c;
              return TRUE;
            }
      {
        g_autofree char *list = g_strjoinv (", ", (char **) desc->choices);
        return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be one of %s."), where, desc->name, list);
      }
    case CL_SETTING_INT:
    case CL_SETTING_FLOAT:
      if (kind != CL_JSON_NUMBER)
        return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be a number."), where, desc->name);
      /* Out of range is kept as written: compiling the design says which
       * layer is wrong, as it does for an edit in the window. */
      if (!cl_json_number (node, value)
          || (desc->type == CL_SETTING_INT && *value != floor (*value)))
        return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be a whole number."), where, desc->name);
      return TRUE;
    }
  g_assert_not_reached ();
}

static gboolean
read_layer (Reader *r, ClNetSpec *spec, int i, JsonNode *node)
{
  g_autofree char *where = g_strdup_printf (_("layer %d"), i + 1);
  const char *kind_name = NULL;

  JsonObject *obj = cl_json_object (node);
  if (obj == NULL)
    return bad (r, CL_ERROR_FORMAT, _("%s is not an object."), where);
  if (!read_string (r, obj, where, "kind", &kind_name))
    return FALSE;
  if (kind_name == NULL || cl_layer_registry_lookup (kind_name) == NULL)
    return bad (r, CL_ERROR_FORMAT, _("%s has an unknown kind “%s”."), where,
                kind_name != NULL ? kind_name : "");
  const ClLayerKind *kind = cl_layer_registry_lookup (kind_name);
  cl_net_spec_add_layer (spec, kind_name);
  g_free (where);
  where = g_strdup_printf (_("layer %d (%s)"), i + 1, kind_name);

  JsonNode *settings_node = cl_json_member (obj, "settings");
  if (settings_node != NULL)
    {
      JsonObject *settings = cl_json_object (settings_node);
      if (settings == NULL)
        return bad (r, CL_ERROR_FORMAT, _("%s: “settings” must be an object."), where);
      g_autoptr(GList) names = json_object_get_members (settings);
      for (GList *l = names; l != NULL; l = l->next)
        {
          int s = cl_layer_kind_find_setting (kind, l->data);
          double value = 0.0;
          if (s < 0)
            return bad (r, CL_ERROR_FORMAT, _("%s has no setting “%s”."), where,
                        (const char *) l->data);
          if (!read_setting (r, where, &kind->settings[s], json_object_get_member (settings, l->data),
                             &value))
            return FALSE;
          cl_net_spec_set_setting (spec, i, l->data, value);
        }
    }

  const char *init_name = NULL;
  double init_value = 0.0;
  ClInitKind init = CL_INIT_DEFAULT;
  if (!read_string (r, obj, where, "init", &init_name)
      || !read_number (r, obj, where, "init_value", &init_value))
    return FALSE;
  if (init_name != NULL && !cl_init_kind_from_string (init_name, &init))
    return bad (r, CL_ERROR_FORMAT, _("%s has an unknown initialisation “%s”."), where, init_name);
  /* A scale is a standard deviation or a half-width (a constant may be
   * negative); beyond 100 every weight would overflow the first step. */
  g_autofree char *given = cl_format_value (init_value);
  if ((init == CL_INIT_UNIFORM || init == CL_INIT_NORMAL) && (init_value < 0 || init_value > 100))
    return bad (r, CL_ERROR_FORMAT, _("%s: “init_value” must be from 0 to 100, not %s."), where,
                given);
  if (init == CL_INIT_CONSTANT && fabs (init_value) > 100)
    return bad (r, CL_ERROR_FORMAT, _("%s: “init_value” must be from −100 to 100, not %s."), where,
                given);
  cl_net_spec_set_init (spec, i, init, init_value);
  return TRUE;
}

/* "augment": { "shift": 2, "flip": true, "crop": 20, "rotate": 10 }, each
 * member optional (absent: off), in the ranges of engine/augment.h. */
static gboolean
read_augment (Reader *r, JsonObject *training, ClAugmentSettings *a)
{
  JsonNode *node = cl_json_member (training, "augment");
  const char *where = _("training.augment");
  double shift = 0, crop = 0, rotate = 0;
  gboolean flip = FALSE;

  if (node == NULL)
    return TRUE;
  JsonObject *obj = cl_json_object (node);
  if (obj == NULL)
    return bad (r, CL_ERROR_FORMAT, _("training: “augment” must be an object."));
  JsonNode *flip_node = cl_json_member (obj, "flip");
  if (flip_node != NULL && !cl_json_boolean (flip_node, &flip))
    return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be true or false."), where, "flip");
  if (!read_int (r, obj, where, "shift", 0, CL_AUGMENT_SHIFT_MAX, &shift)
      || !read_int (r, obj, where, "crop", 0, CL_AUGMENT_CROP_MAX, &crop)
      || !read_int (r, obj, where, "rotate", 0, CL_AUGMENT_ROTATE_MAX, &rotate))
    return FALSE;
  *a = (ClAugmentSettings) { .shift = (int) shift, .flip = flip, .crop = (int) crop,
                             .rotate = (int) rotate };
  return TRUE;
}

static gboolean
read_training (Reader *r, JsonObject *root, ClTrainSettings *t)
{
  JsonObject *obj = get_object (root, "training");
  const char *where = _("training");
  const char *loss = NULL, *optimiser = NULL;
  double batch = t->batch_size, epochs = t->epochs, seed = (double) t->seed;
  double speed = t->speed;

  if (obj == NULL)
    return cl_json_member (root, "training") == NULL
           || bad (r, CL_ERROR_FORMAT, _("“training” must be an object."));
  if (!read_string (r, obj, where, "loss", &loss)
      || !read_string (r, obj, where, "optimiser", &optimiser))
    return FALSE;
  if (loss != NULL && !cl_loss_kind_from_string (loss, &t->loss))
    return bad (r, CL_ERROR_FORMAT, _("unknown loss “%s”."), loss);
  if (optimiser != NULL && !cl_optim_kind_from_string (optimiser, &t->optimiser))
    return bad (r, CL_ERROR_FORMAT, _("unknown optimiser “%s”."), optimiser);
  if (!read_number (r, obj, where, "learning_rate", &t->lr)
      || !read_number (r, obj, where, "momentum", &t->momentum)
      || !read_number (r, obj, where, "beta1", &t->beta1)
      || !read_number (r, obj, where, "beta2", &t->beta2)
      || !read_number (r, obj, where, "rho", &t->rho)
      || !read_number (r, obj, where, "eps", &t->eps)
      || !read_number (r, obj, where, "weight_decay", &t->weight_decay)
      || !read_int (r, obj, where, "batch_size", 1, 65536, &batch)
      || !read_int (r, obj, where, "epochs", 1, 100000, &epochs)
      || !read_int (r, obj, where, "seed", 0, 9007199254740992.0, &seed)
      || !read_int (r, obj, where, "speed", 0, CL_TRAIN_SPEED_MAX, &speed)
      || !read_augment (r, obj, &t->augment))
    return FALSE;
  /* The value named as the interface writes numbers: "150,5" in French. */
  if (t->lr <= 0 || t->lr > 100)
    {
      g_autofree char *given = cl_format_value (t->lr);
      return bad (r, CL_ERROR_FORMAT, _("the learning rate must be above 0 and at most 100, not %s."),
                  given);
    }
  /* Negative decay pushes weights away from zero until they overflow. */
  if (t->weight_decay < 0 || t->weight_decay > 1)
    {
      g_autofree char *given = cl_format_value (t->weight_decay);
      return bad (r, CL_ERROR_FORMAT, _("the weight decay must be from 0 to 1, not %s."), given);
    }
  t->batch_size = (int) batch;
  t->epochs = (int) epochs;
  t->seed = (guint64) seed;
  t->speed = (int) speed;
  return TRUE;
}

static gboolean
read_data (Reader *r, JsonObject *root, ClDataRef *data)
{
  JsonObject *obj = get_object (root, "data");
  const char *where = _("data");
  const char *source = NULL, *norm = NULL;
  double points = data->toy.n_points, noise = data->toy.noise;
  double test_fraction = data->toy.test_fraction, classes = data->toy.n_classes;
  double seed = (double) data->toy.seed, size = data->folder.size;
  double train_limit = data->train_limit;
  JsonNode *grey;
  gboolean grey_value;

  if (obj == NULL)
    return cl_json_member (root, "data") == NULL
           || bad (r, CL_ERROR_FORMAT, _("“data” must be an object."));
  if (!read_string (r, obj, where, "source", &source)
      || !read_string (r, obj, where, "normalisation", &norm))
    return FALSE;
  if (source != NULL)
    {
      g_free (data->source);
      data->source = g_strdup (source);
    }
  if (norm != NULL && !cl_dataset_norm_from_string (norm, &data->norm))
    return bad (r, CL_ERROR_FORMAT,
                _("unknown normalisation “%s” (use none, unit, standard or contrast)."), norm);
  if (!read_int (r, obj, where, "points", 2, CL_TOY_MAX_POINTS, &points)
      || !read_number (r, obj, where, "noise", &noise)
      || !read_number (r, obj, where, "test_fraction", &test_fraction)
      || !read_int (r, obj, where, "classes", 2, 10, &classes)
      || !read_int (r, obj, where, "seed", 0, 9007199254740992.0, &seed)
      || !read_int (r, obj, where, "image_size", 4, CL_FOLDER_MAX_SIZE, &size)
      || !read_int (r, obj, where, "train_limit", 0, CL_DATASET_MAX_SAMPLES, &train_limit))
    return FALSE;
  if (noise < 0 || noise > 10)
    {
      g_autofree char *given = cl_format_value (noise);
      return bad (r, CL_ERROR_FORMAT, _("the noise must be between 0 and 10, not %s."), given);
    }
  if (test_fraction < 0 || test_fraction >= 1)
    {
      g_autofree char *given = cl_format_value (test_fraction);
      return bad (r, CL_ERROR_FORMAT, _("the test fraction must be at least 0 and below 1, not %s."),
                  given);
    }
  data->toy.n_points = (guint) points;
  data->toy.noise = (float) noise;
  data->toy.test_fraction = data->folder.test_fraction = (float) test_fraction;
  data->toy.n_classes = (guint) classes;
  data->toy.seed = data->folder.seed = (guint64) seed;
  data->folder.size = (guint) size;
  data->train_limit = (guint) train_limit;
  grey = cl_json_member (obj, "grey");
  if (grey != NULL)
    {
      if (!cl_json_boolean (grey, &grey_value))
        return bad (r, CL_ERROR_FORMAT, _("%s: “%s” must be true or false."), where, "grey");
      data->folder.grey = grey_value;
    }
  g_autoptr(GError) source_error = NULL;
  if (!cl_data_ref_check (data, &source_error))
    return bad (r, CL_ERROR_FORMAT, "%s", source_error->message);
  return TRUE;
}

static gboolean
read_header (Reader *r, JsonObject *root)
{
  const char *format = NULL;
  double version = 0;

  if (!read_string (r, root, _("the file"), "format", &format))
    return FALSE;
  if (g_strcmp0 (format, CL_DESIGN_FORMAT) != 0)
    return bad (r, CL_ERROR_FORMAT, _("it is not a ConvLab design (no “format”: “%s”)."),
                CL_DESIGN_FORMAT);
  if (!read_int (r, root, _("the file"), "version", 1, G_MAXINT, &version))
    return FALSE;
  if (version > CL_DESIGN_VERSION)
    {
      g_set_error (r->error, CL_ERROR, CL_ERROR_VERSION,
                   _("“%s” was made by a newer version of ConvLab (design format %d; this "
                     "version reads up to %d). Update ConvLab to open it."),
                   r->file, (int) version, CL_DESIGN_VERSION);
      return FALSE;
    }
  return TRUE;
}

ClDesign *
cl_design_from_json (const char *text, gssize length, const char *display_name, GError **error)
{
  Reader r = { display_name, error };
  g_autoptr(GError) json_error = NULL;
  double c = 1, h = 1, w = 1;
  const char *name = NULL;

  if (length < 0)
    length = (gssize) strlen (text);
  if (length > CL_DESIGN_MAX_BYTES)
    {
      bad (&r, CL_ERROR_TOO_LARGE, _("it is larger than 4 MB."));
      return NULL;
    }
  g_autoptr(JsonNode) root_node = cl_json_parse_object (text, length, &json_error);
  if (root_node == NULL)
    {
      bad (&r, CL_ERROR_FORMAT, "%s", json_error->message);
      return NULL;
    }
  JsonObject *root = json_node_get_object (root_node);
  if (!read_header (&r, root))
    return NULL;

  JsonObject *input = get_object (root, "input");
  if (input == NULL)
    {
      bad (&r, CL_ERROR_FORMAT, _("it has no “input” object."));
      return NULL;
    }
  if (!read_int (&r, input, _("input"), "channels", 1, 4, &c)
      || !read_int (&r, input, _("input"), "height", 1, 4096, &h)
      || !read_int (&r, input, _("input"), "width", 1, 4096, &w)
      || !read_string (&r, root, _("the file"), "name", &name))
    return NULL;

  g_autoptr(ClDesign) design = cl_design_new (name, cl_net_spec_new ((int) c, (int) h, (int) w),
                                              NULL);
  JsonArray *layers = cl_json_array (cl_json_member (root, "layers"));
  if (layers == NULL)
    {
      bad (&r, CL_ERROR_FORMAT, _("it has no “layers” list."));
      return NULL;
    }
  if (json_array_get_length (layers) > CL_DESIGN_MAX_LAYERS)
    {
      bad (&r, CL_ERROR_TOO_LARGE, _("it has more than %d layers."), CL_DESIGN_MAX_LAYERS);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (layers); i++)
    if (!read_layer (&r, design->spec, (int) i, json_array_get_element (layers, i)))
      return NULL;
  if (!read_training (&r, root, cl_net_spec_get_train (design->spec))
      || !read_data (&r, root, &design->data))
    return NULL;
  return g_steal_pointer (&design);
}

ClDesign *
cl_design_load (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  /* Bounded before anything is read: a design is never larger. */
  g_autoptr(GBytes) bytes = cl_file_read_regular (path, CL_DESIGN_MAX_BYTES, &local_error);

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, CL_ERROR, CL_ERROR_TOO_LARGE))
        g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                     _("“%s” is not a valid design: it is larger than 4 MB."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return cl_design_from_bytes (bytes, path, error);
}

ClDesign *
cl_design_from_bytes (GBytes *bytes, const char *display_name, GError **error)
{
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  return cl_design_from_json (text != NULL ? text : "", (gssize) length, display_name, error);
}
