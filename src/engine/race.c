/* race.c — variants of one design, one setting apart, each in its own
 * ClTrainer (race.h).
 *
 * A variant is made by editing a copy of the design exactly as a person
 * would in the editor, so a run of the race and a single run of that
 * edited design are the same computation, bit for bit; the race adds
 * nothing to training but the thread share.
 */
#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/augment.h"
#include "engine/error.h"
#include "engine/number-format.h"
#include "engine/race.h"

/* In ClRaceSetting order. */
static const char * const setting_ids[] = {
  "optimiser", "learning-rate", "activation", "init", "dropout", "batch-size", "augmentation",
};
static const char * const setting_labels[] = {
  N_("Optimiser"), N_("Learning rate"), N_("Activation"), N_("Initialisation"),
  N_("Dropout rate"), N_("Batch size"), N_("Augmentation"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (setting_ids) == CL_RACE_N_SETTINGS);
G_STATIC_ASSERT (G_N_ELEMENTS (setting_labels) == CL_RACE_N_SETTINGS);

/* In ClInitKind order; the inspector's words. */
static const char * const init_labels[] = {
  N_("Default (He or Xavier)"), N_("Zeros"), N_("Constant"), N_("Uniform"), N_("Normal"),
  N_("Xavier uniform"), N_("Xavier normal"), N_("He uniform"), N_("He normal"),
  N_("LeCun uniform"), N_("LeCun normal"),
};

struct _ClRace {
  ClRaceSetting setting;
  int n;
  char *values[CL_RACE_MAX];
  ClNetSpec *specs[CL_RACE_MAX];
  ClTrainer *trainers[CL_RACE_MAX];
};

const char *
cl_race_setting_to_string (ClRaceSetting setting)
{
  g_return_val_if_fail ((guint) setting < CL_RACE_N_SETTINGS, NULL);
  return setting_ids[setting];
}

gboolean
cl_race_setting_from_string (const char *id, ClRaceSetting *setting)
{
  if (id == NULL)
    return FALSE;
  if (strcmp (id, "lr") == 0)
    {
      *setting = CL_RACE_LEARNING_RATE;
      return TRUE;
    }
  for (int i = 0; i < CL_RACE_N_SETTINGS; i++)
    if (strcmp (id, setting_ids[i]) == 0)
      {
        *setting = (ClRaceSetting) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cl_race_setting_label (ClRaceSetting setting)
{
  g_return_val_if_fail ((guint) setting < CL_RACE_N_SETTINGS, NULL);
  return _(setting_labels[setting]);
}

static gboolean
bad_value (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_value (GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CL_ERROR, CL_ERROR_INVALID_DESIGN, message);
  return FALSE;
}

/* A whole C-locale number ("0.1", "1e-3"), nothing after it. */
static gboolean
parse_number (const char *text, double *out)
{
  char *end = NULL;
  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  double v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* "he-normal", or "normal:0.01" for the kinds that need a scale. */
static gboolean
parse_init (const char *value, ClInitKind *kind, double *scale, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ":", 2);
  *scale = 0.0;
  if (parts[0] == NULL || !cl_init_kind_from_string (parts[0], kind))
    return bad_value (error, _("Unknown initialisation “%s” (he-normal, xavier-uniform, "
                               "normal:0.01…)."),
                      value);
  gboolean needs_scale = *kind == CL_INIT_CONSTANT || *kind == CL_INIT_UNIFORM
                         || *kind == CL_INIT_NORMAL;
  if (!needs_scale && parts[1] != NULL)
    return bad_value (error, _("The initialisation “%s” takes no scale."), value);
  if (needs_scale && (parts[1] == NULL || !parse_number (parts[1], scale)))
    return bad_value (error, _("The initialisation “%s” needs a scale after a colon, as in "
                               "“%s:0.01”."),
                      value, parts[0]);
  /* The design file's bounds (design-file.c): beyond them every weight
   * overflows at the first step. */
  double low = *kind == CL_INIT_CONSTANT ? -100.0 : 0.0;
  if (needs_scale && (*scale < low || *scale > 100.0))
    return bad_value (error, _("The scale of the initialisation “%s” must be from %s to 100."),
                      value, *kind == CL_INIT_CONSTANT ? "−100" : "0");
  return TRUE;
}

/* The output's activation (the final Softmax or Sigmoid the loss reads)
 * is not a hidden one: changing it would change the task. */
static gboolean
is_hidden_activation (const ClNetSpec *spec, int i)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
  return kind->group == CL_LAYER_GROUP_ACTIVATION && i != cl_net_spec_get_n_layers (spec) - 1;
}

static gboolean
set_activation (ClNetSpec *spec, const char *value, GError **error)
{
  const ClLayerKind *kind = cl_layer_registry_lookup (value);
  if (kind == NULL || kind->group != CL_LAYER_GROUP_ACTIVATION)
    return bad_value (error, _("Unknown activation “%s” (ReLU, Sigmoid, Tanh…)."), value);
  /* Softmax couples every unit of a layer and Maxout changes its width:
   * neither is a drop-in for a hidden layer's activation. */
  if (strcmp (kind->name, "Softmax") == 0 || strcmp (kind->name, "Maxout") == 0)
    return bad_value (error, _("“%s” cannot replace the activations of the hidden layers."),
                      value);
  int changed = 0;
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    {
      if (!is_hidden_activation (spec, i))
        continue;
      changed++;
      /* The same kind keeps its own settings (a LeakyReLU's slope). */
      if (cl_net_spec_get_layer_kind (spec, i) == kind)
        continue;
      /* As the editor replaces a layer: the new kind with its defaults. */
      cl_net_spec_insert_layer (spec, i, kind->name);
      cl_net_spec_remove_layer (spec, i + 1);
    }
  if (changed == 0)
    return bad_value (error, _("The design has no hidden activation layer to change to “%s”."),
                      value);
  return TRUE;
}

static gboolean
set_init (ClNetSpec *spec, const char *value, GError **error)
{
  ClInitKind init;
  double scale;
  if (!parse_init (value, &init, &scale, error))
    return FALSE;
  int changed = 0;
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (cl_layer_kind_has_weights (cl_net_spec_get_layer_kind (spec, i)))
      {
        cl_net_spec_set_init (spec, i, init, scale);
        changed++;
      }
  if (changed == 0)
    return bad_value (error, _("The design has no layer with weights to initialise with “%s”."),
                      value);
  return TRUE;
}

static gboolean
set_dropout (ClNetSpec *spec, const char *value, GError **error)
{
  const ClLayerKind *dropout = cl_layer_registry_lookup ("Dropout");
  const ClSettingDesc *rate = &dropout->settings[cl_layer_kind_find_setting (dropout, "rate")];
  double v;
  if (!parse_number (value, &v) || v < rate->min || v > rate->max)
    {
      g_autofree char *min = cl_format_value (rate->min);
      g_autofree char *max = cl_format_value (rate->max);
      return bad_value (error, _("The dropout rate “%s” must be a number from %s to %s."), value,
                        min, max);
    }
  int changed = 0;
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (cl_net_spec_get_layer_kind (spec, i) == dropout)
      {
        cl_net_spec_set_setting (spec, i, "rate", v);
        changed++;
      }
  if (changed == 0)
    return bad_value (error, _("The design has no Dropout layer to set to “%s”."), value);
  return TRUE;
}

ClNetSpec *
cl_race_variant_spec (const ClNetSpec *spec, ClRaceSetting setting, const char *value,
                      GError **error)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail ((guint) setting < CL_RACE_N_SETTINGS, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  g_autoptr(ClNetSpec) variant = cl_net_spec_copy (spec);
  ClTrainSettings *train = cl_net_spec_get_train (variant);
  double v;

  switch (setting)
    {
    case CL_RACE_OPTIMISER:
      if (!cl_optim_kind_from_string (value, &train->optimiser))
        {
          bad_value (error, _("Unknown optimiser “%s” (sgd, momentum, nesterov, rmsprop, adam)."),
                     value);
          return NULL;
        }
      break;
    case CL_RACE_LEARNING_RATE:
      /* The design file's bounds (design-file.c). */
      if (!parse_number (value, &v) || v <= 0 || v > 100)
        {
          bad_value (error, _("The learning rate “%s” must be a number above 0 and at most 100."),
                     value);
          return NULL;
        }
      train->lr = v;
      break;
    case CL_RACE_ACTIVATION:
      if (!set_activation (variant, value, error))
        return NULL;
      break;
    case CL_RACE_INIT:
      if (!set_init (variant, value, error))
        return NULL;
      break;
    case CL_RACE_DROPOUT:
      if (!set_dropout (variant, value, error))
        return NULL;
      break;
    case CL_RACE_BATCH_SIZE:
      if (!parse_number (value, &v) || v != floor (v) || v < 1 || v > 65536)
        {
          bad_value (error, _("The batch size “%s” must be a whole number from 1 to 65 536."),
                     value);
          return NULL;
        }
      train->batch_size = (int) v;
      break;
    case CL_RACE_AUGMENTATION:
      {
        /* Its message names the id and the part that is wrong. */
        g_autoptr(GError) local = NULL;
        if (!cl_augment_from_string (value, &train->augment, &local))
          {
            bad_value (error, "%s", local->message);
            return NULL;
          }
      }
      break;
    case CL_RACE_N_SETTINGS:
    default:
      g_return_val_if_reached (NULL);
    }
  return g_steal_pointer (&variant);
}

static const char *
optimiser_label (ClOptimKind kind)
{
  switch (kind)
    {
    case CL_OPTIM_SGD:
      return _("SGD");
    case CL_OPTIM_MOMENTUM:
      return _("Momentum");
    case CL_OPTIM_NESTEROV:
      return _("Nesterov");
    case CL_OPTIM_RMSPROP:
      return _("RMSprop");
    case CL_OPTIM_ADAM:
    default:
      return _("Adam");
    }
}

/* "shift 2 px + flip + rotation 10°", or "no augmentation": the legend
 * says the numbers, since a race may compare two shifts. */
static char *
augmentation_label (const ClAugmentSettings *a)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (a->shift > 0)
    /* TRANSLATORS: augmentation in a chart's legend: images shifted up to N pixels. */
    g_ptr_array_add (parts, g_strdup_printf (_("shift %d px"), a->shift));
  if (a->flip)
    /* TRANSLATORS: augmentation in a chart's legend: mirrored left-right. */
    g_ptr_array_add (parts, g_strdup (_("flip")));
  if (a->crop > 0)
    /* TRANSLATORS: augmentation in a chart's legend: crops of up to N % of the side. */
    g_ptr_array_add (parts, g_strdup_printf (_("crop ≤ %d %% of the side"), a->crop));
  if (a->rotate > 0)
    /* TRANSLATORS: augmentation in a chart's legend: rotations of up to N degrees. */
    g_ptr_array_add (parts, g_strdup_printf (_("rotation %d°"), a->rotate));
  if (parts->len == 0)
    return g_strdup (_("no augmentation"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" + ", (char **) parts->pdata);
}

char *
cl_race_variant_label (ClRaceSetting setting, const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  double v;
  ClOptimKind optim;
  ClInitKind init;

  switch (setting)
    {
    case CL_RACE_OPTIMISER:
      if (cl_optim_kind_from_string (value, &optim))
        return g_strdup (optimiser_label (optim));
      break;
    case CL_RACE_LEARNING_RATE:
      if (parse_number (value, &v))
        {
          g_autofree char *number = cl_format_value (v);
          return g_strdup_printf ("η = %s", number);
        }
      break;
    case CL_RACE_ACTIVATION:
      {
        const ClLayerKind *kind = cl_layer_registry_lookup (value);
        if (kind != NULL)
          return g_strdup (_(kind->label));
      }
      break;
    case CL_RACE_INIT:
      {
        g_auto(GStrv) parts = g_strsplit (value, ":", 2);
        if (cl_init_kind_from_string (parts[0], &init))
          {
            if (parts[1] != NULL && parse_number (parts[1], &v))
              {
                g_autofree char *number = cl_format_value (v);
                /* TRANSLATORS: an initialisation and its scale: "Normal 0,01". */
                return g_strdup_printf (_("%s %s"), _(init_labels[init]), number);
              }
            return g_strdup (_(init_labels[init]));
          }
      }
      break;
    case CL_RACE_DROPOUT:
      if (parse_number (value, &v))
        {
          g_autofree char *number = cl_format_value (v);
          /* TRANSLATORS: a dropout rate in a chart's legend: "dropout 0,5". */
          return g_strdup_printf (_("dropout %s"), number);
        }
      break;
    case CL_RACE_BATCH_SIZE:
      if (parse_number (value, &v) && v >= 0)
        {
          g_autofree char *number = cl_format_count ((guint64) v);
          /* TRANSLATORS: a batch size in a chart's legend: "batch 64". */
          return g_strdup_printf (_("batch %s"), number);
        }
      break;
    case CL_RACE_AUGMENTATION:
      {
        ClAugmentSettings a;
        if (cl_augment_from_string (value, &a, NULL))
          return augmentation_label (&a);
      }
      break;
    case CL_RACE_N_SETTINGS:
    default:
      break;
    }
  return g_strdup (value);
}

ClRace *
cl_race_new (const ClNetSpec *spec, ClDataset *data, ClRaceSetting setting,
             const char *const *values, int n_values, const ClTrainerOptions *options,
             const ClTrainerStart *starts, GError **error)
{
  g_return_val_if_fail (spec != NULL && data != NULL && values != NULL, NULL);
  g_return_val_if_fail ((guint) setting < CL_RACE_N_SETTINGS, NULL);

  if (n_values < 2 || n_values > CL_RACE_MAX)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("A race compares 2 to %d values, not %d."), CL_RACE_MAX, n_values);
      return NULL;
    }

  ClTrainerOptions run_options;
  if (options != NULL)
    run_options = *options;
  else
    cl_trainer_options_init (&run_options);
  /* The runs share the cores: each its part, at least one thread.  With
   * more runs than cores each runs on one thread and the system shares
   * them out, which beats OpenMP teams waiting on each other's barriers. */
  int threads = run_options.threads > 0 ? run_options.threads : cl_engine_get_threads ();
  run_options.threads = MAX (1, threads / n_values);

  g_autoptr(ClRace) race = g_new0 (ClRace, 1);
  race->setting = setting;
  for (int i = 0; i < n_values; i++)
    {
      race->specs[i] = cl_race_variant_spec (spec, setting, values[i], error);
      if (race->specs[i] == NULL)
        return NULL;
      race->values[i] = g_strdup (values[i]);
      race->n = i + 1;
    }
  for (int i = 0; i < n_values; i++)
    {
      const ClTrainerStart *start = starts != NULL ? &starts[i] : NULL;
      race->trainers[i] = cl_trainer_new_from (race->specs[i], data, &run_options, start, error);
      if (race->trainers[i] == NULL)
        {
          g_autofree char *label = cl_race_variant_label (setting, values[i]);
          g_prefix_error (error, _("Run “%s”: "), label);
          return NULL;
        }
    }
  return g_steal_pointer (&race);
}

void
cl_race_free (ClRace *race)
{
  if (race == NULL)
    return;
  for (int i = 0; i < race->n; i++)
    {
      g_clear_pointer (&race->trainers[i], cl_trainer_free);
      g_clear_pointer (&race->specs[i], cl_net_spec_free);
      g_free (race->values[i]);
    }
  g_free (race);
}

ClRaceSetting
cl_race_get_setting (const ClRace *race)
{
  return race->setting;
}

int
cl_race_get_n_runs (const ClRace *race)
{
  return race->n;
}

const char *
cl_race_get_value (const ClRace *race, int run)
{
  g_return_val_if_fail (run >= 0 && run < race->n, NULL);
  return race->values[run];
}

const ClNetSpec *
cl_race_get_spec (const ClRace *race, int run)
{
  g_return_val_if_fail (run >= 0 && run < race->n, NULL);
  return race->specs[run];
}

ClTrainer *
cl_race_get_trainer (ClRace *race, int run)
{
  g_return_val_if_fail (run >= 0 && run < race->n, NULL);
  return race->trainers[run];
}

void
cl_race_play (ClRace *race)
{
  for (int i = 0; i < race->n; i++)
    cl_trainer_play (race->trainers[i]);
}

void
cl_race_pause (ClRace *race)
{
  for (int i = 0; i < race->n; i++)
    cl_trainer_pause (race->trainers[i]);
}

void
cl_race_step (ClRace *race)
{
  for (int i = 0; i < race->n; i++)
    cl_trainer_step (race->trainers[i]);
}

void
cl_race_run_epochs (ClRace *race, int epochs)
{
  for (int i = 0; i < race->n; i++)
    cl_trainer_run_epochs (race->trainers[i], epochs);
}

void
cl_race_reset (ClRace *race)
{
  for (int i = 0; i < race->n; i++)
    cl_trainer_reset (race->trainers[i]);
}

void
cl_race_get_snapshots (ClRace *race, ClSnapshot **out)
{
  for (int i = 0; i < race->n; i++)
    out[i] = cl_trainer_get_snapshot (race->trainers[i]);
}
