/* convlab-cli end to end, as a teacher preparing a class would run it. */
#include "config.h"

#include "cli-run.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


static char *
design (const char *name)
{
  return g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", name, NULL);
}



static void
test_help_lists_the_commands (void)
{
  g_auto (CliRun) r = cli_run ("--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (const char *c = "train\0eval\0predict\0info\0export\0"; *c; c += strlen (c) + 1)
    cli_assert_contains (r.out, c);

  g_auto (CliRun) unknown = cli_run ("fly", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  cli_assert_contains (unknown.err, "fly");

  g_auto (CliRun) train_help = cli_run ("train", "--help", NULL);
  g_assert_cmpint (train_help.status, ==, 0);
  cli_assert_contains (train_help.out, "--epochs");
  cli_assert_contains (train_help.out, "full speed");
}

/* A design's speed is the window's slow motion: train ignores it.  At the
 * design's 1 step a second these 2 000 steps would outlast the test's
 * timeout; at full speed they take a fraction of a second. */
static void
test_train_ignores_the_speed (void)
{
  g_autofree char *xor = design ("xor.json");
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (xor, &text, NULL, NULL));
  g_autoptr(GString) slow = g_string_new (text);
  g_assert_cmpuint (g_string_replace (slow, "\"speed\": 10", "\"speed\": 1", 0), ==, 1);
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor-slow.json", NULL);
  g_assert_true (g_file_set_contents (path, slow->str, -1, NULL));

  g_auto (CliRun) train = cli_run ("train", path, "--epochs", "100", NULL);
  g_assert_cmpint (train.status, ==, 0);
  cli_assert_contains (train.out, "epoch 100/100");
  g_unlink (path);
  g_rmdir (dir);
}

/* --augment sets the design's augmentation for this run: the model keeps
 * it and info says it; a bad id is refused before any training, and on
 * vectors it is said to do nothing. */
static void
test_train_augment (void)
{
  g_autofree char *gabor = design ("gabor-lesson-grey.json");
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "augmented.safetensors", NULL);

  g_auto (CliRun) train = cli_run ("train", gabor, "--epochs", "1", "--augment", "shift+flip",
                            "--save", model, NULL);
  g_assert_cmpint (train.status, ==, 0);
  cli_assert_contains (train.out, "Augmentation: shift+flip\n");
  g_auto (CliRun) info = cli_run ("info", model, NULL);
  g_assert_cmpint (info.status, ==, 0);
  cli_assert_contains (info.out, "Augmentation: shift+flip\n");
  g_auto (CliRun) plain = cli_run ("info", gabor, NULL);
  g_assert_null (strstr (plain.out, "Augmentation"));

  g_auto (CliRun) bad = cli_run ("train", gabor, "--augment", "zoom+flip", NULL);
  g_assert_cmpint (bad.status, !=, 0);
  cli_assert_contains (bad.err, "“zoom”");
  g_auto (CliRun) big = cli_run ("train", gabor, "--augment", "rotate45", NULL);
  g_assert_cmpint (big.status, !=, 0);
  cli_assert_contains (big.err, "from 1 to 30");

  g_auto (CliRun) vectors = cli_run ("train", xor, "--epochs", "1", "--augment", "flip", NULL);
  g_assert_cmpint (vectors.status, ==, 0);
  cli_assert_contains (vectors.err, "Augmentation flip is for images");
  g_unlink (model);
  g_rmdir (dir);
}

static void
test_info_summarises_a_design (void)
{
  g_autofree char *lenet = design ("lenet5.json");
  g_auto (CliRun) r = cli_run ("info", lenet, NULL);

  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "61706");
  cli_assert_contains (r.out, "6×28×28");
  cli_assert_contains (r.out, "Conv2D");
}

/* info says the speed the window trains the design at: full for LeNet-5,
 * slow motion for XOR, in the singular for 1 step, and in French. */
static void
test_info_says_the_speed (void)
{
  g_autofree char *lenet = design ("lenet5.json");
  g_autofree char *xor = design ("xor.json");
  g_auto (CliRun) full = cli_run ("info", lenet, NULL);
  g_assert_cmpint (full.status, ==, 0);
  cli_assert_contains (full.out, "Speed: full\n");
  g_auto (CliRun) slow = cli_run ("info", xor, NULL);
  g_assert_cmpint (slow.status, ==, 0);
  cli_assert_contains (slow.out, "Speed: 10 steps a second\n");

  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (xor, &text, NULL, NULL));
  g_autoptr(GString) one = g_string_new (text);
  g_assert_cmpuint (g_string_replace (one, "\"speed\": 10", "\"speed\": 1", 0), ==, 1);
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor-1.json", NULL);
  g_assert_true (g_file_set_contents (path, one->str, -1, NULL));
  g_auto (CliRun) single = cli_run ("info", path, NULL);
  g_assert_cmpint (single.status, ==, 0);
  cli_assert_contains (single.out, "Speed: 1 step a second\n");

  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_auto (CliRun) fr_full = cli_run ("info", lenet, NULL);
  g_auto (CliRun) fr_slow = cli_run ("info", xor, NULL);
  g_auto (CliRun) fr_single = cli_run ("info", path, NULL);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  cli_assert_contains (fr_full.out, "Vitesse : maximale\n");
  cli_assert_contains (fr_slow.out, "Vitesse : 10 pas par seconde\n");
  cli_assert_contains (fr_single.out, "Vitesse : 1 pas par seconde\n");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_xor_trains_to_100_and_the_model_is_usable (void)
{
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "xor.safetensors", NULL);

  g_auto (CliRun) train = cli_run ("train", xor, "--save", model, NULL);
  g_assert_cmpint (train.status, ==, 0);
  cli_assert_contains (train.out, "test accuracy 100.00 %");
  g_assert_true (g_file_test (model, G_FILE_TEST_IS_REGULAR));

  g_auto (CliRun) eval = cli_run ("eval", model, NULL);
  g_assert_cmpint (eval.status, ==, 0);
  cli_assert_contains (eval.out, "accuracy 100.00 %");
  cli_assert_contains (eval.out, "Confusion matrix");

  /* What it prints for people reads in French with LANGUAGE=fr: a decimal
   * comma and a narrow no-break space before %. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_auto (CliRun) french = cli_run ("eval", model, NULL);
  g_unsetenv ("LANGUAGE");
  g_assert_cmpint (french.status, ==, 0);
  cli_assert_contains (french.out, "100,00\xe2\x80\xaf%");

  g_auto (CliRun) predict = cli_run ("predict", model, "--index", "0", "--json", NULL);
  g_assert_cmpint (predict.status, ==, 0);
  cli_assert_contains (predict.out, "\"output\": [");

  g_auto (CliRun) info = cli_run ("info", model, NULL);
  g_assert_cmpint (info.status, ==, 0);
  cli_assert_contains (info.out, "trained model");

  /* The same seed trains the same model: a rerun's file is byte-identical. */
  g_autofree char *again = g_build_filename (dir, "again.safetensors", NULL);
  g_auto (CliRun) retrain = cli_run ("train", xor, "--save", again, "--threads", "1", NULL);
  g_assert_cmpint (retrain.status, ==, 0);
  g_autofree char *a = NULL, *b = NULL;
  gsize la, lb;
  g_assert_true (g_file_get_contents (model, &a, &la, NULL));
  g_assert_true (g_file_get_contents (again, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);

  g_unlink (model);
  g_unlink (again);
  g_rmdir (dir);
}

static void
test_lenet5_learns_the_embedded_set (void)
{
  g_autofree char *lenet = design ("lenet5.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-lenet-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "m.safetensors", NULL);
  g_autofree char *png = g_build_filename (dir, "f.png", NULL);
  g_auto (CliRun) r = cli_run ("train", lenet, "--data", "embedded", "--epochs", "3", "--save", model,
                        NULL);

  g_assert_cmpint (r.status, ==, 0);
  const char *line = strstr (r.out, "test accuracy ");
  g_assert_nonnull (line);
  /* The last "test accuracy" is the final one. */
  for (const char *next; (next = strstr (line + 1, "test accuracy ")) != NULL;)
    line = next;
  double accuracy = g_ascii_strtod (line + strlen ("test accuracy "), NULL);
  g_test_message ("LeNet-5, 3 epochs on the embedded subset: %.2f%%", accuracy);
  g_assert_cmpfloat (accuracy, >=, 80.0);

  /* Its first layer's small initialisation, momentum and weight decay make
   * the 5×5 filters Gabor-like (noise alone: 0.45). */
  g_auto (CliRun) e = cli_run ("export", "filters", model, "--gabor", "--layer", "1", "--out", png, NULL);
  g_assert_cmpint (e.status, ==, 0);
  const char *figures = strstr (e.out, "mean R² ");
  g_assert_nonnull (figures);
  double r2 = g_ascii_strtod (figures + strlen ("mean R² "), NULL);
  g_test_message ("LeNet-5 first layer: mean Gabor R² %.2f", r2);
  g_assert_cmpfloat (r2, >=, 0.75);
  g_unlink (png);
  g_unlink (model);
  g_rmdir (dir);
}

static void
test_landscape_writes_picture_and_grid (void)
{
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "land.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "land.csv", NULL);

  g_auto (CliRun) r = cli_run ("landscape", xor, "--axes", "pca", "--grid", "9", "--epochs", "20",
                        "--out", png, "--csv", csv, "--size", "400x300", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "9×9 points");
  cli_assert_contains (r.out, "of the path’s variance");
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 300);
  cairo_surface_destroy (image);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (g_strchomp (text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 81);
  g_assert_cmpstr (lines[0], ==, "x,y,loss");

  g_auto (CliRun) bad_grid = cli_run ("landscape", xor, "--grid", "500", "--out", png, NULL);
  g_assert_cmpint (bad_grid.status, ==, 1);
  cli_assert_contains (bad_grid.err, "3×3");
  g_auto (CliRun) bad_size = cli_run ("landscape", xor, "--size", "99999x3", "--out", png, NULL);
  g_assert_cmpint (bad_size.status, ==, 1);
  g_unlink (png);
  g_unlink (csv);
  g_rmdir (dir);
}

/* `convlab-cli train DESIGN` alone trains the lesson as the window does:
 * the design's data, normalisation, settings and epochs (one here, to stay
 * short); export prints the first layer's Gabor figures. */
static void
test_gabor_lesson_trains_as_designed (void)
{
  g_autofree char *lesson = design ("gabor-lesson-grey.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-gabor-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "lesson.json", NULL);
  g_autofree char *model = g_build_filename (dir, "m.safetensors", NULL);
  g_autofree char *png = g_build_filename (dir, "f.png", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (lesson, &text, NULL, NULL));
  /* The lesson's own file with one epoch instead of its two. */
  char *epochs = strstr (text, "\"epochs\": 2");
  g_assert_nonnull (epochs);
  epochs[strlen ("\"epochs\": ")] = '1';
  g_assert_true (g_file_set_contents (one, text, -1, NULL));

  g_auto (CliRun) t = cli_run ("train", one, "--save", model, NULL);
  if (t.status != 0)
    g_error ("train: %s", t.err);
  cli_assert_contains (t.out, "Photos");
  cli_assert_contains (t.out, "32×32 grey");
  cli_assert_contains (t.out, "epoch 1/1");

  g_auto (CliRun) e = cli_run ("export", "filters", model, "--gabor", "--out", png, NULL);
  g_assert_cmpint (e.status, ==, 0);
  const char *figures = strstr (e.out, "mean R² ");
  g_assert_nonnull (figures);
  cli_assert_contains (e.out, "filters at R² ≥ 0.8");
  double r2 = g_ascii_strtod (figures + strlen ("mean R² "), NULL);
  g_test_message ("%s", e.out);
  g_assert_cmpfloat (r2, >=, 0.7);

  /* An image of one's own is contrast-normalised like the training
   * patches: a dim, flat copy of a picture is classified as the picture. */
  double outputs[2][10];
  for (int copy = 0; copy < 2; copy++)
    {
      g_autofree char *image = g_build_filename (dir, copy ? "dim.png" : "bright.png", NULL);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 32, 32);
      cairo_t *cr = cairo_create (surface);
      double low = copy ? 0.4 : 0.1, high = copy ? 0.6 : 0.9;
      cairo_set_source_rgb (cr, low, low, low);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, high, high, high);
      cairo_rectangle (cr, 8, 4, 10, 20);
      cairo_fill (cr);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, image), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      g_auto (CliRun) p = cli_run ("predict", model, "--input", image, "--json", NULL);
      if (p.status != 0)
        g_error ("predict: %s", p.err);
      const char *v = strchr (p.out, '[');
      g_assert_nonnull (v);
      for (int i = 0; i < 10; i++)
        {
          char *end;
          outputs[copy][i] = g_ascii_strtod (v + 1, &end);
          v = end;
        }
      g_unlink (image);
    }
  for (int i = 0; i < 10; i++)
    g_assert_cmpfloat_with_epsilon (outputs[0][i], outputs[1][i], 0.01);

  /* info says what the recipe depends on. */
  g_auto (CliRun) info = cli_run ("info", one, NULL);
  g_assert_cmpint (info.status, ==, 0);
  cli_assert_contains (info.out, "Weight decay: 0.005");
  cli_assert_contains (info.out, "Normalisation: contrast");
  cli_assert_contains (info.out, "Conv2D #1 starts at normal 0.01");

  /* The design at initialisation: noise-like, none at 0.8. */
  g_auto (CliRun) i = cli_run ("export", "filters", one, "--gabor", "--out", png, NULL);
  g_assert_cmpint (i.status, ==, 0);
  cli_assert_contains (i.out, "0 of 16 filters");
  g_unlink (png);
  g_unlink (model);
  g_unlink (one);
  g_rmdir (dir);
}

static void
test_errors_name_the_problem (void)
{
  g_auto (CliRun) missing = cli_run ("info", "/nonexistent/net.json", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  cli_assert_contains (missing.err, "/nonexistent/net.json");

  g_autofree char *lenet = design ("lenet5.json");
  g_auto (CliRun) source = cli_run ("train", lenet, "--data", "mnist-online", NULL);
  g_assert_cmpint (source.status, ==, 1);
  cli_assert_contains (source.err, "mnist-online");

  g_auto (CliRun) mismatch = cli_run ("train", lenet, "--data", "toy:xor", NULL);
  g_assert_cmpint (mismatch.status, ==, 1);
  cli_assert_contains (mismatch.err, "1×28×28");

  g_auto (CliRun) no_model = cli_run ("eval", lenet, NULL);
  g_assert_cmpint (no_model.status, ==, 1);
  cli_assert_contains (no_model.err, "not a trained model");

  g_auto (CliRun) no_args = cli_run ("predict", NULL);
  g_assert_cmpint (no_args.status, ==, 1);
}

static cairo_surface_t *
read_png (const char *path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  return png;
}

/* Alpha of pixel (x, y) of an ARGB32 image. */
static int
alpha_at (cairo_surface_t *png, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (png);
  guint32 v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (png) + x * 4);
  return (int) (v >> 24);
}

static void
test_export_draws_every_picture (void)
{
  g_autofree char *lenet = design ("lenet5.json");
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-export-XXXXXX", NULL);
  g_autofree char *conv = g_build_filename (dir, "lenet.safetensors", NULL);
  g_autofree char *toy = g_build_filename (dir, "xor.safetensors", NULL);

  g_auto (CliRun) t1 = cli_run ("train", lenet, "--data", "embedded", "--epochs", "1", "--save", conv, NULL);
  g_assert_cmpint (t1.status, ==, 0);
  g_auto (CliRun) t2 = cli_run ("train", xor, "--epochs", "20", "--save", toy, NULL);
  g_assert_cmpint (t2.status, ==, 0);

  struct { const char *picture, *model; } cases[] = {
    { "filters", conv }, { "activations", conv }, { "curves", conv }, { "confusion", conv },
    { "gallery", conv }, { "network", conv },
    { "decision", toy }, { "units", toy }, { "curves", toy }, { "confusion", toy },
    { "network", toy },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.png", cases[i].picture, i);
      g_autofree char *png_path = g_build_filename (dir, name, NULL);
      g_auto (CliRun) r = cli_run ("export", cases[i].picture, cases[i].model, "--out", png_path,
                            "--size", "640x480", "--gabor", NULL);
      if (r.status != 0)
        g_error ("export %s: %s", cases[i].picture, r.err);
      cli_assert_contains (r.out, "640×480");
      cairo_surface_t *png = read_png (png_path);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 480);
      g_assert_cmpint (alpha_at (png, 0, 479), ==, 255);   /* opaque unless asked */
      cairo_surface_destroy (png);
      g_unlink (png_path);
    }

  /* Transparent, dark, one filter large, the design at initialisation. */
  g_autofree char *clear = g_build_filename (dir, "clear.png", NULL);
  g_auto (CliRun) t = cli_run ("export", "filters", conv, "--out", clear, "--transparent", "--dark",
                        "--filter", "2", NULL);
  g_assert_cmpint (t.status, ==, 0);
  cairo_surface_t *png = read_png (clear);
  g_assert_cmpint (alpha_at (png, 0, 0), ==, 0);
  cairo_surface_destroy (png);
  g_auto (CliRun) init = cli_run ("export", "filters", lenet, "--out", clear, NULL);
  g_assert_cmpint (init.status, ==, 0);
  cli_assert_contains (init.err, "initialised");
  g_unlink (clear);

  /* The network at its own height: LeNet-5 wraps onto two rows in 1200 px. */
  g_autofree char *drawing = g_build_filename (dir, "network.png", NULL);
  g_auto (CliRun) nw = cli_run ("export", "network", conv, "--out", drawing, NULL);
  if (nw.status != 0)
    g_error ("export network: %s", nw.err);
  png = read_png (drawing);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (png), >, 300);
  g_assert_cmpint (cairo_image_surface_get_height (png), <, 1200);
  /* Not a blank page: a good part of it is drawn on. */
  int w = cairo_image_surface_get_width (png), h = cairo_image_surface_get_height (png);
  int drawn = 0;
  cairo_surface_flush (png);
  for (int y = 0; y < h; y += 4)
    for (int x = 0; x < w; x += 4)
      {
        guint32 px = *(guint32 *) (cairo_image_surface_get_data (png)
                                   + y * cairo_image_surface_get_stride (png) + x * 4);
        drawn += (px & 0xffffff) != 0xffffff;
      }
  g_assert_cmpint (drawn, >, (w / 4) * (h / 4) / 50);
  cairo_surface_destroy (png);
  g_unlink (drawing);

  /* --input: a student's own image through the layers, not a test sample. */
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 40);
  cairo_t *icr = cairo_create (img);
  cairo_set_source_rgb (icr, 0, 0, 0);
  cairo_paint (icr);
  cairo_set_source_rgb (icr, 1, 1, 1);
  cairo_rectangle (icr, 12, 4, 16, 32);   /* a bright bar: trousers, perhaps */
  cairo_fill (icr);
  cairo_destroy (icr);
  g_assert_cmpint (cairo_surface_write_to_png (img, photo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (img);
  g_autofree char *own = g_build_filename (dir, "own.png", NULL);
  g_autofree char *sample = g_build_filename (dir, "sample.png", NULL);
  g_auto (CliRun) a1 = cli_run ("export", "activations", conv, "--input", photo, "--out", own, NULL);
  if (a1.status != 0)
    g_error ("export activations --input: %s", a1.err);
  g_auto (CliRun) a2 = cli_run ("export", "activations", conv, "--out", sample, NULL);
  g_assert_cmpint (a2.status, ==, 0);
  g_autofree char *own_bytes = NULL, *sample_bytes = NULL;
  gsize own_len, sample_len;
  g_assert_true (g_file_get_contents (own, &own_bytes, &own_len, NULL));
  g_assert_true (g_file_get_contents (sample, &sample_bytes, &sample_len, NULL));
  g_assert_false (own_len == sample_len && memcmp (own_bytes, sample_bytes, own_len) == 0);
  g_auto (CliRun) a3 = cli_run ("export", "filters", conv, "--input", photo, "--out", own, NULL);
  g_assert_cmpint (a3.status, !=, 0);
  cli_assert_contains (a3.err, "--input");
  g_auto (CliRun) a4 = cli_run ("export", "activations", conv, "--input", "/nonexistent/cat.jpg",
                         "--out", own, NULL);
  g_assert_cmpint (a4.status, !=, 0);
  cli_assert_contains (a4.err, "cat.jpg");
  /* --invert: light for dark, another input, other probabilities. */
  g_auto (CliRun) p1 = cli_run ("predict", conv, "--input", photo, "--json", NULL);
  g_auto (CliRun) p2 = cli_run ("predict", conv, "--input", photo, "--invert", "--json", NULL);
  g_assert_cmpint (p1.status, ==, 0);
  g_assert_cmpint (p2.status, ==, 0);
  cli_assert_contains (p2.out, "\"output\": [");
  g_assert_cmpstr (p1.out, !=, p2.out);
  g_auto (CliRun) a5 = cli_run ("export", "activations", conv, "--input", photo, "--invert",
                         "--out", own, NULL);
  g_assert_cmpint (a5.status, ==, 0);
  g_auto (CliRun) a6 = cli_run ("export", "activations", conv, "--invert", "--out", own, NULL);
  g_assert_cmpint (a6.status, !=, 0);
  cli_assert_contains (a6.err, "--invert");
  g_unlink (photo);
  g_unlink (own);
  g_unlink (sample);

  /* --scale 2: the same picture at twice the pixels. */
  g_autofree char *sharp = g_build_filename (dir, "sharp.png", NULL);
  g_auto (CliRun) s2 = cli_run ("export", "confusion", conv, "--out", sharp, "--size", "320x240",
                         "--scale", "2", NULL);
  if (s2.status != 0)
    g_error ("export --scale 2: %s", s2.err);
  cli_assert_contains (s2.out, "640×480");
  png = read_png (sharp);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 480);
  cairo_surface_destroy (png);
  g_unlink (sharp);
  g_auto (CliRun) s4 = cli_run ("export", "confusion", conv, "--out", sharp, "--scale", "4", NULL);
  g_assert_cmpint (s4.status, ==, 1);
  cli_assert_contains (s4.err, "--scale");
  g_auto (CliRun) big = cli_run ("export", "confusion", conv, "--out", sharp, "--size", "5000x100",
                          "--scale", "2", NULL);
  g_assert_cmpint (big.status, ==, 1);
  cli_assert_contains (big.err, "8192");
  g_assert_false (g_file_test (sharp, G_FILE_TEST_EXISTS));

  /* Errors say what is wrong. */
  g_auto (CliRun) huge = cli_run ("export", "filters", conv, "--out", clear, "--size", "100000x10", NULL);
  g_assert_cmpint (huge.status, ==, 1);
  cli_assert_contains (huge.err, "8192");
  g_auto (CliRun) no_out = cli_run ("export", "filters", conv, NULL);
  g_assert_cmpint (no_out.status, ==, 1);
  cli_assert_contains (no_out.err, "--out");
  g_auto (CliRun) no_conv = cli_run ("export", "filters", toy, "--out", clear, NULL);
  g_assert_cmpint (no_conv.status, ==, 1);
  cli_assert_contains (no_conv.err, "Conv2D");
  g_auto (CliRun) no_dropout = cli_run ("export", "dropout", conv, "--out", clear, NULL);
  g_assert_cmpint (no_dropout.status, ==, 1);
  cli_assert_contains (no_dropout.err, "Dropout");
  g_auto (CliRun) unwritable = cli_run ("export", "filters", conv, "--out", "/nonexistent/x.png", NULL);
  g_assert_cmpint (unwritable.status, ==, 1);
  cli_assert_contains (unwritable.err, "/nonexistent/x.png");
  g_auto (CliRun) unknown = cli_run ("export", "landscape", conv, "--out", clear, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  cli_assert_contains (unknown.err, "landscape");
  g_assert_false (g_file_test (clear, G_FILE_TEST_EXISTS));

  g_unlink (conv);
  g_unlink (toy);
  g_rmdir (dir);
}

/* Replaces `from` by `to` (same length) in a model's header: an older
 * model, or a damaged one, without a writer of its own. */
static void
patch_header (const char *path, const char *from, const char *to)
{
  g_autofree char *bytes = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (strlen (from), ==, strlen (to));
  g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
  /* After the 8-byte header length, which holds zero bytes. */
  char *at = g_strstr_len (bytes + 8, len - 8, from);
  g_assert_nonnull (at);
  memcpy (at, to, strlen (to));
  g_assert_true (g_file_set_contents (path, bytes, len, &error));
}

/* The time-lapse strip of a trained model: one row per step asked, the
 * real steps said; bad lists, designs and models without checkpoints
 * get a reason. */
static void
test_export_filters_steps (void)
{
  g_autofree char *lenet = design ("lenet5.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-strip-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "lenet.safetensors", NULL);
  g_autofree char *strip = g_build_filename (dir, "strip.png", NULL);

  g_auto (CliRun) t = cli_run ("train", lenet, "--data", "embedded", "--epochs", "1", "--save", model, NULL);
  g_assert_cmpint (t.status, ==, 0);

  g_auto (CliRun) r = cli_run ("export", "filters", model, "--steps", "0,50,1000", "--out", strip, NULL);
  if (r.status != 0)
    g_error ("export --steps: %s", r.err);
  /* One line per row: step 0 and 50 are checkpoints, 1000 is past the run. */
  cli_assert_contains (r.out, "step 0 — mean Gabor R²");
  cli_assert_contains (r.out, "step 50 — mean Gabor R²");
  cli_assert_contains (r.out, "before 1000)");
  cairo_surface_t *png = read_png (strip);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (png), >, 300);
  g_assert_cmpint (cairo_image_surface_get_height (png), <, 2400);
  cairo_surface_destroy (png);

  /* At the size asked, and at 2×. */
  g_auto (CliRun) sized = cli_run ("export", "filters", model, "--steps", "0, 94", "--size", "800x500",
                            "--scale", "2", "--out", strip, NULL);
  g_assert_cmpint (sized.status, ==, 0);
  png = read_png (strip);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1000);
  cairo_surface_destroy (png);
  g_unlink (strip);

  /* Bad lists and wrong pictures: a reason, no file. */
  g_auto (CliRun) typo = cli_run ("export", "filters", model, "--steps", "0,5O", "--out", strip, NULL);
  g_assert_cmpint (typo.status, ==, 1);
  cli_assert_contains (typo.err, "--steps");
  cli_assert_contains (typo.err, "5O");
  g_auto (CliRun) empty = cli_run ("export", "filters", model, "--steps", "", "--out", strip, NULL);
  g_assert_cmpint (empty.status, ==, 1);
  cli_assert_contains (empty.err, "--steps");
  g_auto (CliRun) curves = cli_run ("export", "curves", model, "--steps", "0", "--out", strip, NULL);
  g_assert_cmpint (curves.status, ==, 1);
  cli_assert_contains (curves.err, "filters picture");
  g_auto (CliRun) of_design = cli_run ("export", "filters", lenet, "--steps", "0", "--out", strip, NULL);
  g_assert_cmpint (of_design.status, ==, 1);
  cli_assert_contains (of_design.err, "is a design");
  g_assert_false (g_file_test (strip, G_FILE_TEST_EXISTS));

  /* A damaged time-lapse is named as such. */
  patch_header (model, "\\\"layer\\\": 1,", "\\\"layer\\\": 7,");
  g_auto (CliRun) damaged = cli_run ("export", "filters", model, "--steps", "0", "--out", strip, NULL);
  g_assert_cmpint (damaged.status, ==, 1);
  cli_assert_contains (damaged.err, "lenet.safetensors");
  cli_assert_contains (damaged.err, "time-lapse");
  /* A model from before time-lapses: it says how to get one. */
  patch_header (model, "\"timelapse\":", "\"timelapsX\":");
  g_auto (CliRun) old = cli_run ("export", "filters", model, "--steps", "0", "--out", strip, NULL);
  g_assert_cmpint (old.status, ==, 1);
  cli_assert_contains (old.err, "no checkpoints");
  cli_assert_contains (old.err, "convlab-cli train");
  g_assert_false (g_file_test (strip, G_FILE_TEST_EXISTS));
  /* And still draws its filters as they are. */
  g_auto (CliRun) plain = cli_run ("export", "filters", model, "--out", strip, NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_unlink (strip);
  g_unlink (model);
  g_rmdir (dir);
}

/* Issue 15: the readers, end to end.  Devices and FIFOs are refused at
 * once (info /dev/zero grew without bound, a FIFO blocked forever), a
 * design starting with blanks is a design, an input image of a side over
 * 512 is read (the CLI crashed on a NULL error), and a missing image is
 * said to be missing. */
static void
test_readers_refuse_hostile_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-readers-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.json", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_autofree char *csv = g_build_filename (dir, "grid.csv", NULL);
  const char *commands[] = { "info", "eval", "landscape" };
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* landscape wants an output; it is never written. */
      const char *extra = i == 2 ? "--csv" : NULL;
      g_auto (CliRun) zero = cli_run (commands[i], "/dev/zero", extra, csv, NULL);
      g_assert_cmpint (zero.status, ==, 1);
      cli_assert_contains (zero.err, "“/dev/zero” is not a regular file");
      g_auto (CliRun) pipe = cli_run (commands[i], fifo, extra, csv, NULL);
      g_assert_cmpint (pipe.status, ==, 1);
      cli_assert_contains (pipe.err, "pipe.json” is not a regular file");
    }
  g_auto (CliRun) train = cli_run ("train", fifo, NULL);
  g_assert_cmpint (train.status, ==, 1);
  cli_assert_contains (train.err, "is not a regular file");

  /* Eight blanks read as a safetensors header length of 2.3e18 bytes. */
  g_autofree char *xor_path = design ("xor.json");
  g_autofree char *xor = NULL;
  g_assert_true (g_file_get_contents (xor_path, &xor, NULL, NULL));
  g_autofree char *blank = g_build_filename (dir, "blank.json", NULL);
  g_autofree char *blank_text = g_strconcat ("        ", xor, NULL);
  g_assert_true (g_file_set_contents (blank, blank_text, -1, NULL));
  g_auto (CliRun) info = cli_run ("info", blank, NULL);
  if (info.status != 0)
    g_error ("info on a design starting with blanks: %s", info.err);

  /* A parameter-free model of 600×600 inputs (designs allow 4096). */
  const char *design_json =
    "{\"format\": \"convlab-design\", \"version\": 1, \"name\": \"big\", "
    "\"input\": {\"channels\": 1, \"height\": 600, \"width\": 600}, \"layers\": ["
    "{\"kind\": \"MaxPool2D\", \"settings\": {\"size\": 8, \"stride\": 8}}, "
    "{\"kind\": \"MaxPool2D\", \"settings\": {\"size\": 8, \"stride\": 8}}, "
    "{\"kind\": \"Flatten\"}, {\"kind\": \"Softmax\"}], "
    "\"data\": {\"source\": \"toy:xor\"}}";
  g_autofree char *escaped = g_strescape (design_json, NULL);
  g_autofree char *header = g_strdup_printf (
    "{\"__metadata__\": {\"design\": \"%s\", \"format\": \"convlab-model\", \"step\": \"0\", "
    "\"version\": \"1\"}}", escaped);
  GString *file = g_string_new (NULL);
  guint64 len = GUINT64_TO_LE ((guint64) strlen (header));
  g_string_append_len (file, (const char *) &len, 8);
  g_string_append (file, header);
  g_autofree char *model = g_build_filename (dir, "big.safetensors", NULL);
  g_assert_true (g_file_set_contents (model, file->str, (gssize) file->len, NULL));
  g_string_free (file, TRUE);
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 48);
  g_assert_cmpint (cairo_surface_write_to_png (img, photo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (img);
  g_auto (CliRun) big = cli_run ("predict", model, "--input", photo, "--json", NULL);
  if (big.status != 0)
    g_error ("predict --input on 600×600 inputs: %s", big.err);
  cli_assert_contains (big.out, "\"output\": [");

  g_auto (CliRun) missing = cli_run ("predict", model, "--input", "/nonexistent/cat.jpg", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  cli_assert_contains (missing.err, "“/nonexistent/cat.jpg” does not exist");
  g_auto (CliRun) not_image = cli_run ("predict", model, "--input", blank, NULL);
  g_assert_cmpint (not_image.status, ==, 1);
  cli_assert_contains (not_image.err, "blank.json” is not an image");
  g_auto (CliRun) pipe_image = cli_run ("predict", model, "--input", fifo, NULL);
  g_assert_cmpint (pipe_image.status, ==, 1);
  cli_assert_contains (pipe_image.err, "is not a regular file");

  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_unlink (photo);
  g_unlink (model);
  g_unlink (blank);
  g_unlink (fifo);
  g_rmdir (dir);
}

/* Issue 15, item 13: a finite loss that explodes (plain SGD at rate 100 on
 * XOR) is warned about once, as the window does; training goes on. */
static void
test_exploding_loss_is_warned (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-explode-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "explode.json", NULL);
  const char *text =
    "{\"format\": \"convlab-design\", \"version\": 1, \"name\": \"Exploding XOR\","
    " \"input\": {\"channels\": 2, \"height\": 1, \"width\": 1},"
    " \"layers\": [{\"kind\": \"Dense\", \"settings\": {\"units\": 8}}, {\"kind\": \"Tanh\"},"
    " {\"kind\": \"Dense\", \"settings\": {\"units\": 2}}, {\"kind\": \"Softmax\"}],"
    " \"training\": {\"loss\": \"cross-entropy\", \"optimiser\": \"sgd\", \"learning_rate\": 100,"
    " \"momentum\": 0, \"batch_size\": 16, \"epochs\": 30, \"seed\": 1},"
    " \"data\": {\"source\": \"toy:xor\"}}";
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_auto (CliRun) r = cli_run ("train", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.err, "the loss grew from");
  cli_assert_contains (r.err, "learning rate is probably too high");
  /* Once, not at every epoch. */
  g_assert_null (strstr (strstr (r.err, "the loss grew from") + 1, "the loss grew from"));

  /* A sane rate says nothing of the kind. */
  g_autofree char *xor = design ("xor.json");
  g_auto (CliRun) calm = cli_run ("train", xor, NULL);
  g_assert_cmpint (calm.status, ==, 0);
  g_assert_null (strstr (calm.err, "the loss grew from"));
  g_unlink (path);
  g_rmdir (dir);
}

/* export pytorch|onnx: the files are written where --out says, a design
 * has no ONNX (no weights), the file read is never the file written, a
 * missing --out and an invalid design are refused with their reason. */
static void
test_export_code (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-code-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "xor.safetensors", NULL);
  g_autofree char *script = g_build_filename (dir, "xor.py", NULL);
  g_autofree char *onnx = g_build_filename (dir, "xor.onnx", NULL);
  g_autofree char *xor = design ("xor.json");

  g_auto (CliRun) train = cli_run ("train", xor, "--epochs", "1", "--save", model, NULL);
  g_assert_cmpint (train.status, ==, 0);

  g_auto (CliRun) py = cli_run ("export", "pytorch", model, "--out", script, NULL);
  g_assert_cmpint (py.status, ==, 0);
  cli_assert_contains (py.out, script);
  cli_assert_contains (py.out, "--weights");
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (script, &text, NULL, NULL));
  cli_assert_contains (text, "class Net(nn.Module)");
  cli_assert_contains (text, "torchrun");

  g_auto (CliRun) from_design = cli_run ("export", "pytorch", xor, "--out", script, NULL);
  g_assert_cmpint (from_design.status, ==, 0);

  g_auto (CliRun) on = cli_run ("export", "onnx", model, "--out", onnx, NULL);
  g_assert_cmpint (on.status, ==, 0);
  cli_assert_contains (on.out, "opset 13");
  g_assert_true (g_file_test (onnx, G_FILE_TEST_IS_REGULAR));

  g_auto (CliRun) design_onnx = cli_run ("export", "onnx", xor, "--out", onnx, NULL);
  g_assert_cmpint (design_onnx.status, ==, 1);
  cli_assert_contains (design_onnx.err, "train it first");

  /* --out naming the model itself would replace its weights with code. */
  struct stat before, after;
  g_assert_cmpint (g_stat (model, &before), ==, 0);
  g_auto (CliRun) self = cli_run ("export", "onnx", model, "--out", model, NULL);
  g_assert_cmpint (self.status, ==, 1);
  cli_assert_contains (self.err, "being exported");
  g_assert_cmpint (g_stat (model, &after), ==, 0);
  g_assert_cmpint (before.st_size, ==, after.st_size);

  g_auto (CliRun) no_out = cli_run ("export", "pytorch", xor, NULL);
  g_assert_cmpint (no_out.status, ==, 1);
  cli_assert_contains (no_out.err, "--out");

  g_auto (CliRun) dir_out = cli_run ("export", "pytorch", xor, "--out", dir, NULL);
  g_assert_cmpint (dir_out.status, ==, 1);

  /* A design whose layer 2 cannot follow layer 1: refused, named. */
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad,
    "{\"format\": \"convlab-design\", \"version\": 1, \"name\": \"bad\","
    " \"input\": {\"channels\": 3, \"height\": 4, \"width\": 4},"
    " \"layers\": [{\"kind\": \"Maxout\", \"settings\": {\"pieces\": 2}}, {\"kind\": \"Softmax\"}]}",
    -1, NULL));
  g_autofree char *bad_py = g_build_filename (dir, "bad.py", NULL);
  g_auto (CliRun) refused = cli_run ("export", "pytorch", bad, "--out", bad_py, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  cli_assert_contains (refused.err, "Maxout #1");
  g_assert_false (g_file_test (bad_py, G_FILE_TEST_EXISTS));

  g_auto (CliRun) help = cli_run ("export", "pytorch", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  cli_assert_contains (help.out, "torchrun");

  for (const char *f = "xor.safetensors\0xor.py\0xor.onnx\0bad.json\0"; *f; f += strlen (f) + 1)
    {
      g_autofree char *path = g_build_filename (dir, f, NULL);
      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* train --gradients: the Gradients panel's picture of the run's end,
 * written atomically; a target that cannot be written is refused before
 * any training. */
static void
test_train_writes_gradients (void)
{
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "gradients.png", NULL);

  g_auto (CliRun) train = cli_run ("train", xor, "--epochs", "2", "--gradients", png, NULL);
  g_assert_cmpint (train.status, ==, 0);
  cli_assert_contains (train.out, "gradients.png (1200×700)");
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 700);
  /* The first layer's curve in its blue (0, 114, 178) on the left half. */
  int blue = 0, stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  for (int y = 0; y < 700; y++)
    for (int x = 0; x < 600; x++)
      {
        const guint8 *px = data + y * stride + x * 4;   /* BGRA */
        blue += abs (px[0] - 178) < 8 && abs (px[1] - 114) < 8 && px[2] < 8;
      }
  g_assert_cmpint (blue, >, 100);
  cairo_surface_destroy (image);
  g_unlink (png);

  /* A directory as the picture: refused at once, naming it. */
  g_auto (CliRun) bad = cli_run ("train", xor, "--gradients", dir, NULL);
  g_assert_cmpint (bad.status, !=, 0);
  cli_assert_contains (bad.err, dir);
  g_assert_null (strstr (bad.out, "epoch 1/"));
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/help-lists-the-commands", test_help_lists_the_commands);
  g_test_add_func ("/cli/readers-refuse-hostile-files", test_readers_refuse_hostile_files);
  g_test_add_func ("/cli/info-summarises-a-design", test_info_summarises_a_design);
  g_test_add_func ("/cli/info-says-the-speed", test_info_says_the_speed);
  g_test_add_func ("/cli/xor-trains-to-100-and-the-model-is-usable", test_xor_trains_to_100_and_the_model_is_usable);
  g_test_add_func ("/cli/train-ignores-the-speed", test_train_ignores_the_speed);
  g_test_add_func ("/cli/train-writes-gradients", test_train_writes_gradients);
  g_test_add_func ("/cli/train-augment", test_train_augment);
  g_test_add_func ("/cli/lenet5-learns-the-embedded-set", test_lenet5_learns_the_embedded_set);
  g_test_add_func ("/cli/exploding-loss-is-warned", test_exploding_loss_is_warned);
  g_test_add_func ("/cli/landscape-writes-picture-and-grid", test_landscape_writes_picture_and_grid);
  g_test_add_func ("/cli/errors-name-the-problem", test_errors_name_the_problem);
  g_test_add_func ("/cli/gabor-lesson-trains-as-designed", test_gabor_lesson_trains_as_designed);
  g_test_add_func ("/cli/export-draws-every-picture", test_export_draws_every_picture);
  g_test_add_func ("/cli/export-filters-steps", test_export_filters_steps);
  g_test_add_func ("/cli/export-code", test_export_code);
  return g_test_run ();
}
