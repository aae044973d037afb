/* cl-app-panel-filters.c — every Conv2D layer's kernels; a click shows one
 * filter large with its numbers, the Gabor overlay measures how edge-like
 * the first layer's filters became. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "render/render-filters.h"

#define REFIT_USEC (G_USEC_PER_SEC / 4)

typedef struct {
  ClRenderFiltersOptions options;
  ClAppSnapshotView *view;   /* unowned: the panel owns both */
  /* Gabor fits of the weights of snapshot `fitted_version`, fitted at
   * `fitted_at`: about a millisecond per filter on the main thread while
   * both cores train, so at most a few times a second, not at every one
   * of the 30 redraws (the overlay moves slowly anyway). */
  ClGaborFit *fits;
  int n_fits;
  guint64 fitted_version;
  gint64 fitted_at;
} Filters;

static void
filters_free (Filters *f)
{
  g_free (f->fits);
  g_free (f);
}

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Filters *f = data;
  ClRenderFiltersOptions options = f->options;

  options.style = *style;
  if (f->options.gabor)
    {
      gint64 now = g_get_monotonic_time ();
      if (f->fits == NULL
          || (f->fitted_version != snapshot->version && now - f->fitted_at > REFIT_USEC))
        {
          g_free (f->fits);
          f->fits = cl_render_filters_fit_gabor (snapshot, NULL, &f->n_fits);
          f->fitted_version = snapshot->version;
          f->fitted_at = now;
        }
      options.gabor_fits = f->fits;
      options.n_gabor_fits = f->fits != NULL ? f->n_fits : 0;
    }
  return cl_render_filters (cr, snapshot, &options, width, height);
}

static void
gabor_toggled (GtkToggleButton *button, Filters *f)
{
  f->options.gabor = gtk_toggle_button_get_active (button);
  g_clear_pointer (&f->fits, g_free);   /* fit the weights shown now */
  cl_app_snapshot_view_redraw (f->view);
}

/* A click on a tile shows that filter large; a click on the large one
 * goes back to the grid. */
static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y, Filters *f)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (f->view);
  GtkWidget *widget = GTK_WIDGET (f->view);

  if (s == NULL)
    return;
  if (f->options.filter >= 0)
    {
      f->options.filter = -1;
      f->options.layer = -1;
    }
  else
    {
      int layer = -1;
      int filter = cl_render_filters_hit (s, &f->options, gtk_widget_get_width (widget),
                                          gtk_widget_get_height (widget), x, y, &layer);
      if (filter >= 0)
        {
          f->options.filter = filter;
          f->options.layer = layer;
        }
    }
  cl_app_snapshot_view_redraw (f->view);
}

GtkWidget *
cl_app_panel_filters_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, "filters.png",
    _("The kernels of every convolution layer appear here when training starts: "
      "press Play and watch them turn from noise into edge detectors."));
  Filters *f = g_new0 (Filters, 1);
  GtkWidget *gabor = gtk_toggle_button_new_with_mnemonic (_("_Gabor Fit"));

  gtk_widget_set_name (gabor, "gabor");
  GtkWidget *hint = gtk_label_new (_("Click a filter to see it large with its numbers."));
  GtkGesture *click = gtk_gesture_click_new ();

  cl_render_filters_options_init (&f->options);
  f->view = cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel));
  cl_app_snapshot_view_set_render_func (f->view, render, f, (GDestroyNotify) filters_free);

  gtk_widget_set_tooltip_text (gabor, _("Fit a Gabor function to each first-layer filter: its "
                                        "orientation, frequency and fit quality (R²)"));
  g_signal_connect (gabor, "toggled", G_CALLBACK (gabor_toggled), f);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), gabor);
  gtk_widget_add_css_class (hint, "dim-label");
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), hint);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed), f);
  gtk_widget_add_controller (GTK_WIDGET (f->view), GTK_EVENT_CONTROLLER (click));
  return panel;
}
