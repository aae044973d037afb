#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/data-source.h"
#include "engine/error.h"

static const struct {
  const char *id;
  ClToyKind kind;
} toys[] = {
  { "xor", CL_TOY_XOR },
  { "circles", CL_TOY_CIRCLES },
  { "spirals", CL_TOY_SPIRALS },
  { "blobs", CL_TOY_BLOBS },
  { "cos", CL_TOY_COS },
  { "step", CL_TOY_STEP },
  { "polynomial", CL_TOY_POLYNOMIAL },
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
                 "idx:IMAGES,LABELS, cifar10:DIR, folder:DIR or "
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
      || (g_str_has_prefix (s, "folder:") && s[7] != '\0'))
    return TRUE;
  return unknown_source (s, error);
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

  if (dataset != NULL && ref->norm == CL_DATASET_NORM_STANDARD)
    cl_dataset_standardise (dataset);
  else if (dataset != NULL && ref->norm == CL_DATASET_NORM_CONTRAST)
    cl_dataset_contrast_normalise (dataset);
  return g_steal_pointer (&dataset);
}
