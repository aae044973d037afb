#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <math.h>

#include "render/contour.h"

/* Where the level crosses the edge from value a to value b, as a fraction. */
static double
crossing (double a, double b, double level)
{
  return a == b ? 0.5 : (level - a) / (b - a);
}

void
cl_contour_segments (const float *grid, int cols, int rows, double level,
                     ClContourSegmentFunc emit, gpointer data)
{
  for (int j = 0; j + 1 < rows; j++)
    for (int i = 0; i + 1 < cols; i++)
      {
        /* Corners counter-clockwise from top-left: (i,j) (i+1,j) (i+1,j+1) (i,j+1). */
        double v[4] = { grid[j * cols + i], grid[j * cols + i + 1],
                        grid[(j + 1) * cols + i + 1], grid[(j + 1) * cols + i] };
        if (!isfinite (v[0]) || !isfinite (v[1]) || !isfinite (v[2]) || !isfinite (v[3]))
          continue;
        int index = (v[0] > level) | (v[1] > level) << 1 | (v[2] > level) << 2 | (v[3] > level) << 3;
        if (index == 0 || index == 15)
          continue;
        /* The crossing point on each edge: top, right, bottom, left. */
        double ex[4] = { i + crossing (v[0], v[1], level), i + 1,
                         i + crossing (v[3], v[2], level), i };
        double ey[4] = { j, j + crossing (v[1], v[2], level), j + 1,
                         j + crossing (v[0], v[3], level) };
        /* Edges crossed, per case: pairs of edge numbers. */
        static const int pairs[16][4] = {
          { -1 }, { 3, 0, -1 }, { 0, 1, -1 }, { 3, 1, -1 },
          { 1, 2, -1 }, { 3, 0, 1, 2 }, { 0, 2, -1 }, { 3, 2, -1 },
          { 2, 3, -1 }, { 0, 2, -1 }, { 0, 1, 2, 3 }, { 1, 2, -1 },
          { 1, 3, -1 }, { 0, 1, -1 }, { 0, 3, -1 }, { -1 },
        };
        const int *p = pairs[index];
        double centre = (v[0] + v[1] + v[2] + v[3]) / 4;
        if ((index == 5 || index == 10) && centre > level)
          {
            /* A saddle whose centre is above: the two high corners join,
             * so the lines cut off the two low corners instead. */
            static const int flipped[2][4] = { { 3, 2, 1, 0 }, { 0, 3, 2, 1 } };
            p = flipped[index == 10];
          }
        emit (ex[p[0]], ey[p[0]], ex[p[1]], ey[p[1]], data);
        if (p[2] >= 0)
          emit (ex[p[2]], ey[p[2]], ex[p[3]], ey[p[3]], data);
      }
}
