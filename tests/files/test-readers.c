/* The shared readers (issue 15): every file the engine reads whole goes
 * through cl_file_open_regular(), every JSON document through
 * cl_json_parse_object().  Hostile files — a FIFO, a device, deep nesting,
 * wrong types, a design starting with blanks — get a clear error, never a
 * hang, a crash or a warning (G_DEBUG=fatal-warnings makes any warning
 * fail these tests). */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/dataset-private.h"
#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/json-reader.h"
#include "engine/model-file.h"
#include "engine/model-history.h"
#include "engine/model-landscape.h"
#include "engine/safetensors.h"
#include "engine/snapshot-net.h"
#include "engine/zoo.h"

static char *dir;

static char *
temp (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
write_temp (const char *name, const char *contents, gssize length)
{
  char *path = temp (name);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
assert_says (const GError *error, int code, const char *fragment)
{
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” lacks “%s”", error->message, fragment);
  g_assert_error (error, CL_ERROR, code);
}

/* A string of n opening brackets, then closing ones. */
static char *
nested (const char *prefix, guint n, const char *suffix)
{
  GString *s = g_string_new (prefix);
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, ']');
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

/* ---- item 8: only regular files, bounded -------------------------------- */

static void
test_fifo_and_devices_are_refused (void)
{
  g_autofree char *fifo = temp ("pipe.json");
  g_autoptr(GError) error = NULL;
  ClDesign *design = NULL;
  ClNet *net = NULL;
  float image[3 * 8 * 8];

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* A reader that blocks on the FIFO or reads /dev/zero forever fails by
   * this alarm rather than by the suite's timeout. */
  alarm (20);
  g_assert_null (cl_design_load (fifo, &error));
  assert_says (error, CL_ERROR_IO, "is not a regular file");
  g_clear_error (&error);
  g_assert_null (cl_safetensors_load (fifo, &error));
  assert_says (error, CL_ERROR_IO, "is not a regular file");
  g_clear_error (&error);
  g_assert_false (cl_model_open_any (fifo, 1, &design, &net, &error));
  assert_says (error, CL_ERROR_IO, "pipe.json");
  g_clear_error (&error);
  g_assert_false (_cl_image_load (fifo, 8, 3, image, &error));
  assert_says (error, CL_ERROR_IO, "is not a regular file");
  g_clear_error (&error);
  g_assert_false (cl_model_file_is_model (fifo));
  g_assert_null (cl_model_load_history (fifo, &error));
  assert_says (error, CL_ERROR_IO, "is not a regular file");
  g_clear_error (&error);

  /* /dev/zero reports a size of 0 and never ends. */
  g_assert_false (cl_model_open_any ("/dev/zero", 1, &design, &net, &error));
  assert_says (error, CL_ERROR_IO, "“/dev/zero” is not a regular file");
  g_clear_error (&error);
  g_assert_null (cl_design_load ("/dev/zero", &error));
  assert_says (error, CL_ERROR_IO, "is not a regular file");
  g_clear_error (&error);
  g_assert_false (_cl_image_load ("/dev/zero", 8, 1, image, &error));
  assert_says (error, CL_ERROR_IO, "is not a regular file");
  alarm (0);
  g_assert_null (design);
  g_assert_null (net);
  g_unlink (fifo);
}

static void
test_missing_and_unreadable_say_so (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *loop = temp ("loop.png");
  float image[8 * 8];

  g_assert_false (_cl_image_load ("/nonexistent/cat.jpg", 8, 1, image, &error));
  assert_says (error, CL_ERROR_IO, "“/nonexistent/cat.jpg” does not exist");
  g_clear_error (&error);
  /* A symlink to itself cannot be opened, even by root. */
  g_assert_cmpint (symlink (loop, loop), ==, 0);
  g_assert_false (_cl_image_load (loop, 8, 1, image, &error));
  assert_says (error, CL_ERROR_IO, "loop.png” cannot be read: ");
  g_clear_error (&error);
  g_assert_false (_cl_image_load (dir, 8, 1, image, &error));
  assert_says (error, CL_ERROR_IO, "is a folder");
  g_clear_error (&error);
  g_assert_null (cl_design_load ("/nonexistent/net.json", &error));
  assert_says (error, CL_ERROR_IO, "does not exist");
  g_unlink (loop);
}

static void
test_read_is_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp ("ten.bin", "0123456789", 10);

  g_autoptr(GBytes) ok = cl_file_read_regular (path, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (ok), ==, 10);
  /* Followed by a NUL the size does not count. */
  g_assert_cmpint (((const char *) g_bytes_get_data (ok, NULL))[10], ==, '\0');
  g_assert_null (cl_file_read_regular (path, 9, &error));
  assert_says (error, CL_ERROR_TOO_LARGE, "ten.bin");
  g_clear_error (&error);
  g_assert_null (cl_file_map_regular (path, 9, &error));
  assert_says (error, CL_ERROR_TOO_LARGE, "ten.bin");
  g_clear_error (&error);
  g_autofree char *empty = write_temp ("empty.bin", "", 0);
  g_autoptr(GBytes) none = cl_file_map_regular (empty, 9, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (none), ==, 0);
  g_unlink (path);
  g_unlink (empty);
}

/* ---- item 16: a design is told from a model by a sound test ------------- */

static void
test_design_with_leading_blanks_is_a_design (void)
{
  g_autoptr(ClDesign) lenet = cl_design_new ("LeNet-5", cl_net_spec_new_lenet5 (), NULL);
  g_autofree char *json = cl_design_to_json (lenet);
  g_autoptr(GError) error = NULL;

  /* Exactly 8 blanks made the first 8 bytes read as a header length of
   * 2 314 885 530 818 453 536; tabs and newlines alike. */
  const char *blanks[] = { "        ", "\n\n\n\n\n\n\n\n", " \t \r\n   \n\n  ", "", NULL };
  for (int i = 0; blanks[i] != NULL; i++)
    {
      g_autofree char *text = g_strconcat (blanks[i], json, NULL);
      g_autofree char *path = write_temp ("blank.json", text, -1);
      ClDesign *design = NULL;
      ClNet *net = NULL;
      g_assert_false (cl_model_file_is_model (path));
      g_assert_true (cl_model_open_any (path, 1, &design, &net, &error));
      g_assert_no_error (error);
      g_assert_null (net);
      g_assert_cmpstr (design->name, ==, "LeNet-5");
      cl_design_free (design);
      g_autoptr(ClDesign) loaded = cl_design_load (path, &error);
      g_assert_no_error (error);
      g_unlink (path);
    }

  /* A model stays a model, and a truncated one is refused as truncated. */
  g_autoptr(GError) ignored = NULL;
  g_autoptr(ClNet) net = cl_net_new (lenet->spec, 1, &ignored);
  cl_net_init (net, 1);
  g_autofree char *model = temp ("m.safetensors");
  g_assert_true (cl_model_save (lenet, net, model, &error));
  g_assert_true (cl_model_file_is_model (model));
  g_autofree char *bytes = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (model, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (model, bytes, 100, NULL));
  ClDesign *design = NULL;
  ClNet *opened = NULL;
  g_assert_false (cl_model_open_any (model, 1, &design, &opened, &error));
  assert_says (error, CL_ERROR_TRUNCATED, "header claims");
  g_unlink (model);
}

/* ---- item 2: nesting bounded before json-glib recurses ------------------ */

static void
test_depth_scan_sees_what_json_glib_sees (void)
{
  const struct { const char *text; guint depth; } cases[] = {
    { "{\"loss\": [[1, 0.5], [2, 0.25]]}", 3 },
    { "{\"a\": \"[[[[\"}", 1 },
    { "{\"a\": \"\\\"[[[\"}", 1 },        /* an escaped quote does not end it */
    { "{\"a\": \"\\\\\", \"b\": [[]]}", 3 },   /* an escaped backslash does */
    { "{'[[[': 1}", 1 },                   /* json-glib reads 'strings' */
    { "{'\\' : [[]]}", 3 },               /* with no escapes in them */
    { "{/* [[[ \" */ \"a\": [[]]}", 3 },   /* and skips C comments */
    { "]]]]{[", 2 },
    { "\"[[[", 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (cl_json_depth (cases[i].text, strlen (cases[i].text)), ==, cases[i].depth);
}

static void
test_deep_nesting_is_refused_everywhere (void)
{
  g_autoptr(GError) error = NULL;
  /* 100 000 levels: 200 kB, a stack overflow in json-glib unbounded. */
  g_autofree char *deep = nested ("{\"a\": ", 100000, "}");
  g_autofree char *quoted = nested ("{'x': 1, /* \" */ \"a\": ", 100000, "}");
  g_autofree char *ok = nested ("{\"a\": ", CL_JSON_MAX_DEPTH - 1, "}");

  g_autoptr(JsonNode) fine = cl_json_parse_object (ok, -1, &error);
  g_assert_no_error (error);
  g_assert_null (cl_json_parse_object (quoted, -1, &error));
  assert_says (error, CL_ERROR_FORMAT, "nested more than");
  g_clear_error (&error);

  g_assert_null (cl_design_from_json (deep, -1, "deep.json", &error));
  assert_says (error, CL_ERROR_FORMAT, "“deep.json” is not a valid design: it is nested more than");
  g_clear_error (&error);
  g_assert_null (cl_model_history_from_json (deep, "m.safetensors", &error));
  assert_says (error, CL_ERROR_FORMAT, "nested more than");
  g_clear_error (&error);
  g_assert_null (cl_model_landscape_from_json (deep, "m.safetensors", &error));
  assert_says (error, CL_ERROR_FORMAT, "nested more than");
  g_clear_error (&error);

  /* As a safetensors header. */
  GByteArray *file = g_byte_array_new ();
  guint64 len = GUINT64_TO_LE (strlen (deep));
  g_byte_array_append (file, (const guint8 *) &len, 8);
  g_byte_array_append (file, (const guint8 *) deep, strlen (deep));
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (file);
  g_assert_null (cl_safetensors_load_bytes (bytes, "deep.safetensors", &error));
  assert_says (error, CL_ERROR_FORMAT, "nested more than");
  g_clear_error (&error);

  /* As the design, history and landscape inside a model's metadata. */
  const char *keys[] = { "design", "history", "landscape" };
  for (int k = 0; k < 3; k++)
    {
      g_autoptr(GHashTable) meta = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(ClDesign) lenet = cl_design_new ("L", cl_net_spec_new_lenet5 (), NULL);
      g_autofree char *json = cl_design_to_json (lenet);
      g_hash_table_insert (meta, "format", CL_MODEL_FORMAT);
      g_hash_table_insert (meta, "version", "1");
      g_hash_table_insert (meta, "design", json);
      g_hash_table_insert (meta, (gpointer) keys[k], deep);
      g_autofree char *path = temp ("deep.safetensors");
      g_assert_true (cl_safetensors_save (path, meta, NULL, 0, &error));
      g_assert_no_error (error);
      ClDesign *design = NULL;
      ClNet *net = NULL;
      if (k == 0)
        {
          g_assert_false (cl_model_open_any (path, 1, &design, &net, &error));
          assert_says (error, CL_ERROR_FORMAT, "nested more than");
        }
      else if (k == 1)
        {
          g_assert_null (cl_model_load_history (path, &error));
          assert_says (error, CL_ERROR_FORMAT, "nested more than");
        }
      else
        {
          g_assert_null (cl_model_load_landscape (path, &error));
          assert_says (error, CL_ERROR_FORMAT, "nested more than");
        }
      g_clear_error (&error);
      g_unlink (path);
    }
}

static void
test_header_size_is_bounded (void)
{
  g_autoptr(GError) error = NULL;
  /* A header claiming 100 MB (what the reference reader allows) is more
   * than a model needs: refused from its length alone. */
  guint8 head[16] = { 0 };
  guint64 len = GUINT64_TO_LE (100u * 1024 * 1024);
  memcpy (head, &len, 8);
  memcpy (head + 8, "{}      ", 8);
  g_autoptr(GBytes) bytes = g_bytes_new (head, sizeof head);
  g_assert_null (cl_safetensors_load_bytes (bytes, "big.safetensors", &error));
  assert_says (error, CL_ERROR_TOO_LARGE, "more than the");
}

/* ---- items 3, 12: every metadata field type-checked --------------------- */

#define LANDSCAPE_OK \
  "{\"resolution\": 3, \"range\": 1, \"axes\": %s, \"explained\": [0.5, 0.25], " \
  "\"center_loss\": 0.3, \"loss\": [1, 2, 3, 4, 5, 6, 7, 8, null], \"path\": [[0, 0]]}"

static void
test_landscape_types_are_checked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = g_strdup_printf (LANDSCAPE_OK, "\"pca\"");
  g_autoptr(ClLandscape) l = cl_model_landscape_from_json (good, "m.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpint (l->axes, ==, CL_LANDSCAPE_PCA);

  /* "axes": 5 or true crashed in strcmp (NULL, …); [] and {} warned. */
  const char *axes[] = { "5", "true", "[]", "{}", "null", "\"sideways\"" };
  for (gsize i = 0; i < G_N_ELEMENTS (axes); i++)
    {
      g_autofree char *bad = g_strdup_printf (LANDSCAPE_OK, axes[i]);
      g_assert_null (cl_model_landscape_from_json (bad, "m.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
      g_clear_error (&error);
    }
  /* Every other field, given each wrong type in turn. */
  const char *fields[] = { "resolution", "range", "explained", "center_loss", "loss", "path" };
  const char *values[] = { "\"3\"", "true", "{}", "[[]]", "1e999", "-7", "[\"a\", 1]" };
  for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
    for (gsize v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autoptr(JsonNode) root = json_from_string (good, NULL);
        json_object_set_member (json_node_get_object (root), fields[f],
                                json_from_string (values[v], NULL));
        g_autofree char *bad = json_to_string (root, FALSE);
        g_autoptr(ClLandscape) back = cl_model_landscape_from_json (bad, "m.safetensors", &error);
        /* center_loss may be null-like only through null; -7 is a number. */
        if (back != NULL)
          {
            g_assert_true (g_str_equal (fields[f], "center_loss") && g_str_equal (values[v], "-7"));
            continue;
          }
        assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
        g_clear_error (&error);
      }
  /* Blank or empty metadata: an error, no Json-CRITICAL. */
  const char *blank[] = { "", "   ", "\n", "[]", "7" };
  for (gsize i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_assert_null (cl_model_landscape_from_json (blank[i], "m.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
      g_clear_error (&error);
      g_assert_null (cl_model_history_from_json (blank[i], "m.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
      g_clear_error (&error);
    }
}

static void
test_history_steps_and_epochs_are_validated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClModelHistory) good = cl_model_history_from_json (
    "{\"loss\": [[0, 1.5], [9007199254740992, null]], \"test_loss\": [[3, 0.5]], "
    "\"test_accuracy\": [[3, null]], \"train_accuracy\": [[3, 0.9]]}", "m.safetensors", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good->loss->len, ==, 2);

  /* Steps and epochs become integers when training goes on: negative,
   * huge, fractional or non-numeric ones are refused (UBSan caught the
   * casts of -5, 1e300 and -1e308). */
  const char *x[] = { "-5", "1e300", "-1e308", "2.5", "1e999", "\"7\"", "null", "true", "[1]",
                      "9007199254740994" };
  for (gsize i = 0; i < G_N_ELEMENTS (x); i++)
    {
      g_autofree char *loss = g_strdup_printf ("{\"loss\": [[%s, 0.5]]}", x[i]);
      g_autofree char *epoch = g_strdup_printf (
        "{\"test_loss\": [[%s, 0.5]], \"test_accuracy\": [[1, 0.5]], "
        "\"train_accuracy\": [[1, 0.5]]}", x[i]);
      g_assert_null (cl_model_history_from_json (loss, "m.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
      g_clear_error (&error);
      g_assert_null (cl_model_history_from_json (epoch, "m.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
      g_clear_error (&error);
    }
  /* Values: a number or null, nothing else. */
  const char *y[] = { "\"0.5\"", "true", "{}", "[0.5]" };
  for (gsize i = 0; i < G_N_ELEMENTS (y); i++)
    {
      g_autofree char *loss = g_strdup_printf ("{\"loss\": [[1, %s]]}", y[i]);
      g_assert_null (cl_model_history_from_json (loss, "m.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "m.safetensors");
      g_clear_error (&error);
    }
}

static void
test_safetensors_header_types_are_checked (void)
{
  const char *headers[] = {
    "{\"t\": {\"dtype\": 5, \"shape\": [1], \"data_offsets\": [0, 4]}}",
    "{\"t\": {\"dtype\": \"F32\", \"shape\": 1, \"data_offsets\": [0, 4]}}",
    "{\"t\": {\"dtype\": \"F32\", \"shape\": [{}], \"data_offsets\": [0, 4]}}",
    "{\"t\": {\"dtype\": \"F32\", \"shape\": [null], \"data_offsets\": [0, 4]}}",
    "{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [[], 4]}}",
    "{\"t\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": {}}}",
    "{\"t\": []}",
    "{\"__metadata__\": {\"a\": 1}}",
    "{\"__metadata__\": {\"a\": null}}",
    "{\"__metadata__\": []}",
    "        ",
    "",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      GByteArray *file = g_byte_array_new ();
      guint64 len = GUINT64_TO_LE (strlen (headers[i]));
      g_byte_array_append (file, (const guint8 *) &len, 8);
      g_byte_array_append (file, (const guint8 *) headers[i], strlen (headers[i]));
      g_byte_array_append (file, (const guint8 *) "abcd", 4);
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (file);
      g_assert_null (cl_safetensors_load_bytes (bytes, "t.safetensors", &error));
      assert_says (error, CL_ERROR_FORMAT, "t.safetensors");
    }
}

/* ---- item 12: the model says at which step it was saved ---------------- */

static void
test_saved_step_is_the_real_step (void)
{
  g_autoptr(ClDesign) design = cl_design_new ("L", cl_net_spec_new_lenet5 (), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, 1, &error);
  cl_net_init (net, 3);
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  g_assert_no_error (error);
  s->step = 1234;
  g_autofree char *path = temp ("step.safetensors");
  g_assert_true (cl_model_save_snapshot (design, s, path, &error));
  g_assert_no_error (error);
  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cl_safetensors_get_metadata (st, "step"), ==, "1234");
  g_unlink (path);
}

/* ---- item 1: the image loader takes what designs take ------------------- */

static void
test_image_sides_up_to_what_designs_accept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp ("one.png");
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 7, 5);
  gdk_pixbuf_fill (pixbuf, 0x804020ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));

  /* 600 is over the 512 of a folder dataset, under the 4096 of a design:
   * it used to return FALSE with no error, and the CLI crashed on it. */
  g_autofree float *big = g_new (float, 600 * 600);
  g_assert_true (_cl_image_load (path, 600, 1, big, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (big[600 * 300 + 300], (0.299 * 0x80 + 0.587 * 0x40 + 0.114 * 0x20) / 255, 0.01);

  float small[3 * 4 * 4];
  g_assert_false (_cl_image_load (path, 5000, 3, small, &error));
  assert_says (error, CL_ERROR_TOO_LARGE, "4096");
  g_clear_error (&error);
  g_assert_false (_cl_image_load (path, 0, 3, small, &error));
  assert_says (error, CL_ERROR_TOO_LARGE, "4096");
  g_clear_error (&error);
  g_assert_false (_cl_image_load (path, 4, 2, small, &error));
  assert_says (error, CL_ERROR_TOO_LARGE, "channels");
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("convlab-readers-XXXXXX", NULL);
  g_test_add_func ("/files/readers/fifo-and-devices-are-refused", test_fifo_and_devices_are_refused);
  g_test_add_func ("/files/readers/missing-and-unreadable-say-so", test_missing_and_unreadable_say_so);
  g_test_add_func ("/files/readers/read-is-bounded", test_read_is_bounded);
  g_test_add_func ("/files/readers/design-with-leading-blanks-is-a-design",
                   test_design_with_leading_blanks_is_a_design);
  g_test_add_func ("/files/readers/depth-scan-sees-what-json-glib-sees",
                   test_depth_scan_sees_what_json_glib_sees);
  g_test_add_func ("/files/readers/deep-nesting-is-refused-everywhere",
                   test_deep_nesting_is_refused_everywhere);
  g_test_add_func ("/files/readers/header-size-is-bounded", test_header_size_is_bounded);
  g_test_add_func ("/files/readers/landscape-types-are-checked", test_landscape_types_are_checked);
  g_test_add_func ("/files/readers/history-steps-and-epochs-are-validated",
                   test_history_steps_and_epochs_are_validated);
  g_test_add_func ("/files/readers/safetensors-header-types-are-checked",
                   test_safetensors_header_types_are_checked);
  g_test_add_func ("/files/readers/saved-step-is-the-real-step", test_saved_step_is_the_real_step);
  g_test_add_func ("/files/readers/image-sides-up-to-what-designs-accept",
                   test_image_sides_up_to_what_designs_accept);
  int status = g_test_run ();
  g_rmdir (dir);
  return status;
}
