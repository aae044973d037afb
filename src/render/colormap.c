#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <math.h>

#include "render/colormap.h"

/* Viridis at nine even stops (#440154 ... #fde725), linearly interpolated. */
static const ClColor viridis[] = {
  { 0.266667, 0.003922, 0.329412 },   /* #440154 */
  { 0.278431, 0.176471, 0.482353 },   /* #472d7b */
  { 0.231373, 0.321569, 0.545098 },   /* #3b528b */
  { 0.172549, 0.447059, 0.556863 },   /* #2c728e */
  { 0.129412, 0.568627, 0.549020 },   /* #21918c */
  { 0.156863, 0.682353, 0.501961 },   /* #28ae80 */
  { 0.368627, 0.788235, 0.384314 },   /* #5ec962 */
  { 0.678431, 0.862745, 0.188235 },   /* #addc30 */
  { 0.992157, 0.905882, 0.145098 },   /* #fde725 */
};

/* ColorBrewer RdBu, reversed so that negative is blue. */
static const ClColor rdbu[] = {
  { 0.019608, 0.188235, 0.380392 },
  { 0.129412, 0.400000, 0.674510 },
  { 0.262745, 0.576471, 0.764706 },
  { 0.572549, 0.772549, 0.870588 },
  { 0.968627, 0.968627, 0.968627 },
  { 0.956863, 0.647059, 0.509804 },
  { 0.839216, 0.376471, 0.301961 },
  { 0.698039, 0.094118, 0.168627 },
  { 0.403922, 0.000000, 0.121569 },
};

static const ClColor grey = { 0.5, 0.5, 0.5 };

static ClColor
interpolate (const ClColor *stops, int n_stops, double t)
{
  double x = CLAMP (t, 0.0, 1.0) * (n_stops - 1);
  int i = MIN ((int) x, n_stops - 2);
  double f = x - i;
  return (ClColor) {
    stops[i].r + f * (stops[i + 1].r - stops[i].r),
    stops[i].g + f * (stops[i + 1].g - stops[i].g),
    stops[i].b + f * (stops[i + 1].b - stops[i].b),
  };
}

ClColor
cl_colormap_sequential (double t)
{
  if (isnan (t))
    return grey;
  return interpolate (viridis, G_N_ELEMENTS (viridis), t);
}

ClColor
cl_colormap_diverging (double t)
{
  if (isnan (t))
    return grey;
  return interpolate (rdbu, G_N_ELEMENTS (rdbu), (t + 1.0) / 2.0);
}
