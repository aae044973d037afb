/* Whatever a student builds in the editor, compiling either succeeds or
 * says why, and a compiled design trains a step without crashing: random
 * designs of random kinds with settings drawn inside and just outside their
 * ranges. */
#include "config.h"

#include <math.h>

#include "engine/error.h"
#include "engine/net.h"
#include "engine/rng.h"

static double
random_setting (ClRng *rng, const ClSettingDesc *d)
{
  /* Mostly small valid values (so shapes stay small), sometimes the edges
   * and just past them. */
  switch (cl_rng_below (rng, 8))
    {
    case 0:
      return d->min - 1;
    case 1:
      return d->max + 1;
    case 2:
      return d->max;
    case 3:
      return d->min;
    default:
      if (d->type == CL_SETTING_FLOAT)
        return d->min + (MIN (d->max, d->min + 1) - d->min) * cl_rng_uniform (rng);
      return d->min + cl_rng_below (rng, (guint32) MIN (d->max - d->min, 4) + 1);
    }
}

static void
test_random_designs (void)
{
  ClRng rng;
  cl_rng_init (&rng, 77, CL_RNG_STREAM_DATA);
  int compiled = 0, refused = 0;
  for (int trial = 0; trial < 1500; trial++)
    {
      int c = 1 + cl_rng_below (&rng, 3), hw = 1 + cl_rng_below (&rng, 10);
      g_autoptr(ClNetSpec) spec = cl_net_spec_new (c, hw, hw);
      ClTrainSettings *t = cl_net_spec_get_train (spec);
      t->loss = (ClLossKind) cl_rng_below (&rng, 3);
      t->optimiser = (ClOptimKind) cl_rng_below (&rng, 5);
      int n_layers = 1 + cl_rng_below (&rng, 6);
      for (int i = 0; i < n_layers; i++)
        {
          const ClLayerKind *kind =
            cl_layer_registry_get_kind (cl_rng_below (&rng, cl_layer_registry_get_n_kinds ()));
          cl_net_spec_add_layer (spec, kind->name);
          for (int s = 0; s < kind->n_settings; s++)
            if (cl_rng_below (&rng, 2))
              cl_net_spec_set_setting (spec, i, kind->settings[s].name,
                                       random_setting (&rng, &kind->settings[s]));
          cl_net_spec_set_init (spec, i, (ClInitKind) cl_rng_below (&rng, 9), 0.1);
        }
      /* Half the time end like a classifier, so the losses' rules pass. */
      if (cl_rng_below (&rng, 2))
        {
          cl_net_spec_add_layer (spec, "Dense");
          cl_net_spec_add_layer (spec, t->loss == CL_LOSS_BINARY_CROSS_ENTROPY ? "Sigmoid" : "Softmax");
        }

      g_autoptr(GError) error = NULL;
      g_autoptr(ClNet) net = cl_net_new (spec, 3, &error);
      if (net == NULL)
        {
          g_assert_true (error != NULL && error->domain == CL_ERROR);
          g_assert_true (error->code == CL_ERROR_INVALID_DESIGN || error->code == CL_ERROR_TOO_LARGE);
          g_assert_cmpuint (strlen (error->message), >, 10);
          refused++;
          continue;
        }
      g_assert_no_error (error);
      compiled++;

      int last = cl_net_get_n_layers (net) - 1;
      ClShape os = cl_net_get_output_shape (net, last);
      gsize out = (gsize) os.c * os.h * os.w;
      g_autofree float *x = g_new (float, 3 * c * hw * hw);
      g_autofree float *targets = g_new (float, 3 * out);
      gint32 labels[3];
      for (int i = 0; i < 3 * c * hw * hw; i++)
        x[i] = cl_rng_uniform (&rng);
      for (gsize i = 0; i < 3 * out; i++)
        targets[i] = cl_rng_uniform (&rng);
      for (int i = 0; i < 3; i++)
        labels[i] = (gint32) cl_rng_below (&rng, (guint32) out);
      ClStepResult r;
      cl_net_set_learning_rate (net, 0.01);
      for (int step = 0; step < 2; step++)
        if (!cl_net_train_step (net, x, labels, targets, 3, &r, &error))
          {
            /* Only a divergence may stop it (e.g. a constant init). */
            g_assert_error (error, CL_ERROR, CL_ERROR_DIVERGED);
            g_clear_error (&error);
            break;
          }
      g_assert_true (cl_net_evaluate (net, x, labels, targets, 2, &r, NULL) || cl_net_is_diverged (net));
    }
  g_test_message ("%d designs compiled, %d refused", compiled, refused);
  g_assert_cmpint (compiled, >, 200);
  g_assert_cmpint (refused, >, 200);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/net/random-designs", test_random_designs);
  return g_test_run ();
}
