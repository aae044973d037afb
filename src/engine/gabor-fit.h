/* gabor-fit.h — how "Gabor-like" is a convolution kernel?
 *
 * Fits g(x, y) = A · exp(-r² / 2σ²) · cos(2π f u + φ) + c to a k×k kernel by
 * least squares, where r is the distance to the centre (cx, cy) and u the
 * coordinate along the wave direction θ.  The fit quality R² (1 - residual /
 * variance) is what turns "the first-layer filters become Gabor-like" into a
 * number a class can watch rise.  Plain math: no Cairo, no GTK.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double theta;      /* direction of the wave vector, radians in [0, π); the
                      * stripes (the edge the filter detects) run at θ + π/2 */
  double frequency;  /* cycles per pixel, in (0, 0.5] */
  double phase;      /* radians in (-π, π] */
  double sigma;      /* envelope standard deviation, pixels */
  double amplitude;  /* ≥ 0 */
  double offset;     /* constant c */
  double cx, cy;     /* centre, in cells from the top-left cell's centre */
  double r2;         /* 1 - SS_res / SS_tot; 0 for a constant kernel */
} ClGaborFit;

/* Row-major k×k kernel, 2 ≤ k ≤ 64.  FALSE (and fit zeroed, r2 NAN) when the
 * kernel holds NaN or Inf or k is out of range. */
gboolean cl_gabor_fit (const float *kernel, int k, ClGaborFit *fit);

/* The fit of a filter of `in` input channels ([in, k, k], 1 ≤ in ≤ 4): of
 * its projection on its dominant colour axis (cl_gabor_colour_axis).  A
 * grey edge (the same in every channel) is fitted as the channels' mean
 * would be; a red–green opponent edge, whose channel mean is flat, is
 * fitted as the edge it is. */
gboolean cl_gabor_fit_channels (const float *filter, int in, int k, ClGaborFit *fit);
/* The unit vector u (in values) that maximises the spatial variance of
 * Σ u_c filter_c, its largest entry positive; the grey axis (1, …, 1)/√in
 * for a flat filter.  FALSE (u untouched) for NaN, Inf or sizes out of
 * range. */
gboolean cl_gabor_colour_axis  (const float *filter, int in, int k, double *axis);

/* What R² pure Gaussian noise reaches on a k×k kernel (the mean of 100 fits,
 * measured): eight parameters fit a 5×5 kernel of noise to R² 0.45, an
 * 11×11 one to 0.13.  A filter's R² means something only well above it. */
double   cl_gabor_noise_r2 (int k);
/* R² at least halfway from the noise level to a perfect fit (5×5: 0.72,
 * 7×7: 0.64, 11×11: 0.57): what the pictures call Gabor-like. */
gboolean cl_gabor_is_gabor_like (const ClGaborFit *fit, int k);

/* The R² from which cl_gabor_is_gabor_like() says yes, for k×k kernels. */
double   cl_gabor_like_threshold (int k);

/* Direction of the stripes (the edge the filter detects), in degrees in
 * [0, 180), counter-clockwise from the horizontal as the viewer sees the
 * kernel (image y pointing down). */
double   cl_gabor_stripe_degrees (const ClGaborFit *fit);

/* Counts the stripe directions of the Gabor-like fits among `fits` (k×k
 * kernels) into `n_bins` bins over [0°, 180°), bin i centred on
 * i · 180° / n_bins (so horizontal and vertical stripes are bin centres);
 * returns how many fits were counted. */
int      cl_gabor_orientation_histogram (const ClGaborFit *fits, int n, int k, guint *counts,
                                         int n_bins);

/* The model's value at cell (x, y): what the fit drew. */
double   cl_gabor_eval (const ClGaborFit *fit, double x, double y);

G_END_DECLS
