/* No text cut by a picture's edge: every panel's picture drawn in French
 * in presentation style on the screens classrooms have (1024×768 and
 * 1280×720, whole and less the tabs and controls), and in the everyday
 * style at the size a panel gets under the canvas, with the measure of
 * cl_render_measure_cuts: any text whose ink leaves the picture fails. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "engine/gallery.h"
#include "engine/snapshot-net.h"
#include "engine/timelapse.h"
#include "render-fixtures.h"
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

typedef enum {
  PIC_FILTERS, PIC_FILTERS_GABOR, PIC_FILTER_BIG, PIC_STRIP, PIC_ACTIVATIONS, PIC_ONE_MAP,
  PIC_DROPOUT, PIC_CURVES, PIC_CONFUSION, PIC_GALLERY, PIC_DECISION, PIC_CURVE_FIT, PIC_UNITS,
  PIC_LANDSCAPE, PIC_SURFACE, PIC_LINE, PIC_GRADIENTS, N_PICTURES
} Picture;

static const char *const names[] = {
  "filters", "filters-gabor", "filter-big", "strip", "activations", "one-map",
  "dropout", "curves", "confusion", "gallery", "decision", "curve-fit", "units",
  "landscape", "surface", "line", "gradients",
};

static ClLandscape *
bowl (void)
{
  const int n = 21;
  ClLandscape *l = g_new0 (ClLandscape, 1);
  l->resolution = n;
  l->range = 1;
  l->axes = CL_LANDSCAPE_RANDOM;
  l->rows_done = n;
  l->loss = g_new (float, n * n);
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      {
        double a = -1 + 2.0 * i / (n - 1), b = -1 + 2.0 * j / (n - 1);
        l->loss[j * n + i] = (float) (a * a + b * b + 0.01);
      }
  l->center_loss = 0.01;
  return l;
}

/* The Gabor lesson's shape: 16 filters 7×7 at three steps. */
static ClTimelapse *
timelapse (void)
{
  int out = 16, kk = 49;
  guint n = 3;
  guint64 *steps = g_new (guint64, n);
  float *w = g_new (float, n * out * kk);
  for (guint r = 0; r < n; r++)
    steps[r] = r * 150;
  for (gsize i = 0; i < (gsize) n * out * kk; i++)
    w[i] = (float) sin (i * 0.7) * 0.05f;
  return cl_timelapse_new (0, out, 1, 7, n, steps, w);
}

static void
draw (Picture picture, cairo_t *cr, const ClRenderStyle *style, int w, int h)
{
  ClSnapshot *lenet = fixture_lenet_snapshot ();
  ClDataset *fashion = fixture_fashion ();
  const char *const *classes = (const char *const *) fashion->class_names;
  gboolean drawn = FALSE;

  switch (picture)
    {
    case PIC_FILTERS:
    case PIC_FILTERS_GABOR:
    case PIC_FILTER_BIG:
      {
        ClRenderFiltersOptions o;
        cl_render_filters_options_init (&o);
        o.style = *style;
        o.gabor = o.fit_beside = o.orientations = picture != PIC_FILTERS;
        o.layer = picture == PIC_FILTERS ? -1 : 0;
        o.filter = picture == PIC_FILTER_BIG ? 2 : -1;
        drawn = cl_render_filters (cr, lenet, &o, w, h);
        break;
      }
    case PIC_STRIP:
      {
        ClTimelapse *t = timelapse ();
        ClRenderFiltersStripOptions o;
        cl_render_filters_strip_options_init (&o);
        o.style = *style;
        drawn = cl_render_filters_strip (cr, t, &o, w, h);
        cl_timelapse_free (t);
        break;
      }
    case PIC_ACTIVATIONS:
    case PIC_ONE_MAP:
      {
        ClRenderActivationsOptions o;
        cl_render_activations_options_init (&o);
        o.style = *style;
        o.class_names = classes;
        if (picture == PIC_ONE_MAP)
          o.layer = 3, o.map = 5;
        drawn = cl_render_activations (cr, lenet, &o, w, h);
        break;
      }
    case PIC_DROPOUT:
      {
        ClRenderDropoutOptions o;
        cl_render_dropout_options_init (&o);
        o.style = *style;
        drawn = cl_render_dropout (cr, lenet, &o, w, h);
        break;
      }
    case PIC_CURVES:
      {
        ClRenderCurvesOptions o;
        cl_render_curves_options_init (&o);
        o.style = *style;
        drawn = cl_render_curves (cr, lenet, &o, w, h);
        break;
      }
    case PIC_CONFUSION:
      {
        ClRenderConfusionOptions o;
        cl_render_confusion_options_init (&o);
        o.style = *style;
        o.class_names = classes;
        drawn = cl_render_confusion (cr, lenet, &o, w, h);
        break;
      }
    case PIC_GALLERY:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ClNet) net = cl_net_new_from_snapshot (lenet, 256, &error);
        g_assert_no_error (error);
        g_autoptr(ClGallery) g = cl_gallery_new (net, fashion, 24, &error);
        g_assert_no_error (error);
        ClRenderGalleryOptions o;
        cl_render_gallery_options_init (&o);
        o.style = *style;
        o.class_names = classes;
        drawn = cl_render_gallery (cr, g, &o, w, h);
        break;
      }
    case PIC_DECISION:
    case PIC_CURVE_FIT:
    case PIC_UNITS:
      {
        g_autoptr(ClDataset) data = NULL;
        g_autoptr(ClSnapshot) s = picture == PIC_CURVE_FIT ? fixture_cos_snapshot (&data)
                                                           : fixture_xor_snapshot (&data);
        if (picture == PIC_UNITS)
          {
            ClRenderUnitsOptions o;
            cl_render_units_options_init (&o);
            o.style = *style;
            o.data = data;
            drawn = cl_render_units (cr, s, &o, w, h);
          }
        else
          {
            ClRenderDecisionOptions o;
            cl_render_decision_options_init (&o);
            o.style = *style;
            o.data = data;
            drawn = cl_render_decision (cr, s, &o, w, h);
          }
        break;
      }
    case PIC_LANDSCAPE:
    case PIC_SURFACE:
      {
        g_autoptr(ClLandscape) l = bowl ();
        ClRenderLandscapeOptions o;
        cl_render_landscape_options_init (&o);
        o.style = *style;
        drawn = picture == PIC_LANDSCAPE ? cl_render_landscape_map (cr, l, &o, w, h)
                                         : cl_render_landscape_surface (cr, l, &o, w, h);
        break;
      }
    case PIC_LINE:
      {
        double alphas[21], train[21], test[21];
        for (int i = 0; i < 21; i++)
          {
            alphas[i] = -1 + i / 10.0;
            train[i] = 0.3 + alphas[i] * alphas[i];
            test[i] = 0.4 + alphas[i] * alphas[i];
          }
        drawn = cl_render_loss_line (cr, alphas, train, test, 21, _("distance along the line"),
                                     style, w, h);
        break;
      }
    case PIC_GRADIENTS:
      {
        ClRenderLayerStatsOptions o;
        cl_render_layer_stats_options_init (&o);
        o.style = *style;
        drawn = cl_render_layer_stats (cr, lenet, &o, w, h);
        break;
      }
    case N_PICTURES:
      g_assert_not_reached ();
    }
  g_assert_true (drawn);
}

/* Every picture at w × h in `style`: the cuts, one line each. */
static void
check_size (const ClRenderStyle *style, const char *style_name, int w, int h, GString *report)
{
  for (Picture p = 0; p < N_PICTURES; p++)
    {
      g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func (g_free);
      cairo_surface_t *surface = fixture_surface (w, h);
      cairo_t *cr = cairo_create (surface);
      cl_render_measure_cuts (cr, cuts);
      draw (p, cr, style, w, h);
      cairo_destroy (cr);
      if (cuts->len > 0)
        {
          g_autofree char *name = g_strdup_printf ("cut-%s-%s-%dx%d", names[p], style_name, w, h);
          fixture_save (surface, name);
        }
      cairo_surface_destroy (surface);
      for (guint i = 0; i < cuts->len; i++)
        g_string_append_printf (report, "%s, %s, %d×%d: %s\n", names[p], style_name, w, h,
                                (const char *) cuts->pdata[i]);
    }
}

static void
french (void)
{
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
test_presented_text_is_whole (void)
{
  static const int sizes[][2] = { { 1024, 768 }, { 1280, 720 }, { 1024, 668 }, { 1280, 620 } };
  ClRenderStyle present = { .scale = CL_RENDER_PRESENT_SCALE,
                            .min_text = CL_RENDER_PRESENT_MIN_TEXT };
  g_autoptr(GString) report = g_string_new (NULL);

  french ();
  g_assert_cmpstr (_("weight"), ==, "poids");   /* the catalogue is there */
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    check_size (&present, "present", sizes[i][0], sizes[i][1], report);
  if (report->len > 0)
    g_error ("text cut by a picture's edge:\n%s", report->str);
}

/* The same in the everyday style, at a panel's size under the canvas. */
static void
test_everyday_text_is_whole (void)
{
  static const int sizes[][2] = { { 1000, 300 }, { 760, 280 }, { 1240, 420 } };
  ClRenderStyle plain = { 0 };
  g_autoptr(GString) report = g_string_new (NULL);

  french ();
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    check_size (&plain, "everyday", sizes[i][0], sizes[i][1], report);
  if (report->len > 0)
    g_error ("text cut by a picture's edge:\n%s", report->str);
}

/* The measure sees a cut: a message wider than its tiny picture at the
 * presented floor of 18 px runs off both sides. */
static void
test_a_cut_is_seen (void)
{
  g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func (g_free);
  ClRenderStyle present = { .scale = CL_RENDER_PRESENT_SCALE,
                            .min_text = CL_RENDER_PRESENT_MIN_TEXT };
  ClRenderDropoutOptions o;
  cl_render_dropout_options_init (&o);
  o.style = present;
  cairo_surface_t *surface = fixture_surface (400, 200);
  cairo_t *cr = cairo_create (surface);

  cl_render_measure_cuts (cr, cuts);
  /* No snapshot: "This network has no Dropout layer." */
  g_assert_false (cl_render_dropout (cr, NULL, &o, 120, 80));   /* at the corner */
  g_assert_cmpuint (cuts->len, ==, 1);
  g_test_message ("%s", (const char *) cuts->pdata[0]);
  /* Inside its picture, the same text at a larger size is whole; and a
   * picture drawn at an offset is checked at its own place. */
  g_ptr_array_set_size (cuts, 0);
  cairo_translate (cr, 60, 50);
  o.style = (ClRenderStyle) { 0 };
  g_assert_false (cl_render_dropout (cr, NULL, &o, 300, 100));
  cl_render_measure_cuts (cr, NULL);
  g_assert_false (cl_render_dropout (cr, NULL, &o, 20, 20));
  g_assert_cmpuint (cuts->len, ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/text-cuts/a-cut-is-seen", test_a_cut_is_seen);
  g_test_add_func ("/render/text-cuts/presented", test_presented_text_is_whole);
  g_test_add_func ("/render/text-cuts/everyday", test_everyday_text_is_whole);
  return g_test_run ();
}
