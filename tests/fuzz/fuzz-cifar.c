/* libFuzzer target: one CIFAR-10 batch, plain or gzip, on a memory stream. */
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) batch
      = _cl_cifar_read_batch (in, gzipped ? CL_SIZE_UNKNOWN : size, "fuzz", 10, &error);
  if (batch != NULL)
    g_assert (g_bytes_get_size (batch) % CL_CIFAR_RECORD == 0);
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
