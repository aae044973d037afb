#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli-common.h"

static char *
shape_text (ClShape s)
{
  if (s.h == 1 && s.w == 1)
    return g_strdup_printf ("%d", s.c);
  return g_strdup_printf ("%d×%d×%d", s.c, s.h, s.w);
}

/* Parameters a layer trains (buffers such as running means are not). */
static guint64
layer_params (ClNet *net, int layer)
{
  guint64 n = 0;
  for (int j = 0; j < cl_net_get_layer_n_tensors (net, layer); j++)
    {
      float *grad = NULL;
      const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, NULL, &grad);
      if (grad != NULL)
        n += info->count;
    }
  return n;
}

int
cl_cli_info (int argc, char **argv)
{
  int status;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — the layers, shapes and parameters of a design or model"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;

  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cl_cli_fail_message (_("info needs one design or model file (see --help)."));
  if (!cl_cli_open (argv[1], 1, &design, &net, &error))
    return cl_cli_fail (error);
  gboolean trained = net != NULL;
  if (net == NULL && (net = cl_net_new (design->spec, 1, &error)) == NULL)
    return cl_cli_fail (error);

  const ClTrainSettings *t = cl_net_spec_peek_train (design->spec);
  g_autofree char *input = shape_text (cl_net_get_input_shape (net));
  printf ("%s — %s\n", design->name[0] ? design->name : argv[1],
          trained ? _("trained model") : _("design"));
  printf (_("Input: %s    Data: %s\n"), input, design->data.source);
  printf ("\n  #  %-12s %-14s %12s\n", _("Layer"), _("Output"), _("Parameters"));
  for (int i = 0; i < cl_net_get_n_layers (net); i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (design->spec, i);
      g_autofree char *out = shape_text (cl_net_get_output_shape (net, i));
      printf ("%3d  %-12s %-14s %12" G_GUINT64_FORMAT "\n", i + 1, kind->name, out,
              layer_params (net, i));
    }
  printf (_("\nTotal: %llu parameters\n"), (unsigned long long) cl_net_get_n_params (net));
  printf (ngettext ("Training: %s, %s, learning rate %g, batch %d, %d epoch, seed %llu\n",
                    "Training: %s, %s, learning rate %g, batch %d, %d epochs, seed %llu\n",
                    t->epochs),
          cl_loss_kind_to_string (t->loss), cl_optim_kind_to_string (t->optimiser), t->lr,
          t->batch_size, t->epochs, (unsigned long long) t->seed);
  /* The window's pace (train ignores it): what a class will watch. */
  if (t->speed <= 0)
    printf ("%s\n", _("Speed: full"));
  else
    printf (ngettext ("Speed: %d step a second\n", "Speed: %d steps a second\n", t->speed),
            t->speed);
  if (!cl_augment_is_none (&t->augment))
    {
      g_autofree char *id = cl_augment_to_string (&t->augment);
      printf (_("Augmentation: %s\n"), id);
    }
  /* What the Gabor lesson depends on, said when it is not the default. */
  if (t->weight_decay > 0)
    printf (_("Weight decay: %g\n"), t->weight_decay);
  if (design->data.norm != CL_DATASET_NORM_UNIT && !g_str_has_prefix (design->data.source, "toy:"))
    printf (_("Normalisation: %s\n"), cl_dataset_norm_to_string (design->data.norm));
  for (int i = 0; i < cl_net_spec_get_n_layers (design->spec); i++)
    {
      double value;
      ClInitKind init = cl_net_spec_get_init (design->spec, i, &value);
      if (init == CL_INIT_DEFAULT)
        continue;
      g_autofree char *scale = init == CL_INIT_CONSTANT || init == CL_INIT_UNIFORM
                                   || init == CL_INIT_NORMAL
                                 ? g_strdup_printf (" %g", value) : g_strdup ("");
      /* Translators: a layer's initialisation: "Conv2D #1 starts at normal 0.01". */
      printf (_("%s #%d starts at %s%s\n"), cl_net_spec_get_layer_kind (design->spec, i)->name,
              i + 1, cl_init_kind_to_string (init), scale);
    }
  return 0;
}
