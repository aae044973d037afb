#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/rng.h"

/* The toy sets of the slides.  Points come from the one engine RNG (stream
 * DATA), so a seed gives the same set on every machine and thread count;
 * classes take turns (point i has class i mod k) in each part, so both
 * parts are balanced to within one point, then each part is shuffled. */

void
cl_toy_options_init (ClToyOptions *options)
{
  options->n_points = 400;
  options->noise = 0.1f;
  options->test_fraction = 0.2f;
  options->n_classes = 3;
  options->seed = 1;
}

static const char *
toy_name (ClToyKind kind)
{
  switch (kind)
    {
    case CL_TOY_XOR: return _("XOR");
    case CL_TOY_CIRCLES: return _("Circles");
    case CL_TOY_SPIRALS: return _("Two spirals");
    case CL_TOY_BLOBS: return _("Gaussian blobs");
    case CL_TOY_COS: return _("Noisy cos(x)");
    case CL_TOY_STEP: return _("Step");
    case CL_TOY_POLYNOMIAL: return _("Polynomial");
    default: return NULL;
    }
}

/* One 2D point of class c out of k. */
static void
classification_point (ClToyKind kind, guint c, guint k, ClRng *rng, float *p)
{
  switch (kind)
    {
    case CL_TOY_XOR:
      {
        /* Class 0 in the quadrants where x and y share a sign, class 1 in
         * the others; a small margin keeps the clean set separable. */
        float s = cl_rng_below (rng, 2) ? 1.0f : -1.0f;
        p[0] = s * (0.05f + 0.95f * cl_rng_uniform (rng));
        p[1] = (c == 0 ? s : -s) * (0.05f + 0.95f * cl_rng_uniform (rng));
        break;
      }
    case CL_TOY_CIRCLES:
      {
        float r = c == 0 ? 0.5f * sqrtf (cl_rng_uniform (rng)) : 0.7f + 0.3f * cl_rng_uniform (rng);
        float a = 2.0f * (float) G_PI * cl_rng_uniform (rng);
        p[0] = r * cosf (a);
        p[1] = r * sinf (a);
        break;
      }
    case CL_TOY_SPIRALS:
      {
        /* One and a half turns each, the second spiral the first rotated by π. */
        float t = cl_rng_uniform (rng);
        float r = 0.05f + 0.95f * t;
        float a = 3.0f * (float) G_PI * t + (float) G_PI * c;
        p[0] = r * cosf (a);
        p[1] = r * sinf (a);
        break;
      }
    case CL_TOY_BLOBS:
      {
        float a = 2.0f * (float) G_PI * c / k + (float) G_PI / 2;
        p[0] = 0.6f * cosf (a) + 0.15f * cl_rng_normal (rng);
        p[1] = 0.6f * sinf (a) + 0.15f * cl_rng_normal (rng);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
regression_point (ClToyKind kind, ClRng *rng, float *x, float *y)
{
  switch (kind)
    {
    case CL_TOY_COS:
      *x = (float) G_PI * (2.0f * cl_rng_uniform (rng) - 1.0f);
      *y = cosf (*x);
      break;
    case CL_TOY_STEP:
      *x = 2.0f * cl_rng_uniform (rng) - 1.0f;
      *y = *x < 0 ? -0.5f : 0.5f;
      break;
    case CL_TOY_POLYNOMIAL:
      *x = 2.0f * cl_rng_uniform (rng) - 1.0f;
      *y = 2.0f * *x * *x * *x - *x;
      break;
    default:
      g_assert_not_reached ();
    }
}

ClDataset *
cl_dataset_new_toy (ClToyKind kind, const ClToyOptions *options, GError **error)
{
  g_return_val_if_fail (toy_name (kind) != NULL, NULL);
  ClToyOptions defaults;
  cl_toy_options_init (&defaults);
  if (options == NULL)
    options = &defaults;

  gboolean regression = kind >= CL_TOY_COS;
  guint k = kind == CL_TOY_BLOBS ? options->n_classes : 2;
  if (options->n_points > CL_TOY_MAX_POINTS)
    {
      g_autofree char *limit = _cl_format_count (CL_TOY_MAX_POINTS);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("A toy set has at most %s points."), limit);
      return NULL;
    }
  if (!(options->noise >= 0.0f && options->noise <= 10.0f)
      || !(options->test_fraction >= 0.0f && options->test_fraction <= 0.9f))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The noise must be between 0 and 10 and the test fraction between 0 and "
                     "0.9."));
      return NULL;
    }
  if (!regression && (k < 2 || k > 10))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("Gaussian blobs need between 2 and 10 classes."));
      return NULL;
    }

  guint n_test = (guint) lround ((double) options->n_points * options->test_fraction);
  guint n_train = options->n_points - n_test;
  if (n_train < (regression ? 2 : 2 * k))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                   _("%u points are too few for this toy set."), options->n_points);
      return NULL;
    }

  g_autoptr(ClDataset) ds
      = _cl_dataset_new (regression ? CL_DATASET_REGRESSION : CL_DATASET_CLASSIFICATION,
                         regression ? 1 : 2, 1, 1, n_train, n_test, regression ? 0 : k,
                         regression ? 1 : 0, error);
  if (ds == NULL)
    return NULL;

  ClRng rng;
  cl_rng_init (&rng, options->seed, CL_RNG_STREAM_DATA);
  guint first = 0;
  for (int part = 0; part < 2; part++)
    {
      guint n = part == 0 ? n_train : n_test;
      g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        order[i] = i;
      cl_rng_shuffle (&rng, order, n);
      for (guint i = 0; i < n; i++)
        {
          guint s = first + order[i];
          float *p = ds->x + (gsize) s * ds->sample_size;
          if (regression)
            {
              regression_point (kind, &rng, &p[0], &ds->targets[s]);
              ds->targets[s] += options->noise * cl_rng_normal (&rng);
            }
          else
            {
              classification_point (kind, i % k, k, &rng, p);
              p[0] += options->noise * cl_rng_normal (&rng);
              p[1] += options->noise * cl_rng_normal (&rng);
              ds->labels[s] = i % k;
            }
        }
      first += n;
    }

  ds->norm = CL_DATASET_NORM_NONE;
  ds->name = g_strdup (toy_name (kind));
  if (!regression)
    {
      ds->class_names = g_new0 (char *, k + 1);
      for (guint c = 0; c < k; c++)
        ds->class_names[c] = g_strdup_printf (_("Class %u"), c);
    }
  _cl_dataset_describe (ds, FALSE);
  return g_steal_pointer (&ds);
}
