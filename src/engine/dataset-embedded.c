#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"

/* Where Fashion-MNIST comes from: the full set of Debian's
 * dataset-fashion-mnist when it is installed (or the folder named by
 * CONVLAB_FASHION_MNIST_DIR, for a copy downloaded elsewhere), else the
 * subset shipped in data/datasets/ (built by tools/make-fashion-subset.py),
 * so that ConvLab works anywhere without a download. */

#define FULL_FASHION_MNIST_DIR "/usr/share/datasets/fashion-mnist"
#define SUBSET_NAME "fashion-mnist-subset"

const char * const cl_fashion_mnist_class_names[11] = {
  N_("T-shirt/top"), N_("Trouser"), N_("Pullover"), N_("Dress"), N_("Coat"),
  N_("Sandal"),      N_("Shirt"),   N_("Sneaker"),  N_("Bag"),   N_("Ankle boot"),
  NULL,
};

char *
cl_dataset_find_embedded_dir (void)
{
  /* Installed first; the source tree is for tools/run and the tests. */
  static const char *const candidates[] = { PKGDATADIR, SOURCE_DATADIR };
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *dir = g_build_filename (candidates[i], "datasets", NULL);
      g_autofree char *subset = g_build_filename (dir, SUBSET_NAME, NULL);
      if (g_file_test (subset, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
    }
  return NULL;
}

static gboolean
has_file (const char *dir, const char *name)
{
  g_autofree char *plain = g_build_filename (dir, name, NULL);
  g_autofree char *gz = g_strconcat (plain, ".gz", NULL);
  return g_file_test (plain, G_FILE_TEST_IS_REGULAR) || g_file_test (gz, G_FILE_TEST_IS_REGULAR);
}

char *
cl_dataset_find_fashion_mnist_dir (void)
{
  const char *chosen = g_getenv ("CONVLAB_FASHION_MNIST_DIR");
  const char *dir = chosen != NULL && *chosen != '\0' ? chosen : FULL_FASHION_MNIST_DIR;

  /* A folder named but holding no set falls back like a missing install:
   * the subset still lets the class go on. */
  if (has_file (dir, "train-images-idx3-ubyte") && has_file (dir, "train-labels-idx1-ubyte"))
    return g_strdup (dir);
  return NULL;
}

ClDataset *
cl_dataset_load_fashion_mnist (GError **error)
{
  ClIdxOptions options = { "Fashion-MNIST", cl_fashion_mnist_class_names, 10 };
  g_autoptr(GError) full_error = NULL;

  g_autofree char *full = cl_dataset_find_fashion_mnist_dir ();
  if (full != NULL)
    {
      ClDataset *ds = cl_dataset_load_idx_dir (full, &options, &full_error);
      if (ds != NULL)
        return ds;
      g_debug ("%s", full_error->message);
    }

  g_autofree char *embedded = cl_dataset_find_embedded_dir ();
  if (embedded == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO,
                   _("Fashion-MNIST is not installed and the embedded subset is missing from "
                     "%s and %s."),
                   PKGDATADIR "/datasets", SOURCE_DATADIR "/datasets");
      return NULL;
    }
  g_autofree char *subset = g_build_filename (embedded, SUBSET_NAME, NULL);
  options.name = _("Fashion-MNIST subset");
  ClDataset *ds = cl_dataset_load_idx_dir (subset, &options, error);
  /* A broken full set is worth saying, but the subset still lets the class go on. */
  if (ds != NULL && full_error != NULL)
    ds->report = g_strdup_printf (_("The full Fashion-MNIST could not be loaded (%s); the "
                                    "embedded subset is used instead."),
                                  full_error->message);
  return ds;
}
