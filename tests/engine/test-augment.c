/* Augmentation: each transform on known images, the random draws'
 * determinism, the compact id, and the trainer applying it. */
#define G_LOG_DOMAIN "test-augment"

#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/augment.h"
#include "engine/dataset-private.h"
#include "engine/dataset.h"
#include "engine/error.h"
#include "engine/net.h"
#include "engine/trainer.h"
#include "engine/zoo.h"

#define S 12   /* the test images' side */

/* A 1×S×S image with one bright pixel at (px, py) on a graded background,
 * so that every pixel is told apart. */
static void
dot_image (float *img, int px, int py)
{
  for (int y = 0; y < S; y++)
    for (int x = 0; x < S; x++)
      img[y * S + x] = 0.001f * (y * S + x);
  img[py * S + px] = 1.0f;
}

static float
at (const float *img, int x, int y)
{
  return img[CLAMP (y, 0, S - 1) * S + CLAMP (x, 0, S - 1)];
}

static void
test_shift_moves_a_pixel (void)
{
  float src[S * S], dst[S * S];
  ClAugmentTransform tr;

  dot_image (src, 5, 4);
  cl_augment_transform_init (&tr);
  tr.dx = 1;
  tr.dy = -2;
  cl_augment_apply (&tr, src, dst, 1, S, S);
  g_assert_cmpfloat (dst[2 * S + 6], ==, 1.0f);   /* (5, 4) moved to (6, 2) */
  /* Every pixel is the source's (x − 1, y + 2), the edges repeated. */
  for (int y = 0; y < S; y++)
    for (int x = 0; x < S; x++)
      g_assert_cmpfloat (dst[y * S + x], ==, at (src, x - 1, y + 2));
}

static void
test_flip_mirrors (void)
{
  float src[2 * S * S], dst[2 * S * S];
  ClAugmentTransform tr;

  dot_image (src, 2, 7);
  dot_image (src + S * S, 9, 1);
  cl_augment_transform_init (&tr);
  tr.flip = TRUE;
  cl_augment_apply (&tr, src, dst, 2, S, S);
  for (int c = 0; c < 2; c++)
    for (int y = 0; y < S; y++)
      for (int x = 0; x < S; x++)
        g_assert_cmpfloat (dst[c * S * S + y * S + x], ==, src[c * S * S + y * S + S - 1 - x]);
}

static void
test_crop_of_the_whole_image_is_identity (void)
{
  float src[3 * S * S], dst[3 * S * S];
  ClAugmentTransform tr;

  for (int i = 0; i < 3 * S * S; i++)
    src[i] = sinf (i * 0.37f);
  cl_augment_transform_init (&tr);
  tr.scale = 1.0;
  tr.cx = 0.7;   /* no room to move: the window is the image */
  tr.cy = -0.4;
  cl_augment_apply (&tr, src, dst, 3, S, S);
  g_assert_cmpmem (dst, sizeof dst, src, sizeof src);
}

/* Bilinear interpolation of a linear ramp is exact: the crop's window
 * scaled back shows the ramp stretched from its corner. */
static void
test_crop_scales_a_window_back (void)
{
  float src[S * S], dst[S * S];
  ClAugmentTransform tr;

  for (int y = 0; y < S; y++)
    for (int x = 0; x < S; x++)
      src[y * S + x] = (float) x + 100.0f * y;
  cl_augment_transform_init (&tr);
  tr.scale = 0.5;
  tr.cx = -1;   /* the top left quarter */
  tr.cy = -1;
  cl_augment_apply (&tr, src, dst, 1, S, S);
  for (int y = 0; y < S; y++)
    for (int x = 0; x < S; x++)
      {
        /* Output pixel centre x + ½ is window point (x + ½)/2, pixel index (x + ½)/2 − ½. */
        double sx = MAX (0, (x + 0.5) / 2 - 0.5), sy = MAX (0, (y + 0.5) / 2 - 0.5);
        g_assert_cmpfloat_with_epsilon (dst[y * S + x], sx + 100 * sy, 1e-3);
      }
}

static void
test_rotation_by_zero_is_identity (void)
{
  float src[S * S], dst[S * S];
  ClAugmentTransform tr;

  dot_image (src, 3, 8);
  cl_augment_transform_init (&tr);
  tr.degrees = 0;
  cl_augment_apply (&tr, src, dst, 1, S, S);
  g_assert_cmpmem (dst, sizeof dst, src, sizeof src);
}

static void
test_rotation_by_90_turns_the_image (void)
{
  float src[S * S], dst[S * S];
  ClAugmentTransform tr;

  dot_image (src, 3, 8);
  cl_augment_transform_init (&tr);
  tr.degrees = 90;
  cl_augment_apply (&tr, src, dst, 1, S, S);
  /* About the centre, a quarter turn takes (x, y) from (y, S − 1 − x)
   * or its mirror, depending on the sense: one of them holds. */
  gboolean one = TRUE, other = TRUE;
  for (int y = 0; y < S; y++)
    for (int x = 0; x < S; x++)
      {
        one = one && fabsf (dst[y * S + x] - src[(S - 1 - x) * S + y]) < 1e-4f;
        other = other && fabsf (dst[y * S + x] - src[x * S + S - 1 - y]) < 1e-4f;
      }
  g_assert_true (one || other);
}

/* A round blob is itself under a rotation, up to interpolation; a
 * lopsided image is not. */
static void
test_round_image_stays_itself_under_rotation (void)
{
  float blob[S * S], bar[S * S], dst[S * S];
  ClAugmentTransform tr;
  double c = (S - 1) / 2.0;

  for (int y = 0; y < S; y++)
    for (int x = 0; x < S; x++)
      {
        blob[y * S + x] = (float) exp (-((x - c) * (x - c) + (y - c) * (y - c)) / 8.0);
        bar[y * S + x] = x < S / 2 && y < 3 ? 1.0f : 0.0f;
      }
  cl_augment_transform_init (&tr);
  tr.degrees = 7;
  cl_augment_apply (&tr, blob, dst, 1, S, S);
  for (int i = 0; i < S * S; i++)
    g_assert_cmpfloat_with_epsilon (dst[i], blob[i], 0.03);
  cl_augment_apply (&tr, bar, dst, 1, S, S);
  float most = 0;
  for (int i = 0; i < S * S; i++)
    most = MAX (most, fabsf (dst[i] - bar[i]));
  g_assert_cmpfloat (most, >, 0.1);
}

static const ClAugmentSettings all_on = { .shift = 2, .flip = TRUE, .crop = 20, .rotate = 10 };

/* Over many samples every shift in range appears, and never one beyond. */
static void
test_draws_cover_the_ranges (void)
{
  ClAugmentSettings s = { .shift = 1, .flip = TRUE, .crop = 30, .rotate = 15 };
  guint64 key = cl_augment_key (3);
  gboolean seen[3][3] = { { FALSE } };
  int flips = 0;
  double min_scale = 1, max_degrees = 0, min_degrees = 0;

  for (int i = 0; i < 400; i++)
    {
      ClAugmentTransform tr;
      cl_augment_draw (&s, key, 0, i, &tr);
      g_assert_cmpint (ABS (tr.dx), <=, 1);
      g_assert_cmpint (ABS (tr.dy), <=, 1);
      seen[tr.dx + 1][tr.dy + 1] = TRUE;
      flips += tr.flip;
      g_assert_cmpfloat (tr.scale, >=, 0.7);
      g_assert_cmpfloat (tr.scale, <=, 1.0);
      g_assert_cmpfloat (fabs (tr.cx), <=, 1);
      g_assert_cmpfloat (fabs (tr.degrees), <=, 15);
      min_scale = MIN (min_scale, tr.scale);
      max_degrees = MAX (max_degrees, tr.degrees);
      min_degrees = MIN (min_degrees, tr.degrees);
    }
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++)
      g_assert_true (seen[a][b]);
  g_assert_cmpint (flips, >, 150);
  g_assert_cmpint (flips, <, 250);
  g_assert_cmpfloat (min_scale, <, 0.75);
  g_assert_cmpfloat (max_degrees, >, 12);
  g_assert_cmpfloat (min_degrees, <, -12);

  /* Out of range is kept in range, never an overflow. */
  ClAugmentSettings wild = { .shift = G_MAXINT, .crop = 1000, .rotate = -5 };
  ClAugmentTransform tamed;
  cl_augment_draw (&wild, key, 0, 1, &tamed);
  g_assert_cmpint (ABS (tamed.dx), <=, CL_AUGMENT_SHIFT_MAX);
  g_assert_cmpfloat (tamed.scale, >=, 1.0 - CL_AUGMENT_CROP_MAX / 100.0);
  g_assert_cmpfloat (tamed.degrees, ==, 0);

  /* Off is the identity. */
  ClAugmentSettings none = { 0 };
  ClAugmentTransform tr, id;
  cl_augment_draw (&none, key, 0, 5, &tr);
  cl_augment_transform_init (&id);
  g_assert_cmpmem (&tr, sizeof tr, &id, sizeof id);
}

static void
random_images (float *x, int n)
{
  for (int i = 0; i < n; i++)
    x[i] = sinf (i * 0.173f) + 0.3f * cosf (i * 0.051f);
}

#define BATCH 32
#define C 3

static void
test_deterministic_and_new_each_epoch (void)
{
  static float src[BATCH * C * S * S], a[BATCH * C * S * S], b[BATCH * C * S * S];
  guint32 indices[BATCH];

  random_images (src, BATCH * C * S * S);
  for (int i = 0; i < BATCH; i++)
    indices[i] = 1000 + 7 * i;
  cl_augment_batch (&all_on, cl_augment_key (11), 4, indices, BATCH, src, a, C, S, S);
  cl_augment_batch (&all_on, cl_augment_key (11), 4, indices, BATCH, src, b, C, S, S);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  /* The same sample at another place of another batch: the same image. */
  cl_augment_sample (&all_on, cl_augment_key (11), 4, indices[5], src + 5 * C * S * S, b, C, S, S);
  g_assert_cmpmem (b, sizeof (float) * C * S * S, a + 5 * C * S * S, sizeof (float) * C * S * S);
  /* Another epoch, or another seed: other images. */
  cl_augment_batch (&all_on, cl_augment_key (11), 5, indices, BATCH, src, b, C, S, S);
  g_assert_true (memcmp (a, b, sizeof a) != 0);
  cl_augment_batch (&all_on, cl_augment_key (12), 4, indices, BATCH, src, b, C, S, S);
  g_assert_true (memcmp (a, b, sizeof a) != 0);
}

static void
test_independent_of_the_thread_count (void)
{
  static float src[BATCH * C * S * S], a[BATCH * C * S * S], b[BATCH * C * S * S];
  guint32 indices[BATCH];
  int before = cl_engine_get_threads ();

  random_images (src, BATCH * C * S * S);
  for (int i = 0; i < BATCH; i++)
    indices[i] = i;
  cl_engine_set_threads (1);
  cl_augment_batch (&all_on, cl_augment_key (2), 1, indices, BATCH, src, a, C, S, S);
  cl_engine_set_threads (2);
  cl_augment_batch (&all_on, cl_augment_key (2), 1, indices, BATCH, src, b, C, S, S);
  cl_engine_set_threads (before);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
}

static void
test_id_round_trip (void)
{
  const char *ids[] = { "none", "flip", "shift", "shift+flip", "shift3+crop30+rotate15",
                        "shift+flip+crop+rotate", "rotate5", NULL };

  for (int i = 0; ids[i] != NULL; i++)
    {
      ClAugmentSettings s;
      g_autoptr(GError) error = NULL;
      g_assert_true (cl_augment_from_string (ids[i], &s, &error));
      g_assert_no_error (error);
      g_assert_true (cl_augment_is_valid (&s));
      g_autofree char *back = cl_augment_to_string (&s);
      g_assert_cmpstr (back, ==, ids[i]);
    }
  ClAugmentSettings s;
  g_assert_true (cl_augment_from_string ("rotate+shift8", &s, NULL));
  g_assert_cmpint (s.shift, ==, 8);
  g_assert_cmpint (s.rotate, ==, CL_AUGMENT_ROTATE_DEFAULT);
  g_autofree char *ordered = cl_augment_to_string (&s);
  g_assert_cmpstr (ordered, ==, "shift8+rotate");
  g_autofree char *none = cl_augment_to_string (&(ClAugmentSettings) { 0 });
  g_assert_cmpstr (none, ==, "none");
}

static void
test_bad_ids_are_refused (void)
{
  struct { const char *id, *names; } cases[] = {
    { "", "none" },
    { "zoom", "zoom" },
    { "shift9", "shift" },
    { "crop51", "crop" },
    { "rotate0", "rotate" },
    { "shift+shift3", "shift" },
    { "flip+flip", "flip" },
    { "shift-1", "shift-1" },
    { "shift+", "“”" },
    { "rotate99999999999999999999", "rotate" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ClAugmentSettings s = { .shift = 5 };
      g_autoptr(GError) error = NULL;
      g_assert_false (cl_augment_from_string (cases[i].id, &s, &error));
      g_assert_error (error, CL_ERROR, CL_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, cases[i].names));
      g_assert_cmpint (s.shift, ==, 5);   /* untouched */
    }
}

/* ---- in the trainer -------------------------------------------------------- */

/* Sixty-four 3×8×8 images, four classes told apart by where a bright
 * square lies. */
static ClDataset *
square_data (void)
{
  g_autoptr(GError) error = NULL;
  ClDataset *data = _cl_dataset_new (CL_DATASET_CLASSIFICATION, 3, 8, 8, 64, 16, 4, 0, &error);
  g_assert_no_error (error);
  data->name = g_strdup ("squares");
  for (guint i = 0; i < 80; i++)
    {
      float *x = data->x + i * 192;
      guint k = i % 4;
      data->labels[i] = k;
      for (int j = 0; j < 192; j++)
        x[j] = 0.05f * sinf ((float) (i * 192 + j));
      for (int c = 0; c < 3; c++)
        for (int y = 0; y < 3; y++)
          for (int xx = 0; xx < 3; xx++)
            x[c * 64 + (1 + 4 * (k / 2) + y) * 8 + 1 + 4 * (k % 2) + xx] += 1.0f;
    }
  return data;
}

static ClNetSpec *
square_net (const ClAugmentSettings *augment)
{
  ClNetSpec *spec = cl_net_spec_new (3, 8, 8);
  cl_net_spec_append (spec, "Conv2D", "filters", 4.0, "kernel", 3.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 4.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->batch_size = 16;
  train->seed = 5;
  train->lr = 0.05;
  if (augment != NULL)
    train->augment = *augment;
  return spec;
}

/* The weights after two epochs (8 steps). */
static GBytes *
train_weights (const ClAugmentSettings *augment)
{
  g_autoptr(ClDataset) data = square_data ();
  g_autoptr(ClNetSpec) spec = square_net (augment);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, NULL, &error);

  g_assert_no_error (error);
  cl_trainer_run_epochs (trainer, 2);
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (s->state != CL_TRAINER_FINISHED)
    {
      guint64 version = s->version;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }
  g_assert_cmpuint (s->step, ==, 8);
  GBytes *weights = g_bytes_new (s->params, s->n_params * sizeof (float));
  cl_snapshot_unref (s);
  return weights;
}

static void
test_trainer_off_is_unchanged_on_is_deterministic (void)
{
  ClAugmentSettings none = { 0 };
  g_autoptr(GBytes) plain = train_weights (NULL);
  g_autoptr(GBytes) off = train_weights (&none);
  g_autoptr(GBytes) on = train_weights (&all_on);
  g_autoptr(GBytes) again = train_weights (&all_on);

  g_assert_true (g_bytes_equal (plain, off));
  g_assert_false (g_bytes_equal (plain, on));
  g_assert_true (g_bytes_equal (on, again));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/augment/shift-moves-a-pixel", test_shift_moves_a_pixel);
  g_test_add_func ("/engine/augment/flip-mirrors", test_flip_mirrors);
  g_test_add_func ("/engine/augment/crop-of-the-whole-image-is-identity",
                   test_crop_of_the_whole_image_is_identity);
  g_test_add_func ("/engine/augment/crop-scales-a-window-back", test_crop_scales_a_window_back);
  g_test_add_func ("/engine/augment/rotation-by-zero-is-identity", test_rotation_by_zero_is_identity);
  g_test_add_func ("/engine/augment/rotation-by-90-turns-the-image",
                   test_rotation_by_90_turns_the_image);
  g_test_add_func ("/engine/augment/round-image-stays-itself-under-rotation",
                   test_round_image_stays_itself_under_rotation);
  g_test_add_func ("/engine/augment/draws-cover-the-ranges", test_draws_cover_the_ranges);
  g_test_add_func ("/engine/augment/deterministic-and-new-each-epoch",
                   test_deterministic_and_new_each_epoch);
  g_test_add_func ("/engine/augment/independent-of-the-thread-count",
                   test_independent_of_the_thread_count);
  g_test_add_func ("/engine/augment/id/round-trip", test_id_round_trip);
  g_test_add_func ("/engine/augment/id/bad-ids-are-refused", test_bad_ids_are_refused);
  g_test_add_func ("/engine/augment/trainer/off-is-unchanged-on-is-deterministic",
                   test_trainer_off_is_unchanged_on_is_deterministic);
  return g_test_run ();
}
