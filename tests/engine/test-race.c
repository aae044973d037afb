/* Runs side by side (race.h): each variant is the single run of the design
 * with that one setting changed by hand, bit for bit, and its design
 * differs from the base in that setting only. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/augment.h"
#include "engine/dataset-private.h"
#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/race.h"
#include "engine/zoo.h"

#define WAIT_US (30 * G_USEC_PER_SEC)
#define STEPS 6

/* What a test changes by hand in the base design. */
typedef struct {
  const char *activation;   /* of both hidden layers */
  ClInitKind init;
  double init_value;
  double dropout;
  ClOptimKind optimiser;
  double lr;
  int batch;
  const char *augment;      /* an augmentation id */
} Design;

static const Design base_design = {
  .activation = "Tanh", .init = CL_INIT_DEFAULT, .init_value = 0.0, .dropout = 0.2,
  .optimiser = CL_OPTIM_SGD, .lr = 0.05, .batch = 16, .augment = "none",
};

static ClNetSpec *
build (const Design *d)
{
  ClNetSpec *spec = cl_net_spec_new (1, 6, 6);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 12.0, NULL);
  cl_net_spec_append (spec, d->activation, NULL);
  cl_net_spec_append (spec, "Dropout", "rate", d->dropout, NULL);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, d->activation, NULL);
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (cl_layer_kind_has_weights (cl_net_spec_get_layer_kind (spec, i)))
      cl_net_spec_set_init (spec, i, d->init, d->init_value);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->optimiser = d->optimiser;
  train->lr = d->lr;
  train->batch_size = d->batch;
  train->seed = 11;
  g_assert_true (cl_augment_from_string (d->augment, &train->augment, NULL));
  return spec;
}

/* Small images (1×6×6, three classes: a bright row near the top, the
 * middle or the bottom), so that every setting — augmentation too — acts. */
static ClDataset *
blobs (void)
{
  g_autoptr(GError) error = NULL;
  ClDataset *data = _cl_dataset_new (CL_DATASET_CLASSIFICATION, 1, 6, 6, 96, 24, 3, 0, &error);
  g_assert_no_error (error);
  data->name = g_strdup ("rows");
  for (guint i = 0; i < 120; i++)
    {
      float *x = data->x + i * 36;
      guint k = i % 3;
      data->labels[i] = k;
      for (int j = 0; j < 36; j++)
        x[j] = 0.1f * sinf ((float) (i * 36 + j));
      for (int j = 0; j < 6; j++)
        x[(1 + 2 * k) * 6 + j] += 1.0f;
    }
  return data;
}

static gboolean
stepped (const ClSnapshot *s, guint64 steps)
{
  return s->step >= steps && s->state == CL_TRAINER_PAUSED;
}

/* After `steps` single steps: the newest snapshot. */
static ClSnapshot *
wait_steps (ClTrainer *trainer, guint64 steps)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  while (!stepped (s, steps))
    {
      guint64 version = s->version;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }
  return s;
}

static char *
design_json (const ClNetSpec *spec)
{
  g_autoptr(ClDesign) design = cl_design_new ("race", cl_net_spec_copy (spec), "blobs");
  return cl_design_to_json (design);
}

/* The race of {base value, `value`} on `setting`; its second run against a
 * single trainer of the design `by_hand`. */
static void
check_variant (ClRaceSetting setting, const char *base_value, const char *value,
               const Design *by_hand)
{
  g_autoptr(ClDataset) data = blobs ();
  g_autoptr(ClNetSpec) base = build (&base_design);
  g_autoptr(ClNetSpec) hand = build (by_hand);
  g_autoptr(GError) error = NULL;
  const char *values[] = { base_value, value };

  g_autoptr(ClRace) race = cl_race_new (base, data, setting, values, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_race_get_n_runs (race), ==, 2);
  g_assert_cmpstr (cl_race_get_value (race, 1), ==, value);

  /* The variant's design is the hand-edited one, member for member; the
   * base value gives the base design back. */
  g_autofree char *base_json = design_json (base);
  g_autofree char *hand_json = design_json (hand);
  g_autofree char *first_json = design_json (cl_race_get_spec (race, 0));
  g_autofree char *variant_json = design_json (cl_race_get_spec (race, 1));
  g_assert_cmpstr (first_json, ==, base_json);
  g_assert_cmpstr (variant_json, ==, hand_json);
  g_assert_cmpstr (variant_json, !=, base_json);

  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.threads = 1;
  g_autoptr(ClTrainer) single = cl_trainer_new (hand, data, &options, &error);
  g_assert_no_error (error);
  for (int i = 0; i < STEPS; i++)
    {
      cl_race_step (race);
      cl_trainer_step (single);
    }
  g_autoptr(ClSnapshot) expected = wait_steps (single, STEPS);
  g_autoptr(ClSnapshot) got = wait_steps (cl_race_get_trainer (race, 1), STEPS);
  g_autoptr(ClSnapshot) other = wait_steps (cl_race_get_trainer (race, 0), STEPS);
  g_assert_cmpuint (got->step, ==, STEPS);
  g_assert_cmpuint (got->n_params, ==, expected->n_params);
  g_assert_true (memcmp (got->params, expected->params, got->n_params * sizeof (float)) == 0);
  g_assert_cmpfloat (got->train_loss, ==, expected->train_loss);
  /* And the setting made a difference. */
  g_assert_true (other->n_params != got->n_params
                 || memcmp (other->params, got->params, got->n_params * sizeof (float)) != 0);
}

static void
test_optimiser (void)
{
  Design d = base_design;
  d.optimiser = CL_OPTIM_ADAM;
  check_variant (CL_RACE_OPTIMISER, "sgd", "adam", &d);
}

static void
test_learning_rate (void)
{
  Design d = base_design;
  d.lr = 0.3;
  check_variant (CL_RACE_LEARNING_RATE, "0.05", "0.3", &d);
}

static void
test_activation (void)
{
  Design d = base_design;
  d.activation = "ReLU";
  check_variant (CL_RACE_ACTIVATION, "Tanh", "ReLU", &d);
}

static void
test_init (void)
{
  Design d = base_design;
  d.init = CL_INIT_NORMAL;
  d.init_value = 0.5;
  check_variant (CL_RACE_INIT, "default", "normal:0.5", &d);
}

static void
test_dropout (void)
{
  Design d = base_design;
  d.dropout = 0.5;
  check_variant (CL_RACE_DROPOUT, "0.2", "0.5", &d);
}

static void
test_batch_size (void)
{
  Design d = base_design;
  d.batch = 8;
  check_variant (CL_RACE_BATCH_SIZE, "16", "8", &d);
}

static void
test_augmentation (void)
{
  Design d = base_design;
  d.augment = "shift1+flip";
  check_variant (CL_RACE_AUGMENTATION, "none", "shift1+flip", &d);
}

/* The output's Softmax is the loss's: only hidden activations change. */
static void
test_activation_keeps_output (void)
{
  g_autoptr(ClNetSpec) base = build (&base_design);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNetSpec) v = cl_race_variant_spec (base, CL_RACE_ACTIVATION, "Sigmoid", &error);
  g_assert_no_error (error);
  int n = cl_net_spec_get_n_layers (v);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (v, 2)->name, ==, "Sigmoid");
  g_assert_cmpstr (cl_net_spec_get_layer_kind (v, 5)->name, ==, "Sigmoid");
  g_assert_cmpstr (cl_net_spec_get_layer_kind (v, n - 1)->name, ==, "Softmax");
}

static void
expect_refused (const ClNetSpec *spec, ClRaceSetting setting, const char *value,
                const char *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNetSpec) v = cl_race_variant_spec (spec, setting, value, &error);
  g_assert_null (v);
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_bad_values (void)
{
  g_autoptr(ClNetSpec) base = build (&base_design);
  expect_refused (base, CL_RACE_OPTIMISER, "adagrad", "“adagrad”");
  expect_refused (base, CL_RACE_LEARNING_RATE, "0", "“0”");
  expect_refused (base, CL_RACE_LEARNING_RATE, "fast", "“fast”");
  expect_refused (base, CL_RACE_LEARNING_RATE, "0.1x", "“0.1x”");
  expect_refused (base, CL_RACE_LEARNING_RATE, "1e400", "“1e400”");
  expect_refused (base, CL_RACE_ACTIVATION, "Dense", "“Dense”");
  expect_refused (base, CL_RACE_ACTIVATION, "Softmax", "“Softmax”");
  expect_refused (base, CL_RACE_INIT, "glorot", "“glorot”");
  expect_refused (base, CL_RACE_INIT, "normal", "“normal”");
  expect_refused (base, CL_RACE_INIT, "normal:500", "“normal:500”");
  expect_refused (base, CL_RACE_INIT, "he-normal:2", "“he-normal:2”");
  expect_refused (base, CL_RACE_DROPOUT, "0.99", "“0.99”");
  expect_refused (base, CL_RACE_BATCH_SIZE, "2.5", "“2.5”");
  expect_refused (base, CL_RACE_BATCH_SIZE, "0", "“0”");
  expect_refused (base, CL_RACE_BATCH_SIZE, "100000", "“100000”");
  expect_refused (base, CL_RACE_AUGMENTATION, "flips", "“flips”");

  /* A design without the thing to change says so. */
  g_autoptr(ClNetSpec) plain = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (plain, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (plain, "Softmax", NULL);
  expect_refused (plain, CL_RACE_DROPOUT, "0.5", "Dropout");
  expect_refused (plain, CL_RACE_ACTIVATION, "ReLU", "“ReLU”");
}

static void
test_race_refuses (void)
{
  g_autoptr(ClDataset) data = blobs ();
  g_autoptr(ClNetSpec) base = build (&base_design);
  g_autoptr(GError) error = NULL;
  const char *one[] = { "sgd" };
  const char *bad[] = { "sgd", "adamw" };

  g_assert_null (cl_race_new (base, data, CL_RACE_OPTIMISER, one, 1, NULL, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_clear_error (&error);
  g_assert_null (cl_race_new (base, data, CL_RACE_OPTIMISER, bad, 2, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“adamw”"));
  g_clear_error (&error);
}

static void
test_ids_and_labels (void)
{
  for (int i = 0; i < CL_RACE_N_SETTINGS; i++)
    {
      ClRaceSetting s;
      g_assert_true (cl_race_setting_from_string (cl_race_setting_to_string (i), &s));
      g_assert_cmpint (s, ==, i);
      g_assert_nonnull (cl_race_setting_label (i));
    }
  ClRaceSetting s;
  g_assert_true (cl_race_setting_from_string ("lr", &s));
  g_assert_cmpint (s, ==, CL_RACE_LEARNING_RATE);
  g_assert_false (cl_race_setting_from_string ("colour", &s));

  g_autofree char *adam = cl_race_variant_label (CL_RACE_OPTIMISER, "adam");
  g_autofree char *lr = cl_race_variant_label (CL_RACE_LEARNING_RATE, "0.1");
  g_autofree char *batch = cl_race_variant_label (CL_RACE_BATCH_SIZE, "64");
  g_autofree char *relu = cl_race_variant_label (CL_RACE_ACTIVATION, "ReLU");
  g_autofree char *augment = cl_race_variant_label (CL_RACE_AUGMENTATION, "shift3+flip");
  g_autofree char *no_augment = cl_race_variant_label (CL_RACE_AUGMENTATION, "none");
  g_assert_cmpstr (augment, ==, "shift 3 px + flip");
  g_assert_cmpstr (no_augment, ==, "no augmentation");
  g_assert_cmpstr (adam, ==, "Adam");
  g_assert_cmpstr (lr, ==, "η = 0.1");
  g_assert_cmpstr (batch, ==, "batch 64");
  g_assert_cmpstr (relu, ==, "ReLU");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/race/variant/optimiser", test_optimiser);
  g_test_add_func ("/engine/race/variant/learning-rate", test_learning_rate);
  g_test_add_func ("/engine/race/variant/activation", test_activation);
  g_test_add_func ("/engine/race/variant/init", test_init);
  g_test_add_func ("/engine/race/variant/dropout", test_dropout);
  g_test_add_func ("/engine/race/variant/batch-size", test_batch_size);
  g_test_add_func ("/engine/race/variant/augmentation", test_augmentation);
  g_test_add_func ("/engine/race/activation-keeps-output", test_activation_keeps_output);
  g_test_add_func ("/engine/race/bad-values", test_bad_values);
  g_test_add_func ("/engine/race/refuses", test_race_refuses);
  g_test_add_func ("/engine/race/ids-and-labels", test_ids_and_labels);
  return g_test_run ();
}
