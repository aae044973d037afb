/* convlab-cli against the limits of issue 15: hostile targets and sizes,
 * options out of range, outputs checked before the work, answers a teacher
 * can read.  Runs the real binary. */
#include "config.h"

#include "cli-run.h"

#include <cairo.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "tests/under-asan.h"


static char *
design (const char *name)
{
  return g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", name, NULL);
}

/* Caps the child's address space (bytes in `data`): a run that tries to
 * allocate more aborts or fails instead of swapping the machine. */
static void
cap_memory (gpointer data)
{
  rlim_t bytes = (rlim_t) GPOINTER_TO_SIZE (data);
  struct rlimit limit = { bytes, bytes };
  setrlimit (RLIMIT_AS, &limit);
}

/* Runs convlab-cli with the arguments (NULL-terminated), in `envp` (NULL:
 * ours) and with at most `memory` bytes of address space (0: no cap; no cap
 * either under AddressSanitizer, where a capped program cannot start: its
 * answer is still checked, not its memory). */
static CliRun
cli_full (char **envp, gsize memory, const char *first, va_list args)
{
  return cli_run_v (envp, memory > 0 && !CL_TEST_UNDER_ASAN ? cap_memory : NULL,
                    GSIZE_TO_POINTER (memory), first, args);
}

static CliRun
cli_capped (gsize memory, const char *first, ...)
{
  va_list args;
  va_start (args, first);
  CliRun r = cli_full (NULL, memory, first, args);
  va_end (args);
  return r;
}

static CliRun
cli_in_french (const char *first, ...)
{
  g_auto (GStrv) envp = g_get_environ ();
  envp = g_environ_setenv (envp, "LANGUAGE", "fr", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  va_list args;
  va_start (args, first);
  CliRun r = cli_full (envp, 0, first, args);
  va_end (args);
  return r;
}


static void
assert_lacks (const char *text, const char *fragment)
{
  if (strstr (text, fragment) != NULL)
    g_error ("“%s” should not contain “%s”", text, fragment);
}

/* The names in `dir`, space-separated, sorted. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
write_text (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Item 5: `export … -o /dev/full` as root replaced the device with a PNG.
 * A FIFO stands for it (safe to try): refused, left as it was, nothing
 * beside it. */
static void
test_export_refuses_a_target_that_is_not_a_file (void)
{
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-limits-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "slides.png", NULL);
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_auto (CliRun) r = cli_run ("export", "network", xor, "--out", fifo, NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_assert_contains (r.err, "slides.png");
  cli_assert_contains (r.err, "not a regular file");
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_autofree char *names = list_dir (dir);
  g_assert_cmpstr (names, ==, "slides.png");

  /* A write that fails gives the system's cause, not "error while writing
   * to output stream". */
  g_auto (CliRun) missing = cli_run ("export", "network", xor, "--out", "/nonexistent/n.png", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  cli_assert_contains (missing.err, "/nonexistent/n.png");
  cli_assert_contains (missing.err, g_strerror (ENOENT));
  remove_dir (dir);
}

/* Item 16: train ran every epoch, landscape computed its grid, before
 * failing on an output they could never write. */
static void
test_outputs_are_checked_before_the_work (void)
{
  g_autofree char *xor = design ("xor.json");

  g_auto (CliRun) train = cli_run ("train", xor, "--epochs", "200", "--save",
                            "/nonexistent/xor.safetensors", NULL);
  g_assert_cmpint (train.status, ==, 1);
  cli_assert_contains (train.err, "/nonexistent/xor.safetensors");
  assert_lacks (train.out, "epoch");

  g_auto (CliRun) land = cli_run ("landscape", xor, "--epochs", "50", "--out",
                           "/nonexistent/land.png", NULL);
  g_assert_cmpint (land.status, ==, 1);
  cli_assert_contains (land.err, "/nonexistent/land.png");
  assert_lacks (land.err, "Training");
  g_auto (CliRun) csv = cli_run ("landscape", xor, "--csv", "/nonexistent/land.csv", NULL);
  g_assert_cmpint (csv.status, ==, 1);
  cli_assert_contains (csv.err, "/nonexistent/land.csv");
}

/* Item 16: options out of range were accepted silently. */
static void
test_bad_option_values_are_refused (void)
{
  g_autofree char *xor = design ("xor.json");
  const char *ranges[] = { "nan", "-3", "0", "inf", "2x" };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_auto (CliRun) r = cli_run ("landscape", xor, "--range", ranges[i], "--csv", "/tmp/unused.csv",
                            NULL);
      g_assert_cmpint (r.status, ==, 1);
      cli_assert_contains (r.err, "--range");
      cli_assert_contains (r.err, ranges[i]);
    }
  g_auto (CliRun) seed = cli_run ("train", xor, "--seed", "-5", NULL);
  g_assert_cmpint (seed.status, ==, 1);
  cli_assert_contains (seed.err, "--seed");
  cli_assert_contains (seed.err, "-5");
}

/* Item 11: a single sigmoid gives the probability of class 1; it was
 * printed as class 0's.  Item 16: the index range reads right. */
static void
test_predict_a_binary_model (void)
{
  g_autofree char *xor = design ("xor.json");
  g_autofree char *dir = g_dir_make_tmp ("convlab-limits-XXXXXX", NULL);
  g_autofree char *model = g_build_filename (dir, "xor.safetensors", NULL);

  g_auto (CliRun) train = cli_run ("train", xor, "--epochs", "30", "--save", model, NULL);
  g_assert_cmpint (train.status, ==, 0);
  for (int index = 0; index < 4; index++)
    {
      g_autofree char *n = g_strdup_printf ("%d", index);
      g_auto (CliRun) json = cli_run ("predict", model, "--index", n, "--json", NULL);
      g_auto (CliRun) text = cli_run ("predict", model, "--index", n, NULL);
      g_assert_cmpint (json.status, ==, 0);
      g_assert_cmpint (text.status, ==, 0);
      const char *open = strchr (json.out, '[');
      g_assert_nonnull (open);
      double p = g_ascii_strtod (open + 1, NULL);   /* P(class 1) */
      g_autofree char *one = g_strdup_printf ("%6.2f%%  Class 1", 100 * p);
      g_autofree char *zero = g_strdup_printf ("%6.2f%%  Class 0", 100 * (1 - p));
      cli_assert_contains (text.out, one);
      cli_assert_contains (text.out, zero);
    }
  g_auto (CliRun) out_of_range = cli_run ("predict", model, "--index", "5000", NULL);
  g_assert_cmpint (out_of_range.status, ==, 1);
  cli_assert_contains (out_of_range.err, "80 test samples, numbered 0 to 79");
  remove_dir (dir);
}

/* Item 16: predict MODEL IMAGE, answered with the data's class names. */
static void
test_predict_an_image_by_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-limits-XXXXXX", NULL);
  g_autofree char *small = write_text (dir, "small.json",
    "{\"format\": \"convlab-design\", \"version\": 1, \"name\": \"Small\","
    " \"input\": {\"channels\": 1, \"height\": 28, \"width\": 28},"
    " \"layers\": [{\"kind\": \"MaxPool2D\", \"settings\": {\"size\": 4, \"stride\": 4}},"
    " {\"kind\": \"Flatten\"}, {\"kind\": \"Dense\", \"settings\": {\"units\": 10}},"
    " {\"kind\": \"Softmax\"}], \"data\": {\"source\": \"embedded\"}}");
  g_autofree char *model = g_build_filename (dir, "small.safetensors", NULL);
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);

  g_auto (CliRun) train = cli_run ("train", small, "--epochs", "1", "--save", model, NULL);
  if (train.status != 0)
    g_error ("train: %s", train.err);
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 40);
  cairo_t *cr = cairo_create (img);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 12, 4, 16, 32);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (img, photo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (img);

  g_auto (CliRun) bare = cli_run ("predict", model, photo, NULL);
  if (bare.status != 0)
    g_error ("predict MODEL IMAGE: %s", bare.err);
  cli_assert_contains (bare.out, "Trouser");   /* every class is listed, by name */
  cli_assert_contains (bare.out, "Ankle boot");
  g_auto (CliRun) with_option = cli_run ("predict", model, "--input", photo, NULL);
  g_assert_cmpint (with_option.status, ==, 0);
  g_assert_cmpstr (with_option.out, ==, bare.out);
  g_auto (CliRun) both = cli_run ("predict", model, photo, "--index", "1", NULL);
  g_assert_cmpint (both.status, ==, 1);
  remove_dir (dir);
}

/* Item 16: "Nothing to draw" said nothing of the layers that exist. */
static void
test_filters_layer_names_the_conv_layers (void)
{
  g_autofree char *lenet = design ("lenet5.json");
  g_auto (CliRun) r = cli_run ("export", "filters", lenet, "--layer", "99999", "--out",
                        "/tmp/unused.png", NULL);

  g_assert_cmpint (r.status, ==, 1);
  cli_assert_contains (r.err, "99999");
  cli_assert_contains (r.err, "layers 1, 4");
  g_auto (CliRun) f = cli_run ("export", "filters", lenet, "--filter", "7", "--out", "/tmp/unused.png",
                        NULL);
  g_assert_cmpint (f.status, ==, 1);
  cli_assert_contains (f.err, "from 1 to 6");
}

/* Item 16: French plurals ("pendant 1 époques"). */
static void
test_french_plurals (void)
{
  g_autofree char *xor = design ("xor.json");
  g_auto (CliRun) one = cli_in_french ("train", xor, "--epochs", "1", NULL);
  g_assert_cmpint (one.status, ==, 0);
  cli_assert_contains (one.out, "pendant 1 époque.");
  g_auto (CliRun) two = cli_in_french ("train", xor, "--epochs", "2", NULL);
  cli_assert_contains (two.out, "pendant 2 époques.");
}

/* Item 4: drawing the diagram of a 1 M-value input built the network at
 * batch 256 (2 GB); under a 1 GB cap it must still draw. */
static void
test_export_network_builds_no_network (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-limits-XXXXXX", NULL);
  g_autofree char *big = write_text (dir, "big.json",
    "{\"format\": \"convlab-design\", \"version\": 1, \"name\": \"Big input\","
    " \"input\": {\"channels\": 1, \"height\": 1000, \"width\": 1000},"
    " \"layers\": [{\"kind\": \"MaxPool2D\", \"settings\": {\"size\": 8, \"stride\": 8}},"
    " {\"kind\": \"Flatten\"}, {\"kind\": \"Dense\", \"settings\": {\"units\": 10}},"
    " {\"kind\": \"Softmax\"}], \"data\": {\"source\": \"embedded\"}}");
  g_autofree char *png = g_build_filename (dir, "big.png", NULL);

  g_auto (CliRun) r = cli_capped (1000u << 20, "export", "network", big, "--out", png, NULL);
  if (r.status != 0)
    g_error ("export network: %s", r.err);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  remove_dir (dir);
}

static void
put_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (a, b, 4);
}

/* Item 9: an IDX header that says 30 × 4096 × 4096 for a 1×4×4 network is
 * refused on the header (the data is not even there). */
static void
test_data_shape_is_checked_on_the_header (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-limits-XXXXXX", NULL);
  g_autofree char *tiny = write_text (dir, "tiny.json",
    "{\"format\": \"convlab-design\", \"version\": 1, \"name\": \"Tiny\","
    " \"input\": {\"channels\": 1, \"height\": 4, \"width\": 4},"
    " \"layers\": [{\"kind\": \"Flatten\"}, {\"kind\": \"Dense\", \"settings\": {\"units\": 2}},"
    " {\"kind\": \"Softmax\"}], \"data\": {\"source\": \"embedded\"}}");
  g_autoptr(GByteArray) images = g_byte_array_new ();
  g_autoptr(GByteArray) labels = g_byte_array_new ();
  guint8 image_magic[] = { 0, 0, 8, 3 }, label_magic[] = { 0, 0, 8, 1 };

  g_byte_array_append (images, image_magic, 4);
  put_be32 (images, 30);
  put_be32 (images, 4096);
  put_be32 (images, 4096);
  g_byte_array_append (labels, label_magic, 4);
  put_be32 (labels, 30);
  for (int i = 0; i < 30; i++)
    g_byte_array_append (labels, (const guint8 *) "\1", 1);
  g_autofree char *x = g_build_filename (dir, "images", NULL);
  g_autofree char *y = g_build_filename (dir, "labels", NULL);
  g_assert_true (g_file_set_contents (x, (const char *) images->data, images->len, NULL));
  g_assert_true (g_file_set_contents (y, (const char *) labels->data, labels->len, NULL));
  g_autofree char *source = g_strdup_printf ("idx:%s,%s", x, y);

  g_auto (CliRun) r = cli_run ("train", tiny, "--data", source, NULL);
  g_assert_cmpint (r.status, ==, 1);
  cli_assert_contains (r.err, "1×4×4");
  cli_assert_contains (r.err, "1×4096×4096");
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/limits/export-refuses-a-target-that-is-not-a-file",
                   test_export_refuses_a_target_that_is_not_a_file);
  g_test_add_func ("/cli/limits/outputs-are-checked-before-the-work",
                   test_outputs_are_checked_before_the_work);
  g_test_add_func ("/cli/limits/bad-option-values-are-refused", test_bad_option_values_are_refused);
  g_test_add_func ("/cli/limits/predict-a-binary-model", test_predict_a_binary_model);
  g_test_add_func ("/cli/limits/predict-an-image-by-name", test_predict_an_image_by_name);
  g_test_add_func ("/cli/limits/filters-layer-names-the-conv-layers",
                   test_filters_layer_names_the_conv_layers);
  g_test_add_func ("/cli/limits/french-plurals", test_french_plurals);
  g_test_add_func ("/cli/limits/export-network-builds-no-network",
                   test_export_network_builds_no_network);
  g_test_add_func ("/cli/limits/data-shape-is-checked-on-the-header",
                   test_data_shape_is_checked_on_the_header);
  return g_test_run ();
}
