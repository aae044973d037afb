#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/gabor-fit.h"

/* The non-linear parameters; amplitude, phase and offset are linear given
 * them (A cos(w + φ) = a cos w + b sin w), so every evaluation solves those
 * exactly ("variable projection"): the search runs in 5 dimensions, not 8. */
enum { P_THETA, P_FREQ, P_SIGMA, P_CX, P_CY, N_P };

typedef struct {
  const float *v;
  int k;
  double mean, ss_tot, vv;
} Problem;

/* Solves the 3×3 normal equations for (a, b, c); returns the residual sum
 * of squares.  A degenerate basis (σ tiny, f = 0) keeps what it can. */
static double
project (const Problem *pb, const double *p, double *abc)
{
  double m[3][3] = { { 0 } }, r[3] = { 0 };
  double ct = cos (p[P_THETA]), st = sin (p[P_THETA]);
  double w = 2 * G_PI * p[P_FREQ], s2 = 2 * p[P_SIGMA] * p[P_SIGMA];
  int k = pb->k;

  for (int y = 0; y < k; y++)
    for (int x = 0; x < k; x++)
      {
        double dx = x - p[P_CX], dy = y - p[P_CY];
        double env = exp (-(dx * dx + dy * dy) / s2), u = dx * ct + dy * st;
        double g[3] = { env * cos (w * u), env * sin (w * u), 1.0 };
        double v = pb->v[y * k + x];
        for (int i = 0; i < 3; i++)
          {
            r[i] += g[i] * v;
            for (int j = 0; j < 3; j++)
              m[i][j] += g[i] * g[j];
          }
      }
  /* The residual from the normal equations, without a second pass over
   * the cells (half the exp/cos/sin): |v - G a|² = v·v - 2 a·r + aᵀ M a. */
  double m0[3][3], r0[3];
  memcpy (m0, m, sizeof m0);
  memcpy (r0, r, sizeof r0);
  /* Gaussian elimination with a ridge so collinear bases stay finite. */
  for (int i = 0; i < 3; i++)
    m[i][i] += 1e-9 * (1 + m[i][i]);
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++)
      {
        double f = m[j][i] / m[i][i];
        for (int l = i; l < 3; l++)
          m[j][l] -= f * m[i][l];
        r[j] -= f * r[i];
      }
  for (int i = 2; i >= 0; i--)
    {
      double sum = r[i];
      for (int l = i + 1; l < 3; l++)
        sum -= m[i][l] * abc[l];
      abc[i] = sum / m[i][i];
    }

  double ss = pb->vv;
  for (int i = 0; i < 3; i++)
    {
      ss -= 2 * abc[i] * r0[i];
      for (int j = 0; j < 3; j++)
        ss += abc[i] * abc[j] * m0[i][j];
    }
  return MAX (ss, 0.0);
}

/* Cost with the box constraints as walls: frequencies above Nyquist alias
 * and a centre far outside the kernel explains nothing. */
static double
cost (const Problem *pb, const double *p)
{
  double abc[3];
  int k = pb->k;

  if (p[P_FREQ] < 0.01 || p[P_FREQ] > 0.5 || p[P_SIGMA] < 0.4 || p[P_SIGMA] > 2.0 * k
      || p[P_CX] < -0.5 || p[P_CX] > k - 0.5 || p[P_CY] < -0.5 || p[P_CY] > k - 0.5)
    return HUGE_VAL;
  return project (pb, p, abc);
}

/* A few hundred Nelder-Mead steps from the best grid point: no derivatives
 * to get wrong, and the start is already in the right basin. */
static void
nelder_mead (const Problem *pb, double *best, const double *scale, int iterations)
{
  double x[N_P + 1][N_P], f[N_P + 1];

  for (int i = 0; i <= N_P; i++)
    {
      memcpy (x[i], best, sizeof x[i]);
      if (i > 0)
        x[i][i - 1] += scale[i - 1];
      f[i] = cost (pb, x[i]);
    }
  for (int it = 0; it < iterations; it++)
    {
      /* Order: x[0] best, x[N_P] worst. */
      for (int i = 1; i <= N_P; i++)
        for (int j = i; j > 0 && f[j] < f[j - 1]; j--)
          {
            double t = f[j]; f[j] = f[j - 1]; f[j - 1] = t;
            double tmp[N_P];
            memcpy (tmp, x[j], sizeof tmp);
            memcpy (x[j], x[j - 1], sizeof tmp);
            memcpy (x[j - 1], tmp, sizeof tmp);
          }
      double centroid[N_P] = { 0 }, xr[N_P], xe[N_P], xc[N_P];
      for (int i = 0; i < N_P; i++)
        for (int j = 0; j < N_P; j++)
          centroid[j] += x[i][j] / N_P;
      for (int j = 0; j < N_P; j++)
        xr[j] = centroid[j] + (centroid[j] - x[N_P][j]);
      double fr = cost (pb, xr);
      if (fr < f[0])
        {
          for (int j = 0; j < N_P; j++)
            xe[j] = centroid[j] + 2 * (centroid[j] - x[N_P][j]);
          double fe = cost (pb, xe);
          memcpy (x[N_P], fe < fr ? xe : xr, sizeof xr);
          f[N_P] = MIN (fe, fr);
          continue;
        }
      if (fr < f[N_P - 1])
        {
          memcpy (x[N_P], xr, sizeof xr);
          f[N_P] = fr;
          continue;
        }
      for (int j = 0; j < N_P; j++)
        xc[j] = centroid[j] + 0.5 * (x[N_P][j] - centroid[j]);
      double fc = cost (pb, xc);
      if (fc < f[N_P])
        {
          memcpy (x[N_P], xc, sizeof xc);
          f[N_P] = fc;
          continue;
        }
      for (int i = 1; i <= N_P; i++)
        {
          for (int j = 0; j < N_P; j++)
            x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
          f[i] = cost (pb, x[i]);
        }
    }
  int b = 0;
  for (int i = 1; i <= N_P; i++)
    if (f[i] < f[b])
      b = i;
  memcpy (best, x[b], sizeof x[b]);
}

gboolean
cl_gabor_fit (const float *kernel, int k, ClGaborFit *fit)
{
  Problem pb = { kernel, k, 0, 0, 0 };

  memset (fit, 0, sizeof *fit);
  fit->r2 = NAN;
  if (k < 2 || k > 64)
    return FALSE;
  for (int i = 0; i < k * k; i++)
    {
      if (!isfinite (kernel[i]))
        return FALSE;
      pb.mean += kernel[i];
    }
  pb.mean /= k * k;
  for (int i = 0; i < k * k; i++)
    {
      pb.ss_tot += (kernel[i] - pb.mean) * (kernel[i] - pb.mean);
      pb.vv += (double) kernel[i] * kernel[i];
    }
  if (pb.ss_tot <= 1e-30 * k * k)
    {
      fit->offset = pb.mean;
      fit->cx = fit->cy = (k - 1) / 2.0;
      fit->sigma = k / 2.0;
      fit->r2 = 0;
      return TRUE;
    }

  /* Coarse grid, centre fixed in the middle: 16 orientations (wave
   * directions over π), frequencies up to Nyquist, four envelope widths. */
  double best[N_P] = { 0 }, best_cost = HUGE_VAL;
  const double sigmas[] = { 0.15, 0.25, 0.4, 0.7 };
  for (int t = 0; t < 16; t++)
    for (int fi = 0; fi < 12; fi++)
      for (guint si = 0; si < G_N_ELEMENTS (sigmas); si++)
        {
          double p[N_P] = { t * G_PI / 16, 0.04 + fi * (0.46 / 11), sigmas[si] * k,
                            (k - 1) / 2.0, (k - 1) / 2.0 };
          double c = cost (&pb, p);
          if (c < best_cost)
            {
              best_cost = c;
              memcpy (best, p, sizeof p);
            }
        }
  const double scale[N_P] = { G_PI / 32, 0.02, 0.1 * k, 0.5, 0.5 };
  nelder_mead (&pb, best, scale, 300);
  double small[N_P];
  for (int i = 0; i < N_P; i++)
    small[i] = scale[i] / 8;
  nelder_mead (&pb, best, small, 200);   /* restart: Nelder-Mead can stall */

  double abc[3];
  double ss = project (&pb, best, abc);
  /* θ and θ + π are the same wave with the phase negated. */
  double turns = floor (best[P_THETA] / G_PI);
  double theta = best[P_THETA] - turns * G_PI, phase = atan2 (-abc[1], abc[0]);
  if (fmod (fabs (turns), 2.0) == 1.0)
    phase = -phase;
  fit->theta = theta;
  fit->frequency = best[P_FREQ];
  fit->phase = phase;
  fit->sigma = best[P_SIGMA];
  fit->amplitude = hypot (abc[0], abc[1]);
  fit->offset = abc[2];
  fit->cx = best[P_CX];
  fit->cy = best[P_CY];
  fit->r2 = CLAMP (1.0 - ss / pb.ss_tot, 0.0, 1.0);
  return TRUE;
}

/* Power iteration on the c×c covariance of the channels (each channel's
 * spatial mean removed): c ≤ 4, so a few dozen products converge. */
static void
dominant_axis (const float *w, int c, int kk, double *u)
{
  double cov[4][4] = { { 0 } }, mean[4] = { 0 };

  for (int i = 0; i < c; i++)
    {
      for (int p = 0; p < kk; p++)
        mean[i] += w[i * kk + p];
      mean[i] /= kk;
    }
  for (int i = 0; i < c; i++)
    for (int j = 0; j < c; j++)
      for (int p = 0; p < kk; p++)
        cov[i][j] += (w[i * kk + p] - mean[i]) * (w[j * kk + p] - mean[j]);
  /* Start from the grey axis: a grey filter's answer at once, and never
   * orthogonal to it by accident. */
  for (int i = 0; i < c; i++)
    u[i] = 1.0 / sqrt (c);
  for (int it = 0; it < 100; it++)
    {
      double v[4] = { 0 }, norm = 0;
      for (int i = 0; i < c; i++)
        for (int j = 0; j < c; j++)
          v[i] += cov[i][j] * u[j];
      for (int i = 0; i < c; i++)
        norm += v[i] * v[i];
      norm = sqrt (norm);
      if (norm < 1e-30)
        return;   /* every channel flat: the grey axis will do */
      for (int i = 0; i < c; i++)
        u[i] = v[i] / norm;
    }
  int largest = 0;
  for (int i = 1; i < c; i++)
    if (fabs (u[i]) > fabs (u[largest]))
      largest = i;
  if (u[largest] < 0)
    for (int i = 0; i < c; i++)
      u[i] = -u[i];
}

static gboolean
channels_ok (const float *filter, int in, int k)
{
  if (in < 1 || in > 4 || k < 2 || k > 64)
    return FALSE;
  for (int i = 0; i < in * k * k; i++)
    if (!isfinite (filter[i]))
      return FALSE;
  return TRUE;
}

gboolean
cl_gabor_colour_axis (const float *filter, int in, int k, double *axis)
{
  if (!channels_ok (filter, in, k))
    return FALSE;
  dominant_axis (filter, in, k * k, axis);
  return TRUE;
}

gboolean
cl_gabor_fit_channels (const float *filter, int in, int k, ClGaborFit *fit)
{
  double u[4];
  int kk = k * k;

  if (!channels_ok (filter, in, k))
    return cl_gabor_fit (filter, 0, fit);   /* refused: fit zeroed, R² NaN */
  if (in == 1)
    return cl_gabor_fit (filter, k, fit);
  dominant_axis (filter, in, kk, u);
  g_autofree float *projected = g_new0 (float, kk);
  for (int c = 0; c < in; c++)
    for (int p = 0; p < kk; p++)
      projected[p] += (float) (u[c] * filter[c * kk + p]);
  return cl_gabor_fit (projected, k, fit);
}

double
cl_gabor_eval (const ClGaborFit *fit, double x, double y)
{
  double dx = x - fit->cx, dy = y - fit->cy;
  double u = dx * cos (fit->theta) + dy * sin (fit->theta);
  return fit->amplitude * exp (-(dx * dx + dy * dy) / (2 * fit->sigma * fit->sigma))
           * cos (2 * G_PI * fit->frequency * u + fit->phase)
         + fit->offset;
}

double
cl_gabor_noise_r2 (int k)
{
  /* Measured: 100 fits of N(0, 1) kernels per size (30 above 9×9). */
  static const double measured[] = { 0.881, 0.619, 0.446, 0.343, 0.275, 0.213, 0.178,
                                     0.150, 0.130, 0.107, 0.099, 0.086, 0.074 };
  if (k < 3)
    return 1.0;
  if (k <= 15)
    return measured[k - 3];
  return 16.7 / ((double) k * k);   /* the table's tail goes as 1/k² */
}

double
cl_gabor_like_threshold (int k)
{
  double noise = cl_gabor_noise_r2 (k);
  return noise + (1 - noise) / 2;
}

gboolean
cl_gabor_is_gabor_like (const ClGaborFit *fit, int k)
{
  return isfinite (fit->r2) && fit->r2 >= cl_gabor_like_threshold (k);
}

double
cl_gabor_stripe_degrees (const ClGaborFit *fit)
{
  /* The stripes run along (-sin θ, cos θ) in image coordinates; y down,
   * so the viewer's angle negates it. */
  double a = atan2 (-cos (fit->theta), -sin (fit->theta)) * 180 / G_PI;
  a = fmod (a, 180);
  return a < 0 ? a + 180 : a;
}

int
cl_gabor_orientation_histogram (const ClGaborFit *fits, int n, int k, guint *counts, int n_bins)
{
  double width = 180.0 / n_bins;
  int counted = 0;

  memset (counts, 0, n_bins * sizeof (guint));
  for (int i = 0; i < n; i++)
    if (cl_gabor_is_gabor_like (&fits[i], k))
      {
        int bin = (int) floor ((cl_gabor_stripe_degrees (&fits[i]) + width / 2) / width);
        counts[bin % n_bins]++;
        counted++;
      }
  return counted;
}
