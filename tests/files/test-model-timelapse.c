/* The filters' time-lapse: the first Conv2D layer's weights at the
 * trainer's checkpoints, step 0 the initial weights bit for bit, kept in a
 * saved model (bounded, backward compatible) and read back checked. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/model-file.h"
#include "engine/model-timelapse.h"
#include "engine/trainer.h"
#include "engine/zoo.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

/* Four 5×5 filters on Fashion-MNIST, a dense classifier. */
static ClNetSpec *
small_conv (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 4.0, "kernel", 5.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", "size", 4.0, "stride", 4.0, NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->batch_size = 32;
  train->lr = 0.05;
  train->seed = 11;
  return spec;
}

static gboolean
reached (const ClSnapshot *s, guint64 step)
{
  return s->step >= step && s->state == CL_TRAINER_PAUSED;
}

/* `steps` single steps of a trainer that checkpoints every 3 steps and
 * keeps at most 4: the thinning happens. */
static ClSnapshot *
train_steps (const ClNetSpec *spec, int steps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) data = cl_dataset_load_fashion_mnist (&error);
  g_assert_no_error (error);
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.checkpoint_every = 3;
  options.max_checkpoints = 4;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, &options, &error);
  g_assert_no_error (error);

  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  for (int i = 1; i <= steps; i++)
    {
      gint64 deadline = g_get_monotonic_time () + WAIT_US;
      cl_trainer_step (trainer);
      while (!reached (s, (guint64) i))
        {
          guint64 version = s->version;
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          cl_snapshot_unref (s);
          s = cl_trainer_wait_snapshot (trainer, version, 100000);
        }
    }
  return s;
}

static void
assert_initial_weights (const ClNetSpec *spec, const ClTimelapse *t, guint frame)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) fresh = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  cl_net_init (fresh, cl_net_spec_peek_train (spec)->seed);
  gsize n;
  const float *params = cl_net_get_params (fresh, &n);
  g_assert_cmpuint (n, >=, cl_timelapse_frame_size (t));
  /* The first Conv2D is the first layer: its weight tensor starts the block. */
  g_assert_cmpmem (cl_timelapse_get_weights (t, frame), cl_timelapse_frame_size (t) * sizeof (float),
                   params, cl_timelapse_frame_size (t) * sizeof (float));
}

static void
test_frames_of_a_run (void)
{
  g_autoptr(ClNetSpec) spec = small_conv ();
  g_autoptr(ClSnapshot) s = train_steps (spec, 13);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTimelapse) t = cl_timelapse_new_from_snapshot (s, &error);

  g_assert_no_error (error);
  g_assert_cmpint (t->layer, ==, 0);
  g_assert_cmpint (t->out, ==, 4);
  g_assert_cmpint (t->in, ==, 1);
  g_assert_cmpint (t->k, ==, 5);
  /* Thinned but bounded; the first frame is step 0 and the last is now. */
  g_assert_cmpuint (t->n, >=, 3);
  g_assert_cmpuint (t->n, <=, 5);
  g_assert_cmpuint (t->steps[0], ==, 0);
  g_assert_cmpuint (t->steps[t->n - 1], ==, 13);
  for (guint i = 1; i < t->n; i++)
    g_assert_cmpuint (t->steps[i], >, t->steps[i - 1]);
  assert_initial_weights (spec, t, 0);
  /* Now is the snapshot's weights, and training changed them. */
  g_assert_cmpmem (cl_timelapse_get_weights (t, t->n - 1), cl_timelapse_frame_size (t) * sizeof (float),
                   s->params, cl_timelapse_frame_size (t) * sizeof (float));
  g_assert_true (memcmp (cl_timelapse_get_weights (t, 0), cl_timelapse_get_weights (t, t->n - 1),
                         cl_timelapse_frame_size (t) * sizeof (float)) != 0);
}

static void
test_find_takes_the_frame_at_or_before (void)
{
  guint64 *steps = g_new (guint64, 4);
  steps[0] = 0, steps[1] = 50, steps[2] = 100, steps[3] = 137;
  g_autoptr(ClTimelapse) t = cl_timelapse_new (0, 1, 1, 1, 4, steps, g_new0 (float, 4));

  g_assert_cmpuint (cl_timelapse_find (t, 0), ==, 0);
  g_assert_cmpuint (cl_timelapse_find (t, 49), ==, 0);
  g_assert_cmpuint (cl_timelapse_find (t, 50), ==, 1);
  g_assert_cmpuint (cl_timelapse_find (t, 99), ==, 1);
  g_assert_cmpuint (cl_timelapse_find (t, 136), ==, 2);
  g_assert_cmpuint (cl_timelapse_find (t, 137), ==, 3);
  g_assert_cmpuint (cl_timelapse_find (t, 100000), ==, 3);

  g_autoptr(GArray) spread = cl_timelapse_spread_steps (t, 3);
  g_assert_cmpuint (spread->len, ==, 3);
  g_assert_cmpuint (g_array_index (spread, guint64, 0), ==, 0);
  g_assert_cmpuint (g_array_index (spread, guint64, 2), ==, 137);
  g_autoptr(GArray) all = cl_timelapse_spread_steps (t, 10);
  g_assert_cmpuint (all->len, ==, 4);

  /* A run resumed from a model starts later: earlier steps take its first frame. */
  t->steps[0] = 20;
  g_assert_cmpuint (cl_timelapse_find (t, 3), ==, 0);
}

static void
test_parse_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = cl_timelapse_parse_steps (" 0, 50,200 ,1000", "--steps", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 4);
  g_assert_cmpuint (g_array_index (steps, guint64, 3), ==, 1000);

  static const char *bad[] = { "", "0,,5", "-1", "abc", "1.5", "3,x", "99999999999999999999999" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_assert_null (cl_timelapse_parse_steps (bad[i], "--steps", &e));
      g_assert_error (e, CL_ERROR, CL_ERROR_FORMAT);
      g_assert_nonnull (strstr (e->message, "--steps"));
    }
  GString *many = g_string_new ("0");
  for (int i = 1; i <= CL_TIMELAPSE_MAX_ASKED; i++)
    g_string_append_printf (many, ",%d", i);
  g_autoptr(GError) e = NULL;
  g_assert_null (cl_timelapse_parse_steps (many->str, "--steps", &e));
  g_assert_error (e, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_string_free (many, TRUE);
}

static void
test_saved_and_read_back (void)
{
  g_autoptr(ClNetSpec) spec = small_conv ();
  g_autoptr(ClSnapshot) s = train_steps (spec, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTimelapse) live = cl_timelapse_new_from_snapshot (s, &error);
  g_autofree char *dir = g_dir_make_tmp ("convlab-timelapse-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.safetensors", NULL);
  g_autoptr(ClDesign) design = cl_design_new ("small", cl_net_spec_copy (spec), "embedded");

  g_assert_true (cl_model_save_snapshot (design, s, path, &error));
  g_assert_no_error (error);
  g_autoptr(ClTimelapse) back = cl_model_load_timelapse (path, spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->n, ==, live->n);
  g_assert_cmpmem (back->steps, back->n * sizeof (guint64), live->steps, live->n * sizeof (guint64));
  g_assert_cmpmem (back->weights, back->n * cl_timelapse_frame_size (back) * sizeof (float),
                   live->weights, live->n * cl_timelapse_frame_size (live) * sizeof (float));
  assert_initial_weights (spec, back, 0);

  /* The model itself loads as before: the time-lapse is metadata, not a tensor. */
  g_autoptr(ClNet) net = cl_model_load (path, 1, NULL, &error);
  g_assert_no_error (error);

  /* A model saved without a trainer has none, and says nothing wrong. */
  g_autofree char *plain = g_build_filename (dir, "plain.safetensors", NULL);
  g_assert_true (cl_model_save (design, net, plain, &error));
  g_assert_null (cl_model_load_timelapse (plain, spec, &error));
  g_assert_no_error (error);
  g_unlink (plain);
  g_unlink (path);
  g_rmdir (dir);
}

static ClTimelapse *
frames (int out, int in, int k, guint n)
{
  gsize size = (gsize) out * in * k * k;
  guint64 *steps = g_new (guint64, n);
  float *w = g_new (float, n * size);
  for (guint i = 0; i < n; i++)
    steps[i] = 10 * (guint64) i;
  for (gsize j = 0; j < n * size; j++)
    w[j] = (float) j * 0.001f - 0.5f;
  return cl_timelapse_new (0, out, in, k, n, steps, w);
}

static ClNetSpec *
conv_spec (int filters, int channels, int k)
{
  ClNetSpec *spec = cl_net_spec_new (channels, 32, 32);
  cl_net_spec_append (spec, "Conv2D", "filters", (double) filters, "kernel", (double) k, NULL);
  return spec;
}

static void
test_bounded (void)
{
  /* 64 × 3 × 11 × 11 floats: 93 kB a frame, 65 frames would be 6 MB. */
  g_autoptr(ClTimelapse) big = frames (64, 3, 11, 65);
  g_autofree char *json = cl_model_timelapse_to_json (big);
  g_autoptr(ClNetSpec) spec = conv_spec (64, 3, 11);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (json);
  g_assert_cmpuint (strlen (json), <, CL_MODEL_TIMELAPSE_MAX_BYTES * 4 / 3 + 1000);
  g_autoptr(ClTimelapse) back = cl_model_timelapse_from_json (json, spec, "m.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n, ==, CL_MODEL_TIMELAPSE_MAX_BYTES / (64 * 3 * 11 * 11 * 4));
  /* Thinned evenly, the first and the last kept, their weights exact. */
  g_assert_cmpuint (back->steps[0], ==, 0);
  g_assert_cmpuint (back->steps[back->n - 1], ==, 640);
  g_assert_cmpmem (cl_timelapse_get_weights (back, back->n - 1), cl_timelapse_frame_size (back) * 4,
                   cl_timelapse_get_weights (big, 64), cl_timelapse_frame_size (big) * 4);

  /* Too large for two frames: not kept at all. */
  g_autoptr(ClTimelapse) huge = frames (512, 3, 15, 2);
  g_assert_null (cl_model_timelapse_to_json (huge));
}

static void
test_malformed_is_refused (void)
{
  g_autoptr(ClNetSpec) spec = conv_spec (2, 1, 3);
  /* 2 × 1 × 3 × 3 floats = 72 bytes a frame. */
  g_autofree char *one = g_base64_encode (
    (const guchar *) "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567", 72);
  g_autofree char *good = g_strdup_printf (
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [0], \"weights\": \"%s\"}", one);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTimelapse) ok = cl_model_timelapse_from_json (good, spec, "m.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->n, ==, 1);

  const char *cases[] = {
    "not json",
    "[]",
    "{\"layer\": 2, \"shape\": [2, 1, 3, 3], \"steps\": [0], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [3, 1, 3, 3], \"steps\": [0], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [2, 1, 3], \"steps\": [0], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [0, 1], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [-3], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [\"0\"], \"weights\": \"@\"}",
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [0], \"weights\": 12}",
    "{\"layer\": 1, \"shape\": [2, 1, 3, 3], \"steps\": [0], \"weights\": \"AAAA@\"}",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) e = NULL;
      /* "@" stands for the valid weights. */
      g_auto(GStrv) parts = g_strsplit (cases[i], "@", -1);
      g_autofree char *json = g_strjoinv (one, parts);
      g_autoptr(ClTimelapse) t = cl_model_timelapse_from_json (json, spec, "bad.safetensors", &e);
      g_assert_null (t);
      g_assert_error (e, CL_ERROR, CL_ERROR_FORMAT);
      g_assert_nonnull (strstr (e->message, "bad.safetensors"));
    }
  /* Steps that would need gigabytes: refused before any allocation. */
  g_autoptr(ClNetSpec) wide = conv_spec (1024, 3, 15);
  g_autoptr(GError) e = NULL;
  g_assert_null (cl_model_timelapse_from_json (
    "{\"layer\": 1, \"shape\": [1024, 3, 15, 15], \"steps\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "
    "12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30], \"weights\": \"\"}",
    wide, "huge.safetensors", &e));
  g_assert_error (e, CL_ERROR, CL_ERROR_FORMAT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/timelapse/frames-of-a-run", test_frames_of_a_run);
  g_test_add_func ("/files/timelapse/find-takes-the-frame-at-or-before", test_find_takes_the_frame_at_or_before);
  g_test_add_func ("/files/timelapse/parse-steps", test_parse_steps);
  g_test_add_func ("/files/timelapse/saved-and-read-back", test_saved_and_read_back);
  g_test_add_func ("/files/timelapse/bounded", test_bounded);
  g_test_add_func ("/files/timelapse/malformed-is-refused", test_malformed_is_refused);
  return g_test_run ();
}
