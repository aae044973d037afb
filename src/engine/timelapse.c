#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "engine/error.h"
#include "engine/layer-registry.h"
#include "engine/net.h"
#include "engine/timelapse.h"

gboolean
cl_timelapse_first_conv (const ClNetSpec *spec, int *layer, int *out, int *in, int *k)
{
  const ClLayerKind *conv = cl_layer_registry_lookup ("Conv2D");
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerInfo *info = g_new0 (ClLayerInfo, MAX (n, 1));

  /* Shapes are known up to a failing layer: a design that ends badly
   * (no Softmax yet) still has its first filters. */
  cl_net_spec_check (spec, info, NULL, NULL);
  for (int i = 0; i < n; i++)
    if (cl_net_spec_get_layer_kind (spec, i) == conv)
      {
        ClShape prev = i == 0 ? cl_net_spec_get_input (spec) : info[i - 1].out;
        if (prev.c <= 0 || info[i].out.c <= 0)
          return FALSE;
        *layer = i;
        *out = info[i].out.c;
        *in = prev.c;
        *k = (int) cl_net_spec_get_setting (spec, i, "kernel");
        return TRUE;
      }
  return FALSE;
}

ClTimelapse *
cl_timelapse_new (int layer, int out, int in, int k, guint n, guint64 *steps, float *weights)
{
  ClTimelapse *t = g_new0 (ClTimelapse, 1);

  *t = (ClTimelapse) { layer, out, in, k, n, steps, weights };
  return t;
}

void
cl_timelapse_free (ClTimelapse *t)
{
  if (t == NULL)
    return;
  g_free (t->steps);
  g_free (t->weights);
  g_free (t);
}

gsize
cl_timelapse_frame_size (const ClTimelapse *t)
{
  return (gsize) t->out * t->in * t->k * t->k;
}

const float *
cl_timelapse_get_weights (const ClTimelapse *t, guint frame)
{
  g_return_val_if_fail (frame < t->n, NULL);
  return t->weights + frame * cl_timelapse_frame_size (t);
}

ClTimelapse *
cl_timelapse_new_from_snapshot (const ClSnapshot *s, GError **error)
{
  int layer, out, in, k;

  if (!cl_timelapse_first_conv (s->spec, &layer, &out, &in, &k) || layer >= s->n_layers)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("This network has no Conv2D layer: there are no filters to replay."));
      return NULL;
    }
  guint n_checkpoints = s->checkpoints != NULL ? s->checkpoints->len : 0;
  if (n_checkpoints == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                   _("There is no checkpoint of the weights yet: press Play or Step first."));
      return NULL;
    }
  gsize size = (gsize) out * in * k * k, offset = s->layers[layer].param_offset;
  if (offset + size > s->n_params)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("The weights do not match the design: there are no filters to replay."));
      return NULL;
    }
  /* "Now" joins the frames when training went on past the last checkpoint. */
  gboolean now = s->step > s->checkpoint_steps[n_checkpoints - 1];
  guint n = n_checkpoints + (now ? 1 : 0);
  guint64 *steps = g_new (guint64, n);
  float *weights = g_new (float, n * size);

  for (guint i = 0; i < n_checkpoints; i++)
    {
      const float *params = g_bytes_get_data (g_ptr_array_index (s->checkpoints, i), NULL);
      steps[i] = s->checkpoint_steps[i];
      memcpy (weights + i * size, params + offset, size * sizeof (float));
    }
  if (now)
    {
      steps[n - 1] = s->step;
      memcpy (weights + (n - 1) * size, s->params + offset, size * sizeof (float));
    }
  return cl_timelapse_new (layer, out, in, k, n, steps, weights);
}

guint
cl_timelapse_find (const ClTimelapse *t, guint64 step)
{
  guint lo = 0, hi = t->n;

  /* The first frame whose step is past `step`, minus one. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (t->steps[mid] <= step)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

GArray *
cl_timelapse_parse_steps (const char *text, const char *what, GError **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

  for (int i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);
      guint64 step;
      if (!g_ascii_string_to_unsigned (item, 10, 0, G_MAXINT64, &step, NULL))
        {
          g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                       /* Translators: %s is "--steps" or the panel's field, then the item. */
                       _("%s: “%s” is not a step number (write steps as whole numbers separated "
                         "by commas, e.g. 0,50,200,1000)."),
                       what, item);
          return NULL;
        }
      if (steps->len == CL_TIMELAPSE_MAX_ASKED)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("%s: at most %d steps fit on a strip."), what, CL_TIMELAPSE_MAX_ASKED);
          return NULL;
        }
      g_array_append_val (steps, step);
    }
  if (steps->len == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("%s: give at least one step (whole numbers separated by commas, e.g. "
                     "0,50,200,1000)."), what);
      return NULL;
    }
  return g_steal_pointer (&steps);
}

GArray *
cl_timelapse_spread_steps (const ClTimelapse *t, guint count)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint64));

  count = MIN (count, t->n);
  for (guint i = 0; i < count; i++)
    {
      guint frame = count > 1 ? (guint) (((guint64) i * (t->n - 1) + (count - 1) / 2) / (count - 1)) : 0;
      g_array_append_val (steps, t->steps[frame]);
    }
  return steps;
}
