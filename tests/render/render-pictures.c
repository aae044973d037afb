#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/gallery.h"
#include "engine/snapshot-net.h"
#include "engine/timelapse.h"
#include "render-fixtures.h"
#include "render-pictures.h"
#include "render/render-activations.h"
#include "render/render-confusion.h"
#include "render/render-curves.h"
#include "render/render-decision.h"
#include "render/render-dropout.h"
#include "render/render-filters.h"
#include "render/render-filters-strip.h"
#include "render/render-gallery.h"
#include "render/render-landscape.h"
#include "render/render-layer-stats.h"
#include "render/render-units.h"

static const char *const *
fashion_classes (void)
{
  return (const char *const *) fixture_fashion ()->class_names;
}

/* The Filters panel: all layers; the first with its Gabor fits; one filter
 * large (filter < 0: the grid). */
static gboolean
filters (cairo_t *cr, const ClRenderStyle *style, int w, int h, gboolean gabor, int filter)
{
  ClRenderFiltersOptions o;
  cl_render_filters_options_init (&o);
  o.style = *style;
  o.gabor = o.fit_beside = o.orientations = gabor;
  o.layer = gabor ? 0 : -1;
  o.filter = filter;
  return cl_render_filters (cr, fixture_lenet_snapshot (), &o, w, h);
}

static gboolean
draw_filters (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return filters (cr, style, w, h, FALSE, -1);
}

static gboolean
draw_filters_gabor (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return filters (cr, style, w, h, TRUE, -1);
}

static gboolean
draw_filter_big (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return filters (cr, style, w, h, TRUE, 2);
}

/* The time-lapse strip in the Gabor lesson's shape: 16 filters 7×7 at
 * three steps. */
static gboolean
draw_strip (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  int out = 16, kk = 49;
  guint n = 3;
  guint64 *steps = g_new (guint64, n);
  float *weights = g_new (float, n * out * kk);
  for (guint r = 0; r < n; r++)
    steps[r] = r * 150;
  for (gsize i = 0; i < (gsize) n * out * kk; i++)
    weights[i] = (float) sin (i * 0.7) * 0.05f;
  g_autoptr(ClTimelapse) t = cl_timelapse_new (0, out, 1, 7, n, steps, weights);
  ClRenderFiltersStripOptions o;
  cl_render_filters_strip_options_init (&o);
  o.style = *style;
  return cl_render_filters_strip (cr, t, &o, w, h);
}

/* The Activations panel: every layer's maps, or one map large (layer < 0). */
static gboolean
activations (cairo_t *cr, const ClRenderStyle *style, int w, int h, int layer, int map)
{
  ClRenderActivationsOptions o;
  cl_render_activations_options_init (&o);
  o.style = *style;
  o.class_names = fashion_classes ();
  if (layer >= 0)
    o.layer = layer, o.map = map;
  return cl_render_activations (cr, fixture_lenet_snapshot (), &o, w, h);
}

static gboolean
draw_activations (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return activations (cr, style, w, h, -1, -1);
}

static gboolean
draw_one_map (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return activations (cr, style, w, h, 3, 5);
}

static gboolean
draw_dropout (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  ClRenderDropoutOptions o;
  cl_render_dropout_options_init (&o);
  o.style = *style;
  return cl_render_dropout (cr, fixture_lenet_snapshot (), &o, w, h);
}

static gboolean
draw_curves (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  ClRenderCurvesOptions o;
  cl_render_curves_options_init (&o);
  o.style = *style;
  return cl_render_curves (cr, fixture_lenet_snapshot (), &o, w, h);
}

static gboolean
draw_confusion (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  ClRenderConfusionOptions o;
  cl_render_confusion_options_init (&o);
  o.style = *style;
  o.class_names = fashion_classes ();
  return cl_render_confusion (cr, fixture_lenet_snapshot (), &o, w, h);
}

static gboolean
draw_gallery (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new_from_snapshot (fixture_lenet_snapshot (), 256, &error);
  g_assert_no_error (error);
  g_autoptr(ClGallery) g = cl_gallery_new (net, fixture_fashion (), 24, &error);
  g_assert_no_error (error);
  ClRenderGalleryOptions o;
  cl_render_gallery_options_init (&o);
  o.style = *style;
  o.class_names = fashion_classes ();
  return cl_render_gallery (cr, g, &o, w, h);
}

/* Decision regions on XOR; on cos(x) the same picture is the fitted curve. */
static gboolean
decision (cairo_t *cr, const ClRenderStyle *style, int w, int h, gboolean cos)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = cos ? fixture_cos_snapshot (&data) : fixture_xor_snapshot (&data);
  ClRenderDecisionOptions o;
  cl_render_decision_options_init (&o);
  o.style = *style;
  o.data = data;
  return cl_render_decision (cr, s, &o, w, h);
}

static gboolean
draw_decision (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return decision (cr, style, w, h, FALSE);
}

static gboolean
draw_curve_fit (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return decision (cr, style, w, h, TRUE);
}

static gboolean
draw_units (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_xor_snapshot (&data);
  ClRenderUnitsOptions o;
  cl_render_units_options_init (&o);
  o.style = *style;
  o.data = data;
  return cl_render_units (cr, s, &o, w, h);
}

/* The Loss landscape panel on a bowl: its map, or its surface. */
static gboolean
landscape (cairo_t *cr, const ClRenderStyle *style, int w, int h, gboolean surface)
{
  g_autoptr(ClLandscape) l = fixture_bowl (21, 21);
  ClRenderLandscapeOptions o;
  cl_render_landscape_options_init (&o);
  o.style = *style;
  return surface ? cl_render_landscape_surface (cr, l, &o, w, h)
                 : cl_render_landscape_map (cr, l, &o, w, h);
}

static gboolean
draw_landscape (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return landscape (cr, style, w, h, FALSE);
}

static gboolean
draw_surface (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  return landscape (cr, style, w, h, TRUE);
}

/* The 1D loss line: two parabolas, train below test. */
static gboolean
draw_line (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  double alphas[21], train[21], test[21];
  for (int i = 0; i < 21; i++)
    {
      alphas[i] = -1 + i / 10.0;
      train[i] = 0.3 + alphas[i] * alphas[i];
      test[i] = 0.4 + alphas[i] * alphas[i];
    }
  return cl_render_loss_line (cr, alphas, train, test, 21, _("distance along the line"), style,
                              w, h);
}

/* A new panel picture: one row here. */
/* The Gradients panel: LeNet-5's layers after an epoch. */
static gboolean
draw_gradients (cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  ClRenderLayerStatsOptions o;
  cl_render_layer_stats_options_init (&o);
  o.style = *style;
  return cl_render_layer_stats (cr, fixture_lenet_snapshot (), &o, w, h);
}

const FixturePicture fixture_pictures[] = {
  { "filters", draw_filters },
  { "filters-gabor", draw_filters_gabor },
  { "filter-big", draw_filter_big },
  { "strip", draw_strip },
  { "activations", draw_activations },
  { "one-map", draw_one_map },
  { "dropout", draw_dropout },
  { "curves", draw_curves },
  { "confusion", draw_confusion },
  { "gallery", draw_gallery },
  { "decision", draw_decision },
  { "curve-fit", draw_curve_fit },
  { "units", draw_units },
  { "landscape", draw_landscape },
  { "surface", draw_surface },
  { "line", draw_line },
  { "race", fixture_draw_race },
  { "gradients", draw_gradients },
};

const gsize fixture_n_pictures = G_N_ELEMENTS (fixture_pictures);

const FixturePicture *
fixture_picture (const char *name)
{
  for (gsize i = 0; i < fixture_n_pictures; i++)
    if (g_str_equal (fixture_pictures[i].name, name))
      return &fixture_pictures[i];
  g_error ("no picture named %s in fixture_pictures", name);
}
