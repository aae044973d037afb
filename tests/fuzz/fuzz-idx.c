/* libFuzzer target: the IDX parser behind the gzip detection, on a memory
 * stream, exactly as cl_dataset_load_idx drives it for one file. */
#include "config.h"

#include "engine/dataset-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (data, size, NULL);
  gboolean gzipped = FALSE;
  g_autoptr(GInputStream) in = _cl_stream_maybe_gunzip (raw, &gzipped, NULL);
  if (in == NULL)
    return 0;
  /* Byte 3 of a plain IDX file is its number of dimensions: 1 for labels,
   * so both parsers are reached. */
  guint ndim = !gzipped && size > 3 && data[3] == 1 ? 1 : 3;
  ClIdxArray array;
  g_autoptr(GError) error = NULL;
  if (_cl_idx_read (in, gzipped ? CL_SIZE_UNKNOWN : size, "fuzz", ndim, &array, &error))
    {
      g_assert (array.data != NULL);
      _cl_idx_array_clear (&array);
    }
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
