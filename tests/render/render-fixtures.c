#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "engine/trainer.h"
#include "engine/zoo.h"
#include "render-fixtures.h"

ClSnapshot *
fixture_train (const ClNetSpec *spec, ClDataset *data, const ClTrainerOptions *options, int epochs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, options, &error);
  g_assert_no_error (error);
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  cl_trainer_run_epochs (trainer, epochs);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (s->state != CL_TRAINER_FINISHED)
    {
      guint64 version = s->version;
      g_assert_cmpint (s->state, !=, CL_TRAINER_DIVERGED);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }
  return s;
}

/* With probes: the Activations pictures draw them. */
static ClSnapshot *
train (const ClNetSpec *spec, ClDataset *data, int epochs)
{
  ClTrainerOptions options;

  cl_trainer_options_init (&options);
  options.probe_count = 4;
  return fixture_train (spec, data, &options, epochs);
}

ClDataset *
fixture_fashion (void)
{
  static ClDataset *data;
  if (data == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = cl_dataset_find_embedded_dir ();
      g_autofree char *path = g_build_filename (dir, "fashion-mnist-subset", NULL);
      ClIdxOptions options = { "Fashion-MNIST", cl_fashion_mnist_class_names, 10 };
      data = cl_dataset_load_idx_dir (path, &options, &error);
      g_assert_no_error (error);
    }
  return data;
}

ClSnapshot *
fixture_lenet_snapshot (void)
{
  static ClSnapshot *s;
  if (s == NULL)
    {
      g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
      cl_net_spec_append (spec, "Conv2D", "filters", 6.0, "kernel", 5.0, "padding", 2.0, "pad", 2.0, NULL);
      cl_net_spec_append (spec, "ReLU", NULL);
      cl_net_spec_append (spec, "MaxPool2D", NULL);
      cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 5.0, "padding", 1.0, NULL);
      cl_net_spec_append (spec, "ReLU", NULL);
      cl_net_spec_append (spec, "MaxPool2D", NULL);
      cl_net_spec_append (spec, "Flatten", NULL);
      cl_net_spec_append (spec, "Dense", "units", 84.0, NULL);
      cl_net_spec_append (spec, "ReLU", NULL);
      cl_net_spec_append (spec, "Dropout", "rate", 0.5, NULL);
      cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
      cl_net_spec_append (spec, "Softmax", NULL);
      ClTrainSettings *train_settings = cl_net_spec_get_train (spec);
      train_settings->optimiser = CL_OPTIM_ADAM;
      train_settings->lr = 0.002;
      train_settings->batch_size = 64;
      train_settings->seed = 1;
      s = train (spec, fixture_fashion (), 1);
    }
  return s;
}

static ClSnapshot *
toy (ClToyKind kind, ClDataset **data_out, int in, int hidden, int out, const char *act,
     ClLossKind loss, int epochs)
{
  g_autoptr(GError) error = NULL;
  ClToyOptions options;
  cl_toy_options_init (&options);
  if (kind == CL_TOY_COS)
    options.noise = 0.15f;
  ClDataset *data = cl_dataset_new_toy (kind, &options, &error);
  g_assert_no_error (error);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (in, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", (double) hidden, NULL);
  cl_net_spec_append (spec, act, NULL);
  cl_net_spec_append (spec, "Dense", "units", (double) out, NULL);
  if (loss == CL_LOSS_BINARY_CROSS_ENTROPY)
    cl_net_spec_append (spec, "Sigmoid", NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->loss = loss;
  t->optimiser = CL_OPTIM_ADAM;
  t->lr = 0.05;
  t->batch_size = 16;
  t->seed = 1;
  ClSnapshot *s = train (spec, data, epochs);
  *data_out = data;
  return s;
}

ClSnapshot *
fixture_xor_snapshot (ClDataset **data)
{
  return toy (CL_TOY_XOR, data, 2, 8, 1, "Tanh", CL_LOSS_BINARY_CROSS_ENTROPY, 60);
}

ClSnapshot *
fixture_cos_snapshot (ClDataset **data)
{
  return toy (CL_TOY_COS, data, 1, 16, 1, "Tanh", CL_LOSS_MSE, 150);
}

ClLandscape *
fixture_bowl (int n, int rows_done)
{
  ClLandscape *l = g_new0 (ClLandscape, 1);
  l->resolution = n;
  l->range = 1;
  l->axes = CL_LANDSCAPE_RANDOM;
  l->rows_done = rows_done;
  l->loss = g_new (float, n * n);
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      {
        double a = -1 + 2.0 * i / (n - 1), b = -1 + 2.0 * j / (n - 1);
        l->loss[j * n + i] = (float) (a * a + b * b + 0.01);
      }
  l->center_loss = 0.01;
  return l;
}

cairo_surface_t *
fixture_surface (int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

Pixel
fixture_pixel (cairo_surface_t *surface, int x, int y)
{
  cairo_surface_flush (surface);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 v = *(const guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface) + x * 4);
  double a = (v >> 24) / 255.0;
  Pixel p = { 0, 0, 0, a };
  if (a > 0)
    {
      p.r = ((v >> 16) & 0xff) / 255.0 / a;
      p.g = ((v >> 8) & 0xff) / 255.0 / a;
      p.b = (v & 0xff) / 255.0 / a;
    }
  return p;
}

gboolean
fixture_near (Pixel p, ClColor c, double tolerance)
{
  return p.a > 0.99 && fabs (p.r - c.r) <= tolerance && fabs (p.g - c.g) <= tolerance
         && fabs (p.b - c.b) <= tolerance;
}

int
fixture_count (cairo_surface_t *surface, int x0, int y0, int x1, int y1, ClColor c, double tolerance)
{
  int n = 0;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += fixture_near (fixture_pixel (surface, x, y), c, tolerance);
  return n;
}

void
fixture_save (cairo_surface_t *surface, const char *name)
{
  const char *dir = g_getenv ("CL_TEST_SCREENSHOT_DIR");
  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  g_autofree char *file = g_strdup_printf ("render-%s.png", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}
