#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/data-source.h"
#include "engine/dataset-private.h"
#include "engine/error.h"

static const struct {
  const char *id;
  ClToyKind kind;
  const char *name;   /* as the window's data menu says it */
} toys[] = {
  { "xor", CL_TOY_XOR, N_("XOR") },
  { "circles", CL_TOY_CIRCLES, N_("Circles") },
  { "spirals", CL_TOY_SPIRALS, N_("Two Spirals") },
  { "blobs", CL_TOY_BLOBS, N_("Gaussian Blobs") },
  { "cos", CL_TOY_COS, N_("Noisy cos(x)") },
  { "step", CL_TOY_STEP, N_("Step Function") },
  { "polynomial", CL_TOY_POLYNOMIAL, N_("Polynomial") },
};

static const char * const norm_ids[] = {
  [CL_DATASET_NORM_NONE] = "none",
  [CL_DATASET_NORM_UNIT] = "unit",
  [CL_DATASET_NORM_STANDARD] = "standard",
  [CL_DATASET_NORM_CONTRAST] = "contrast",
};

const char *
cl_dataset_norm_to_string (ClDatasetNorm norm)
{
  return norm_ids[norm];
}

gboolean
cl_dataset_norm_from_string (const char *id, ClDatasetNorm *norm)
{
  for (gsize i = 0; i < G_N_ELEMENTS (norm_ids); i++)
    if (g_strcmp0 (id, norm_ids[i]) == 0)
      {
        *norm = (ClDatasetNorm) i;
        return TRUE;
      }
  return FALSE;
}

void
cl_data_ref_init (ClDataRef *ref, const char *source)
{
  memset (ref, 0, sizeof *ref);
  ref->source = g_strdup (source != NULL ? source : "fashion-mnist");
  ref->norm = CL_DATASET_NORM_UNIT;
  cl_toy_options_init (&ref->toy);
  cl_folder_options_init (&ref->folder);
}

void
cl_data_ref_clear (ClDataRef *ref)
{
  g_clear_pointer (&ref->source, g_free);
}

void
cl_data_ref_copy (ClDataRef *dest, const ClDataRef *src)
{
  *dest = *src;
  dest->source = g_strdup (src->source);
}

static gboolean
toy_from_name (const char *name, ClToyKind *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (toys); i++)
    if (g_str_equal (name, toys[i].id))
      {
        *kind = toys[i].kind;
        return TRUE;
      }
  return FALSE;
}

static gboolean
unknown_source (const char *source, GError **error)
{
  g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
               _("Unknown data source “%s”. Use fashion-mnist, embedded, photos, photos-colour, "
                 "idx:IMAGES,LABELS, cifar10:DIR, folder:DIR, patches:DIR or "
                 "toy:xor|circles|spirals|blobs|cos|step|polynomial."),
               source);
  return FALSE;
}

gboolean
cl_data_ref_check (const ClDataRef *ref, GError **error)
{
  const char *s = ref->source;
  ClToyKind kind;

  if (s == NULL)
    return unknown_source ("", error);
  if (g_str_equal (s, "fashion-mnist") || g_str_equal (s, "embedded")
      || g_str_equal (s, "photos") || g_str_equal (s, "photos-colour"))
    return TRUE;
  if (g_str_has_prefix (s, "toy:"))
    return toy_from_name (s + 4, &kind) || unknown_source (s, error);
  if ((g_str_has_prefix (s, "idx:") && s[4] != '\0')
      || (g_str_has_prefix (s, "cifar10:") && s[8] != '\0')
      || (g_str_has_prefix (s, "folder:") && s[7] != '\0')
      || (g_str_has_prefix (s, "patches:") && s[8] != '\0'))
    return TRUE;
  return unknown_source (s, error);
}

/* The last part of a folder or file path, for a name: "…/cifar-10-batches-bin/"
 * gives "cifar-10-batches-bin". */
static char *
short_path (const char *path)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize n = strlen (trimmed);
  while (n > 1 && trimmed[n - 1] == G_DIR_SEPARATOR)
    trimmed[--n] = '\0';
  return g_path_get_basename (trimmed);
}

char *
cl_data_source_display_name (const char *source)
{
  if (source == NULL)
    return g_strdup ("");
  if (g_str_equal (source, "fashion-mnist"))
    return g_strdup (_("Fashion-MNIST"));
  if (g_str_equal (source, "embedded"))
    return g_strdup (_("Fashion-MNIST subset"));
  if (g_str_equal (source, "photos"))
    return g_strdup (_("Photos (grey)"));
  if (g_str_equal (source, "photos-colour"))
    return g_strdup (_("Photos (colour)"));
  if (g_str_has_prefix (source, "toy:"))
    for (gsize i = 0; i < G_N_ELEMENTS (toys); i++)
      if (g_str_equal (source + 4, toys[i].id))
        return g_strdup (_(toys[i].name));
  if (g_str_has_prefix (source, "idx:") && source[4] != '\0')
    {
      /* idx:IMAGES,LABELS,… is named after its first file. */
      g_auto(GStrv) parts = g_strsplit (source + 4, ",", 2);
      g_autofree char *name = short_path (parts[0]);
      return g_strdup_printf (_("IDX files “%s”"), name);
    }
  if (g_str_has_prefix (source, "cifar10:") && source[8] != '\0')
    {
      g_autofree char *name = short_path (source + 8);
      return g_strdup_printf (_("CIFAR-10 “%s”"), name);
    }
  if (g_str_has_prefix (source, "folder:") && source[7] != '\0')
    {
      g_autofree char *name = short_path (source + 7);
      return g_strdup_printf (_("Image folder “%s”"), name);
    }
  if (g_str_has_prefix (source, "patches:") && source[8] != '\0')
    {
      g_autofree char *name = short_path (source + 8);
      return g_strdup_printf (_("Patches of the photos “%s”"), name);
    }
  return g_strdup (source);
}

static ClDataset *
load_idx (const char *spec, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);
  guint n = g_strv_length (parts);

  if (n == 1)
    return cl_dataset_load_idx_dir (parts[0], NULL, error);
  if (n == 2 || n == 4)
    return cl_dataset_load_idx (parts[0], parts[1], n == 4 ? parts[2] : NULL,
                                n == 4 ? parts[3] : NULL, NULL, error);
  g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
               _("“idx:%s” needs a folder, or IMAGES,LABELS, or IMAGES,LABELS,TEST_IMAGES,TEST_LABELS."),
               spec);
  return NULL;
}

static ClDataset *
load_embedded (GError **error)
{
  g_autofree char *dir = cl_dataset_find_embedded_dir ();
  g_autofree char *subset = NULL;
  ClIdxOptions options = { .name = _("Fashion-MNIST subset"),
                           .class_names = cl_fashion_mnist_class_names, .n_classes = 10 };

  if (dir == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO,
                   _("The embedded dataset is missing: reinstall ConvLab."));
      return NULL;
    }
  subset = g_build_filename (dir, "fashion-mnist-subset", NULL);
  return cl_dataset_load_idx_dir (subset, &options, error);
}

ClDataset *
cl_data_ref_load (const ClDataRef *ref, GError **error)
{
  const char *s = ref->source;
  g_autoptr(ClDataset) dataset = NULL;
  ClToyKind kind;

  if (!cl_data_ref_check (ref, error))
    return NULL;
  if (g_str_equal (s, "fashion-mnist"))
    dataset = cl_dataset_load_fashion_mnist (error);
  else if (g_str_equal (s, "embedded"))
    dataset = load_embedded (error);
  else if (g_str_equal (s, "photos") || g_str_equal (s, "photos-colour"))
    dataset = cl_dataset_load_photos (g_str_equal (s, "photos-colour"), error);
  else if (g_str_has_prefix (s, "toy:") && toy_from_name (s + 4, &kind))
    return cl_dataset_new_toy (kind, &ref->toy, error);
  else if (g_str_has_prefix (s, "idx:"))
    dataset = load_idx (s + 4, error);
  else if (g_str_has_prefix (s, "cifar10:"))
    dataset = cl_dataset_load_cifar10 (s + 8, error);
  else if (g_str_has_prefix (s, "folder:"))
    dataset = cl_dataset_load_folder (s + 7, &ref->folder, error);
  else if (g_str_has_prefix (s, "patches:"))
    dataset = cl_dataset_load_patches (s + 8, &ref->folder, error);

  if (dataset != NULL && ref->train_limit > 0)
    cl_dataset_keep_train (dataset, ref->train_limit);
  if (dataset != NULL && ref->norm == CL_DATASET_NORM_STANDARD)
    cl_dataset_standardise (dataset);
  else if (dataset != NULL && ref->norm == CL_DATASET_NORM_CONTRAST)
    cl_dataset_contrast_normalise (dataset);
  return g_steal_pointer (&dataset);
}

gboolean
cl_data_ref_peek_shape (const ClDataRef *ref, guint *channels, guint *height, guint *width)
{
  const char *s = ref->source;

  if (s == NULL)
    return FALSE;
  /* The full set and the embedded subset are both Fashion-MNIST's 28×28. */
  if (g_str_equal (s, "fashion-mnist") || g_str_equal (s, "embedded"))
    {
      *channels = 1, *height = 28, *width = 28;
      return TRUE;
    }
  if (g_str_has_prefix (s, "cifar10:"))
    {
      *channels = 3, *height = 32, *width = 32;
      return TRUE;
    }
  if (g_str_equal (s, "photos") || g_str_equal (s, "photos-colour"))
    {
      *channels = g_str_equal (s, "photos") ? 1 : 3;
      *height = *width = 32;
      return TRUE;
    }
  if (g_str_has_prefix (s, "folder:") || g_str_has_prefix (s, "patches:"))
    {
      /* Every image is scaled to (or patch cut at) the square the options ask for. */
      *channels = ref->folder.grey ? 1 : 3;
      *height = *width = ref->folder.size;
      return TRUE;
    }
  if (g_str_has_prefix (s, "idx:"))
    {
      /* The training images: a folder, or the first of the files. */
      g_auto(GStrv) parts = g_strsplit (s + 4, ",", 2);
      *channels = 1;
      return parts[0] != NULL && _cl_idx_peek_image_shape (parts[0], height, width);
    }
  return FALSE;   /* toy sets: generated, as cheap to make as to describe */
}

ClDataset *
cl_data_ref_load_for (const ClDataRef *ref, const ClNetSpec *spec, GError **error)
{
  ClShape in = cl_net_spec_get_input (spec);
  guint c, h, w;

  /* A header that says 30 × 4096 × 4096 for a 1×4×4 network is refused
   * before 2 GB are read and inflated. */
  if (cl_data_ref_check (ref, NULL) && cl_data_ref_peek_shape (ref, &c, &h, &w)
      && ((guint) in.c != c || (guint) in.h != h || (guint) in.w != w))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("The network takes %d×%d×%d inputs but %s has %u×%u×%u samples."),
                   in.c, in.h, in.w, ref->source, c, h, w);
      return NULL;
    }
  return cl_data_ref_load (ref, error);
}
