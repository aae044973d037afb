#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <stdarg.h>

#include "engine/zoo.h"

int
cl_net_spec_append (ClNetSpec *spec, const char *kind, ...)
{
  int i = cl_net_spec_add_layer (spec, kind);
  g_return_val_if_fail (i >= 0, -1);
  va_list args;
  va_start (args, kind);
  const char *name;
  while ((name = va_arg (args, const char *)) != NULL)
    cl_net_spec_set_setting (spec, i, name, va_arg (args, double));
  va_end (args);
  return i;
}

ClNetSpec *
cl_net_spec_new_lenet5 (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 6.0, "kernel", 5.0, "padding", 2.0, "pad", 2.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", "size", 2.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 5.0, "padding", 1.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", "size", 2.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "Dense", "units", 120.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 84.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  return spec;
}

ClNetSpec *
cl_net_spec_new_cnn3 (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 32.0, "kernel", 3.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 32.0, "kernel", 3.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", "size", 2.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 64.0, "kernel", 3.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", "size", 2.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "Dense", "units", 128.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dropout", "rate", 0.5, NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  return spec;
}

ClNetSpec *
cl_net_spec_new_mlp (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 256.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 128.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  return spec;
}

ClNetSpec *
cl_net_spec_new_init_demo (ClInitKind init, double value)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  for (int layer = 0; layer < 2; layer++)
    {
      cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
      cl_net_spec_append (spec, "Tanh", NULL);
    }
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (g_str_equal (cl_net_spec_get_layer_kind (spec, i)->name, "Dense"))
      cl_net_spec_set_init (spec, i, init, value);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->loss = CL_LOSS_CROSS_ENTROPY;
  t->optimiser = CL_OPTIM_ADAM;
  t->lr = 0.03;
  t->batch_size = 16;
  t->seed = 1;
  return spec;
}

const char * const cl_zoo_names[] = { "lenet5", "cnn3", "mlp", NULL };

ClNetSpec *
cl_net_spec_new_from_zoo (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  if (g_str_equal (name, "lenet5"))
    return cl_net_spec_new_lenet5 ();
  if (g_str_equal (name, "cnn3"))
    return cl_net_spec_new_cnn3 ();
  if (g_str_equal (name, "mlp"))
    return cl_net_spec_new_mlp ();
  return NULL;
}
