/* dataset-contrast.c — per-image contrast normalisation.
 *
 * Each image minus its own mean, divided by its own standard deviation: a
 * dim photo and a bright one look alike to the network, so the first layer
 * learns the shapes of edges rather than the overall brightness.  With a
 * small initialisation and weight decay this is what makes first-layer
 * filters Gabor-like (issue 13).
 */
#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>

#include "engine/dataset.h"

void
cl_contrast_normalise (float *x, gsize n)
{
  g_return_if_fail (x != NULL || n == 0);
  if (n == 0)
    return;

  /* Doubles: a 512×512×3 image is 786 432 additions. */
  double sum = 0, sum2 = 0;
  for (gsize k = 0; k < n; k++)
    sum += x[k];
  double mean = sum / n;
  for (gsize k = 0; k < n; k++)
    sum2 += (x[k] - mean) * (x[k] - mean);
  double var = sum2 / n;
  float m = (float) mean;
  float inv = (float) (1.0 / sqrt (var + CL_CONTRAST_EPS * CL_CONTRAST_EPS));
  for (gsize k = 0; k < n; k++)
    x[k] = (x[k] - m) * inv;
}

void
cl_dataset_contrast_normalise (ClDataset *dataset)
{
  g_return_if_fail (dataset != NULL);
  if (dataset->norm == CL_DATASET_NORM_CONTRAST)
    return;

  gsize n = (gsize) dataset->n_train + dataset->n_test;
  /* Each image is its own: no statistics cross samples, nothing of the test
   * part reaches the training part.  One pass, serial: 60 000 images of
   * 28×28 take about 0.1 s, nothing beside loading them. */
  for (gsize i = 0; i < n; i++)
    cl_contrast_normalise (dataset->x + i * dataset->sample_size, dataset->sample_size);
  dataset->norm = CL_DATASET_NORM_CONTRAST;
}
