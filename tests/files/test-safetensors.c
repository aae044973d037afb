#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "engine/error.h"
#include "engine/safetensors.h"

static const float weight[2][3] = { { 1.5f, -2.0f, 0.25f }, { 4.0f, 0.0f, -0.5f } };
static const float bias[2] = { 0.125f, -1.0f };

static GBytes *
write_example (void)
{
  g_autoptr(GHashTable) meta = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (meta, "format", "convlab-model");
  g_hash_table_insert (meta, "design", "{\"layers\": []}");
  ClTensorView tensors[] = {
    { .name = "layer1.dense.weight", .dtype = CL_DTYPE_F32, .n_dims = 2, .shape = { 2, 3 },
      .data = weight, .n_bytes = sizeof weight },
    { .name = "layer1.dense.bias", .dtype = CL_DTYPE_F32, .n_dims = 1, .shape = { 2 },
      .data = bias, .n_bytes = sizeof bias },
  };
  g_autoptr(GError) error = NULL;
  GBytes *bytes = cl_safetensors_serialize (meta, tensors, G_N_ELEMENTS (tensors), &error);
  g_assert_no_error (error);
  return bytes;
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) bytes = write_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSafetensors) st = cl_safetensors_load_bytes (bytes, "example", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cl_safetensors_get_metadata (st, "format"), ==, "convlab-model");
  g_assert_cmpstr (cl_safetensors_get_metadata (st, "design"), ==, "{\"layers\": []}");
  g_assert_null (cl_safetensors_get_metadata (st, "absent"));
  g_assert_cmpuint (cl_safetensors_n_tensors (st), ==, 2);

  const ClTensorView *w = cl_safetensors_lookup (st, "layer1.dense.weight");
  g_assert_nonnull (w);
  g_assert_cmpint (w->dtype, ==, CL_DTYPE_F32);
  g_assert_cmpint (w->n_dims, ==, 2);
  g_assert_cmpint (w->shape[0], ==, 2);
  g_assert_cmpint (w->shape[1], ==, 3);
  g_assert_cmpmem (w->data, w->n_bytes, weight, sizeof weight);
  const ClTensorView *b = cl_safetensors_lookup (st, "layer1.dense.bias");
  g_assert_cmpmem (b->data, b->n_bytes, bias, sizeof bias);
  g_assert_null (cl_safetensors_lookup (st, "layer2.dense.weight"));

  /* The data starts 8-byte aligned, as the reference writer pads it. */
  guint64 header_len;
  memcpy (&header_len, g_bytes_get_data (bytes, NULL), 8);
  g_assert_cmpuint (GUINT64_FROM_LE (header_len) % 8, ==, 0);
}

static void
test_save_is_atomic_and_loads (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-st-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.safetensors", NULL);
  ClTensorView tensor = { .name = "w", .dtype = CL_DTYPE_F32, .n_dims = 1, .shape = { 2 },
                          .data = bias, .n_bytes = sizeof bias };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (cl_safetensors_save (path, NULL, &tensor, 1, &error));
  g_assert_no_error (error);

  /* Only the model is left in the folder: no temporary file behind. */
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  int files = 0;
  while (g_dir_read_name (listing) != NULL)
    files++;
  g_assert_cmpint (files, ==, 1);

  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cl_safetensors_n_tensors (st), ==, 1);
  g_assert_null (cl_safetensors_get_metadata (st, "format"));

  g_assert_false (cl_safetensors_save ("/nonexistent-dir/model.safetensors", NULL, &tensor, 1, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/model.safetensors"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_python_reads_ours (void)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  if (python == NULL || srcdir == NULL)
    {
      g_test_skip ("python3 or G_TEST_SRCDIR missing");
      return;
    }
  g_autofree char *dir = g_dir_make_tmp ("convlab-st-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "model.safetensors", NULL);
  g_autoptr(GBytes) bytes = write_example ();
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));

  g_autofree char *script = g_build_filename (srcdir, "files", "read-safetensors.py", NULL);
  const char *argv[] = { python, script, path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, NULL));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "meta design={\"layers\": []}\n"
                   "meta format=convlab-model\n"
                   "tensor layer1.dense.bias F32 2 -0.875000\n"
                   "tensor layer1.dense.weight F32 2x3 3.250000\n");
  g_unlink (path);
  g_rmdir (dir);
}

/* Builds a file from a header text and `data_len` zero bytes of data. */
static GBytes *
file_with_header (const char *header, gsize data_len)
{
  GByteArray *out = g_byte_array_new ();
  guint64 len = GUINT64_TO_LE ((guint64) strlen (header));
  g_byte_array_append (out, (const guint8 *) &len, 8);
  g_byte_array_append (out, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < data_len; i++)
    g_byte_array_append (out, (const guint8 *) "", 1);
  return g_byte_array_free_to_bytes (out);
}

static void
expect_refused (GBytes *bytes, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSafetensors) st = cl_safetensors_load_bytes (bytes, "bad.safetensors", &error);

  g_assert_null (st);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CL_ERROR);
  g_assert_nonnull (strstr (error->message, "bad.safetensors"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, fragment);
}

static void
test_bad_files_are_refused (void)
{
  g_autoptr(GBytes) tiny = g_bytes_new_static ("abc", 3);
  expect_refused (tiny, "too short");

  guint8 huge_header[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, '{', '}' };
  g_autoptr(GBytes) huge = g_bytes_new_static (huge_header, sizeof huge_header);
  expect_refused (huge, "header claims");

  static const struct {
    const char *header;
    gsize data_len;
    const char *fragment;
  } cases[] = {
    { "not json at all", 0, "not valid JSON" },
    { "[1, 2]", 0, "not a JSON object" },
    { "{\"w\": {\"dtype\": \"Q7\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4, "data type" },
    { "{\"w\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", 4, "no shape" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 4, "invalid dimension" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [1,1,1,1,1,1,1,1,1], \"data_offsets\": [0, 4]}}", 4, "dimensions" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 4]}}", 4, "does not match" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296], \"data_offsets\": [0, 4]}}", 4, "does not match" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 4, "outside the file" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 0]}}", 4, "outside the file" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4, "no data offsets" },
    { "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [\"0\", 4]}}", 4, "invalid data offsets" },
    { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
      " \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4, "overlap" },
    { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8, "overlap or leave gaps" },
    { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 12, "after its last tensor" },
    { "{\"__metadata__\": {\"k\": 3}}", 0, "metadata" },
    { "{\"__metadata__\": [1]}", 0, "metadata" },
    { "{\"w\": 7}", 0, "not an object" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = file_with_header (cases[i].header, cases[i].data_len);
      expect_refused (bytes, cases[i].fragment);
    }
}

static void
test_missing_file_is_named (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSafetensors) st = cl_safetensors_load ("/nonexistent/model.safetensors", &error);

  g_assert_null (st);
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/model.safetensors"));
}

static void
test_every_truncation_is_refused (void)
{
  g_autoptr(GBytes) bytes = write_example ();
  gsize size = g_bytes_get_size (bytes);

  /* Every prefix of a valid file is refused, none crashes. */
  for (gsize len = 0; len < size; len++)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, 0, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClSafetensors) st = cl_safetensors_load_bytes (part, "cut", &error);
      g_assert_null (st);
      g_assert_nonnull (error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/safetensors/round-trip", test_round_trip);
  g_test_add_func ("/files/safetensors/save-is-atomic-and-loads", test_save_is_atomic_and_loads);
  g_test_add_func ("/files/safetensors/python-reads-ours", test_python_reads_ours);
  g_test_add_func ("/files/safetensors/bad-files-are-refused", test_bad_files_are_refused);
  g_test_add_func ("/files/safetensors/missing-file-is-named", test_missing_file_is_named);
  g_test_add_func ("/files/safetensors/every-truncation-is-refused", test_every_truncation_is_refused);
  return g_test_run ();
}
