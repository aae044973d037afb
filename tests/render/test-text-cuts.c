/* No text cut by a picture's edge: every panel's picture drawn in French
 * in presentation style on the screens classrooms have (1024×768 and
 * 1280×720, whole and less the tabs and controls), and in the everyday
 * style at the size a panel gets under the canvas, with the measure of
 * cl_render_measure_cuts: any text whose ink leaves the picture fails. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "render-fixtures.h"
#include "render-pictures.h"
#include "render/render-dropout.h"
#include "tests/use-language.h"

/* Every picture at w × h in `style`: the cuts, one line each. */
static void
check_size (const ClRenderStyle *style, const char *style_name, int w, int h, GString *report)
{
  for (gsize p = 0; p < fixture_n_pictures; p++)
    {
      const char *name = fixture_pictures[p].name;
      g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func (g_free);
      cairo_surface_t *surface = fixture_surface (w, h);
      cairo_t *cr = cairo_create (surface);
      cl_render_measure_cuts (cr, cuts);
      gboolean drawn = fixture_pictures[p].draw (cr, style, w, h);
      cairo_destroy (cr);
      g_assert_true (drawn);
      if (cuts->len > 0)
        {
          g_autofree char *file = g_strdup_printf ("cut-%s-%s-%dx%d", name, style_name, w, h);
          fixture_save (surface, file);
        }
      cairo_surface_destroy (surface);
      for (guint i = 0; i < cuts->len; i++)
        g_string_append_printf (report, "%s, %s, %d×%d: %s\n", name, style_name, w, h,
                                (const char *) cuts->pdata[i]);
    }
}

static void
test_presented_text_is_whole (void)
{
  static const int sizes[][2] = { { 1024, 768 }, { 1280, 720 }, { 1024, 668 }, { 1280, 620 } };
  ClRenderStyle present = { .scale = CL_RENDER_PRESENT_SCALE,
                            .min_text = CL_RENDER_PRESENT_MIN_TEXT };
  g_autoptr(GString) report = g_string_new (NULL);

  cl_test_use_language ("fr");
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

  cl_test_use_language ("fr");
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
