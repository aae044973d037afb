/* The network picture: blocks where the layout says, the failing block in
 * red, the selection and the insertion marker in the accent colour, the
 * neuron view for small dense networks; hit-testing agrees with drawing. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "engine/net.h"
#include "engine/zoo.h"
#include "render/render-network.h"

#define W 1500
#define H 360

typedef struct {
  cairo_surface_t *surface;
  ClLayerInfo *info;
  int failed;
  GError *error;
} Picture;

static void
picture_draw (Picture *p, ClNetworkView *view, const ClNetSpec *spec, const char *png)
{
  int n = cl_net_spec_get_n_layers (spec);

  p->info = g_new0 (ClLayerInfo, MAX (n, 1));
  cl_net_spec_check (spec, p->info, &p->failed, &p->error);
  view->info = p->info;
  view->failed_layer = p->failed;
  view->error_message = p->error != NULL ? p->error->message : NULL;

  p->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (p->surface);
  if (view->dark)
    cairo_set_source_rgb (cr, 0.14, 0.14, 0.15);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cl_render_network (cr, view, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (p->surface);

  const char *dir = g_getenv ("CL_TEST_SCREENSHOT_DIR");
  if (dir != NULL && png != NULL)
    {
      g_mkdir_with_parents (dir, 0755);
      g_autofree char *path = g_build_filename (dir, png, NULL);
      cairo_surface_write_to_png (p->surface, path);
    }
}

static void
picture_clear (Picture *p)
{
  cairo_surface_destroy (p->surface);
  g_free (p->info);
  g_clear_error (&p->error);
}

/* Counts pixels in a rectangle close to a colour. */
static int
count_near (cairo_surface_t *s, double x0, double y0, double w, double h,
            double r, double g, double b)
{
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *data = cairo_image_surface_get_data (s);
  int count = 0;

  for (int y = MAX (0, (int) y0); y < MIN (H, (int) (y0 + h)); y++)
    for (int x = MAX (0, (int) x0); x < MIN (W, (int) (x0 + w)); x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        double pr = ((px >> 16) & 255) / 255.0, pg = ((px >> 8) & 255) / 255.0,
               pb = (px & 255) / 255.0;
        if (fabs (pr - r) < 0.12 && fabs (pg - g) < 0.12 && fabs (pb - b) < 0.12)
          count++;
      }
  return count;
}

static void
test_lenet5_blocks_and_hits (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  ClNetworkView view;
  Picture p = { 0 };
  double x, y, w, h;

  cl_network_view_init (&view, spec);
  view.input_label = "Fashion-MNIST";
  picture_draw (&p, &view, spec, "render-network-lenet5.png");
  g_assert_cmpint (p.failed, ==, -1);

  double nw, nh;
  cl_render_network_get_size (&view, &nw, &nh);
  g_assert_cmpfloat (nw, <=, W);
  g_assert_cmpfloat (nh, <=, H);

  /* Each layer's column answers a click in its middle, and a drop in its
   * left half goes before it. */
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    {
      g_assert_true (cl_render_network_layer_bounds (&view, W, H, i, &x, &y, &w, &h));
      g_assert_cmpint (cl_render_network_layer_at (&view, W, H, x + w / 2, y + h / 2), ==, i);
      g_assert_cmpint (cl_render_network_insertion_at (&view, W, H, x + w / 4, y + h / 2), ==, i);
      g_assert_cmpint (cl_render_network_insertion_at (&view, W, H, x + 3 * w / 4, y + h / 2), ==, i + 1);
    }
  g_assert_cmpint (cl_render_network_layer_at (&view, W, H, 2, 2), ==, -1);
  g_assert_false (cl_render_network_layer_bounds (&view, W, H, 13, &x, &y, &w, &h));

  /* The first convolution is drawn in its blue, no red anywhere. */
  cl_render_network_layer_bounds (&view, W, H, 0, &x, &y, &w, &h);
  g_assert_cmpint (count_near (p.surface, x, y, w, h, 0.21, 0.52, 0.89), >, 50);
  g_assert_cmpint (count_near (p.surface, 0, 0, W, H, 0.88, 0.11, 0.14), ==, 0);
  picture_clear (&p);
}

static void
test_invalid_layer_is_red (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  ClNetworkView view;
  Picture p = { 0 };
  double x, y, w, h;

  cl_net_spec_set_setting (spec, 3, "kernel", 30);
  cl_network_view_init (&view, spec);
  picture_draw (&p, &view, spec, "render-network-invalid.png");
  g_assert_cmpint (p.failed, ==, 3);
  g_assert_nonnull (p.error);

  cl_render_network_layer_bounds (&view, W, H, 3, &x, &y, &w, &h);
  g_assert_cmpint (count_near (p.surface, x, y, w, h, 0.88, 0.11, 0.14), >, 40);
  /* Its neighbours are not red. */
  cl_render_network_layer_bounds (&view, W, H, 0, &x, &y, &w, &h);
  g_assert_cmpint (count_near (p.surface, x, y, w, h * 0.8, 0.88, 0.11, 0.14), ==, 0);
  picture_clear (&p);
}

/* An unfinished network (no Softmax yet) is said in grey, not marked red. */
static void
test_hint_is_not_red (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerInfo *info = g_new0 (ClLayerInfo, n);
  g_autoptr(GError) error = NULL;
  ClNetworkView view;
  int failed;

  cl_net_spec_remove_layer (spec, n - 1);
  g_assert_false (cl_net_spec_check (spec, info, &failed, &error));
  cl_network_view_init (&view, spec);
  view.info = info;
  view.hint = error->message;

  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cl_render_network (cr, &view, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  const char *dir = g_getenv ("CL_TEST_SCREENSHOT_DIR");
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "render-network-hint.png", NULL);
      cairo_surface_write_to_png (surface, path);
    }
  g_assert_cmpint (count_near (surface, 0, 0, W, H, 0.88, 0.11, 0.14), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_selection_and_insertion_marker (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  ClNetworkView view;
  Picture plain = { 0 }, marked = { 0 };
  double x, y, w, h;

  cl_network_view_init (&view, spec);
  picture_draw (&plain, &view, spec, NULL);
  view.selected = 7;
  view.insertion = 2;
  picture_draw (&marked, &view, spec, "render-network-marked.png");

  cl_render_network_layer_bounds (&view, W, H, 7, &x, &y, &w, &h);
  int before = count_near (plain.surface, x, y, w, h, 0.21, 0.52, 0.89);
  int after = count_near (marked.surface, x, y, w, h, 0.21, 0.52, 0.89);
  g_assert_cmpint (after, >, before + 100);

  /* The marker: a vertical accent line at the start of column 2. */
  cl_render_network_layer_bounds (&view, W, H, 2, &x, &y, &w, &h);
  g_assert_cmpint (count_near (marked.surface, x - 2, y + 40, 4, 60, 0.21, 0.52, 0.89), >, 100);
  g_assert_cmpint (count_near (plain.surface, x - 2, y + 40, 4, 60, 0.21, 0.52, 0.89), <, 20);
  picture_clear (&plain);
  picture_clear (&marked);
}

static void
test_small_dense_as_neurons (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 4.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClNetworkView view;
  Picture p = { 0 };

  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  cl_network_view_init (&view, spec);
  view.trained = net;
  view.dark = TRUE;
  picture_draw (&p, &view, spec, "render-network-neurons-dark.png");
  g_assert_cmpint (p.failed, ==, -1);

  /* Links coloured by weight: some red and some blue pixels. */
  int red = 0, blue = 0;
  int stride = cairo_image_surface_get_stride (p.surface);
  const guint8 *data = cairo_image_surface_get_data (p.surface);
  for (int yy = 0; yy < H; yy++)
    for (int xx = 0; xx < W; xx++)
      {
        guint32 px = *(const guint32 *) (data + yy * stride + xx * 4);
        int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
        red += r > 150 && g < 110 && b < 110;
        blue += b > 150 && r < 110 && g < 150;
      }
  g_assert_cmpint (red, >, 30);
  g_assert_cmpint (blue, >, 30);
  picture_clear (&p);
}

static void
test_empty_and_counts (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
  ClNetworkView view;
  Picture p = { 0 };

  cl_network_view_init (&view, spec);
  picture_draw (&p, &view, spec, "render-network-empty.png");
  g_assert_cmpint (cl_render_network_insertion_at (&view, W, H, W - 1, H / 2), ==, 0);
  g_assert_cmpint (cl_render_network_layer_at (&view, W, H, W / 2, H / 2), ==, -1);
  picture_clear (&p);

  g_autofree char *a = cl_format_count (61706);
  g_autofree char *b = cl_format_count (999);
  g_autofree char *c = cl_format_count (1234567);
  g_assert_cmpstr (a, ==, "61\u202f706");
  g_assert_cmpstr (b, ==, "999");
  g_assert_cmpstr (c, ==, "1\u202f234\u202f567");
}

/* A snapshot holding only what the drawing reads for masks: layer shapes
 * and one sample's mask on Dropout layer `layer`. */
typedef struct {
  ClSnapshot snap;
  ClSnapshotLayer *layers;
} FakeSnapshot;

static void
fake_snapshot_init (FakeSnapshot *f, const ClNetSpec *spec, const ClLayerInfo *info, int layer,
                    const float *mask)
{
  int n = cl_net_spec_get_n_layers (spec);

  memset (f, 0, sizeof *f);
  f->layers = g_new0 (ClSnapshotLayer, n);
  for (int i = 0; i < n; i++)
    f->layers[i].shape = info[i].out;
  f->layers[layer].dropout_mask = mask;
  f->snap.spec = spec;
  f->snap.n_layers = n;
  f->snap.layers = f->layers;
  f->snap.n_masks = 1;
}

/* Dark (foreground) pixels in a box of side 2r around (x, y). */
static int
count_dark (cairo_surface_t *s, double x, double y, double r)
{
  return count_near (s, x - r, y - r, 2 * r, 2 * r, 0.14, 0.14, 0.16);
}

/* Neuron view: the neurons feeding the Dropout that its mask silenced are
 * crossed out where the layout puts them; the others, and a picture with
 * no snapshot, have no cross. */
static void
test_neuron_masks_crossed (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (3, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 6.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dropout", "rate", 0.5, NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  const float mask[6] = { 2, 0, 2, 0, 0, 2 };
  ClNetworkView view;
  Picture plain = { 0 }, masked = { 0 };
  FakeSnapshot fake;
  double x, y;

  cl_network_view_init (&view, spec);
  picture_draw (&plain, &view, spec, NULL);
  fake_snapshot_init (&fake, spec, plain.info, 2, mask);
  view.snapshot = &fake.snap;
  picture_draw (&masked, &view, spec, "render-network-neurons-dropout.png");

  for (int k = 0; k < 6; k++)
    {
      g_assert_true (cl_render_network_unit_center (&view, W, H, 1, k, &x, &y));
      g_assert_cmpint (count_dark (plain.surface, x, y, 9), ==, 0);
      if (mask[k] == 0)
        g_assert_cmpint (count_dark (masked.surface, x, y, 9), >, 20);
      else
        g_assert_cmpint (count_dark (masked.surface, x, y, 9), ==, 0);
    }

  /* A snapshot of another design (a unit fewer) crosses nothing. */
  fake.layers[2].shape.c = 5;
  Picture stale = { 0 };
  picture_draw (&stale, &view, spec, NULL);
  for (int k = 0; k < 6; k++)
    {
      g_assert_true (cl_render_network_unit_center (&view, W, H, 1, k, &x, &y));
      g_assert_cmpint (count_dark (stale.surface, x, y, 9), ==, 0);
    }
  g_free (fake.layers);
  picture_clear (&plain);
  picture_clear (&masked);
  picture_clear (&stale);
}

/* Block view: the Dropout badge gets a grid of its first units, dropped
 * ones dark, kept ones in the Dropout yellow; none without a snapshot. */
static void
test_block_mask_grid (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_cnn3 ();
  int drop = -1;
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (g_str_equal (cl_net_spec_get_layer_kind (spec, i)->name, "Dropout"))
      drop = i;
  g_assert_cmpint (drop, >=, 0);
  ClNetworkView view;
  Picture plain = { 0 }, masked = { 0 };
  FakeSnapshot fake;
  double x, y;

  cl_network_view_init (&view, spec);
  picture_draw (&plain, &view, spec, NULL);
  ClShape shape = plain.info[drop].out;
  int n = shape.c * shape.h * shape.w;
  g_autofree float *mask = g_new (float, n);
  for (int k = 0; k < n; k++)
    mask[k] = k % 3 == 0 ? 0 : 2;
  g_assert_false (cl_render_network_unit_center (&view, W, H, drop, 0, &x, &y));
  g_assert_false (cl_render_network_shows_snapshot (&view));

  fake_snapshot_init (&fake, spec, plain.info, drop, mask);
  view.snapshot = &fake.snap;
  picture_draw (&masked, &view, spec, "render-network-cnn3-dropout.png");
  g_assert_true (cl_render_network_shows_snapshot (&view));
  int dropped = 0, kept = 0;
  for (int k = 0; k < MIN (n, 64); k++)
    {
      g_assert_true (cl_render_network_unit_center (&view, W, H, drop, k, &x, &y));
      g_assert_cmpint (count_dark (plain.surface, x, y, 1.5), ==, 0);
      if (mask[k] == 0)
        dropped += count_dark (masked.surface, x, y, 1.5) >= 4;
      else
        kept += count_near (masked.surface, x - 1.5, y - 1.5, 3, 3, 0.80, 0.58, 0.0) >= 4;
    }
  g_assert_cmpint (dropped, ==, (MIN (n, 64) + 2) / 3);
  g_assert_cmpint (kept, ==, MIN (n, 64) - dropped);
  g_free (fake.layers);
  picture_clear (&plain);
  picture_clear (&masked);
}

/* Red-ish and blue-ish pixels: links coloured by the sign of a weight. */
static void
count_signed (cairo_surface_t *s, int *red, int *blue)
{
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *data = cairo_image_surface_get_data (s);

  *red = *blue = 0;
  for (int yy = 0; yy < H; yy++)
    for (int xx = 0; xx < W; xx++)
      {
        guint32 px = *(const guint32 *) (data + yy * stride + xx * 4);
        int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
        *red += r > 150 && g < 110 && b < 110;
        *blue += b > 150 && r < 110 && g < 150;
      }
}

/* While training, the neuron view's links take the snapshot's weights:
 * coloured by sign, where without a snapshot (or trained net) they are
 * grey.  The block view without masks shows nothing of a snapshot. */
static void
test_links_from_snapshot (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 4.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClNetworkView view;
  Picture plain = { 0 }, live = { 0 };
  FakeSnapshot fake;
  float params[22];
  int red, blue;

  /* Dense 4×2 + 4 biases, then Dense 2×4 + 2: alternating signs at 0.6
   * of the largest (mid-tone red and blue). */
  for (int i = 0; i < 22; i++)
    params[i] = i % 2 == 0 ? 0.6f : -0.6f;
  params[7] = params[19] = 1.0f;
  cl_network_view_init (&view, spec);
  picture_draw (&plain, &view, spec, NULL);
  count_signed (plain.surface, &red, &blue);
  g_assert_cmpint (red + blue, ==, 0);

  fake_snapshot_init (&fake, spec, plain.info, 0, NULL);
  fake.layers[0].param_offset = 0;
  fake.layers[0].n_layer_params = 12;
  fake.layers[2].param_offset = 12;
  fake.layers[2].n_layer_params = 10;
  fake.snap.params = params;
  fake.snap.n_params = 22;
  view.snapshot = &fake.snap;
  g_assert_true (cl_render_network_shows_snapshot (&view));
  picture_draw (&live, &view, spec, "render-network-neurons-live.png");
  count_signed (live.surface, &red, &blue);
  g_assert_cmpint (red, >, 30);
  g_assert_cmpint (blue, >, 30);
  g_free (fake.layers);
  picture_clear (&plain);
  picture_clear (&live);

  /* LeNet-5 drawn as blocks, no Dropout: nothing of a snapshot shows. */
  g_autoptr(ClNetSpec) lenet = cl_net_spec_new_lenet5 ();
  Picture blocks = { 0 };
  cl_network_view_init (&view, lenet);
  picture_draw (&blocks, &view, lenet, NULL);
  fake_snapshot_init (&fake, lenet, blocks.info, 0, NULL);
  view.snapshot = &fake.snap;
  g_assert_false (cl_render_network_shows_snapshot (&view));
  g_free (fake.layers);
  picture_clear (&blocks);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/network/lenet5", test_lenet5_blocks_and_hits);
  g_test_add_func ("/render/network/invalid", test_invalid_layer_is_red);
  g_test_add_func ("/render/network/marked", test_selection_and_insertion_marker);
  g_test_add_func ("/render/network/hint", test_hint_is_not_red);
  g_test_add_func ("/render/network/neurons", test_small_dense_as_neurons);
  g_test_add_func ("/render/network/empty", test_empty_and_counts);
  g_test_add_func ("/render/network/dropout-neurons", test_neuron_masks_crossed);
  g_test_add_func ("/render/network/dropout-grid", test_block_mask_grid);
  g_test_add_func ("/render/network/links-from-snapshot", test_links_from_snapshot);
  return g_test_run ();
}
