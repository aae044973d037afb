/* cl-app-panel-landscape.c — the loss around the current weights: a heat
 * map with contours and the training path, a 3D surface that turns with a
 * drag, and the 1D lines (from the start, along a random direction).  The
 * 2D grid is computed in the trainer's worker with progress and Cancel;
 * the lines in a thread of their own. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cl-app-landscape-line.h"
#include "cl-app-panels.h"
#include "render/render-landscape.h"

typedef enum {
  VIEW_MAP,
  VIEW_SURFACE,
  VIEW_LINE_FROM_START,
  VIEW_LINE_RANDOM,
} View;

static const char * const export_names[] = {
  "landscape-map.png", "landscape-surface.png", "landscape-line.png", "landscape-random-line.png",
};

typedef struct {
  ClAppPicturePanel *panel;
  ClAppSnapshotView *view;
  ClAppTraining *training;
  View mode;
  ClRenderLandscapeOptions options;
  double drag_azimuth, drag_elevation;

  GtkWidget *compute, *cancel, *progress, *grid_spin, *axes, *live;

  ClAppLine *lines[2];          /* from start, random */
  GCancellable *line_cancellable;
  char *line_error;
} Landscape;

static void
landscape_free (Landscape *l)
{
  if (l->line_cancellable != NULL)
    g_cancellable_cancel (l->line_cancellable);
  g_clear_object (&l->line_cancellable);
  cl_app_line_free (l->lines[0]);
  cl_app_line_free (l->lines[1]);
  g_free (l->line_error);
  g_free (l);
}

/* A sentence in the middle of the picture, as the render functions write
 * their own messages. */
static void
draw_hint (cairo_t *cr, const ClRenderStyle *style, int width, int height, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int w, h;

  if (!style->transparent)
    {
      cairo_set_source_rgb (cr, style->dark ? 0.1 : 1, style->dark ? 0.1 : 1, style->dark ? 0.1 : 1);
      cairo_paint (cr);
    }
  pango_font_description_set_absolute_size (font, CLAMP (height / 24.0, 11, 40) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, MAX (1, width - 40) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, style->dark ? 1 : 0, style->dark ? 1 : 0, style->dark ? 1 : 0, 0.6);
  cairo_move_to (cr, 20, (height - h) / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Landscape *l = data;
  ClRenderLandscapeOptions options = l->options;

  options.style = *style;
  switch (l->mode)
    {
    case VIEW_MAP:
      return cl_render_landscape_map (cr, snapshot->landscape, &options, width, height);
    case VIEW_SURFACE:
      return cl_render_landscape_surface (cr, snapshot->landscape, &options, width, height);
    case VIEW_LINE_FROM_START:
    case VIEW_LINE_RANDOM:
    default:
      {
        ClAppLine *line = l->lines[l->mode - VIEW_LINE_FROM_START];
        if (line == NULL)
          {
            draw_hint (cr, style, width, height,
                       l->line_error != NULL ? l->line_error
                       : l->line_cancellable != NULL ? _("Measuring the loss along the line…")
                       : _("Press Compute to measure the loss along this line."));
            return TRUE;
          }
        return cl_render_loss_line (cr, line->alphas, line->train, line->test, line->n,
                                    line->kind == CL_APP_LINE_FROM_START
                                      ? _("α: 0 at the initial weights, 1 at the current ones")
                                      : _("α: distance along a random direction"),
                                    style, width, height);
      }
    }
}

/* ---- controls ---------------------------------------------------------------- */

static gboolean
is_line (Landscape *l)
{
  return l->mode == VIEW_LINE_FROM_START || l->mode == VIEW_LINE_RANDOM;
}

static void
sync_controls (Landscape *l)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (l->training);
  gboolean grid_running = s != NULL && s->landscape_running;
  gboolean running = is_line (l) ? l->line_cancellable != NULL : grid_running;

  gtk_widget_set_visible (l->compute, !running);
  gtk_widget_set_visible (l->cancel, running);
  gtk_widget_set_sensitive (l->compute, cl_app_training_get_can_train (l->training)
                                          || s != NULL);
  gtk_widget_set_visible (l->grid_spin, !is_line (l));
  gtk_widget_set_visible (l->axes, !is_line (l));

  GtkProgressBar *bar = GTK_PROGRESS_BAR (l->progress);
  if (!is_line (l) && s != NULL && s->landscape != NULL && grid_running)
    {
      const ClLandscape *land = s->landscape;
      g_autofree char *text = g_strdup_printf (_("Row %d of %d"), land->rows_done, land->resolution);
      gtk_progress_bar_set_fraction (bar, (double) land->rows_done / MAX (1, land->resolution));
      gtk_progress_bar_set_text (bar, text);
      gtk_widget_set_visible (l->progress, TRUE);
    }
  else if (!is_line (l) && s != NULL && s->landscape_error != NULL)
    {
      gtk_progress_bar_set_fraction (bar, 0);
      gtk_progress_bar_set_text (bar, s->landscape_error);
      gtk_widget_set_visible (l->progress, TRUE);
    }
  else if (is_line (l) && l->line_cancellable != NULL)
    {
      gtk_progress_bar_pulse (bar);
      gtk_progress_bar_set_text (bar, _("Measuring…"));
      gtk_widget_set_visible (l->progress, TRUE);
    }
  else
    gtk_widget_set_visible (l->progress, FALSE);
}

static void
line_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GtkWidget *panel = data;   /* a reference held while the line runs */
  Landscape *l = g_object_get_data (G_OBJECT (panel), "cl-landscape");
  g_autoptr(GError) error = NULL;
  ClAppLine *line = cl_app_landscape_line_finish (result, &error);

  if (l != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&l->line_cancellable);
      g_clear_pointer (&l->line_error, g_free);
      if (line != NULL)
        {
          cl_app_line_free (l->lines[line->kind]);
          l->lines[line->kind] = g_steal_pointer (&line);
        }
      else
        l->line_error = g_strdup (error->message);
      sync_controls (l);
      cl_app_snapshot_view_redraw (l->view);
    }
  cl_app_line_free (line);
  g_object_unref (panel);
}

static void
compute_clicked (Landscape *l)
{
  g_autoptr(GError) error = NULL;

  if (is_line (l))
    {
      const ClSnapshot *s = cl_app_training_get_snapshot (l->training);
      ClDataset *data = cl_app_training_get_data (l->training);
      if (s == NULL || data == NULL)
        {
          g_free (l->line_error);
          l->line_error = g_strdup (_("Train a few steps first: press Step or Play."));
          cl_app_snapshot_view_redraw (l->view);
          return;
        }
      ClAppLineKind kind = l->mode == VIEW_LINE_FROM_START ? CL_APP_LINE_FROM_START
                                                           : CL_APP_LINE_RANDOM;
      g_clear_pointer (&l->lines[kind], cl_app_line_free);
      g_clear_pointer (&l->line_error, g_free);
      l->line_cancellable = g_cancellable_new ();
      cl_app_landscape_line_async (s, data, kind, l->line_cancellable, line_done,
                                   g_object_ref (l->panel));
    }
  else
    {
      ClLandscapeOptions options;
      cl_landscape_options_init (&options);
      options.resolution = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (l->grid_spin));
      options.axes = gtk_drop_down_get_selected (GTK_DROP_DOWN (l->axes)) == 1
                       ? CL_LANDSCAPE_PCA : CL_LANDSCAPE_RANDOM;
      if (options.axes == CL_LANDSCAPE_PCA)
        options.range = 0;   /* fit the path */
      cl_app_training_compute_landscape (l->training, &options, &error);
      if (error != NULL)
        {
          gtk_progress_bar_set_text (GTK_PROGRESS_BAR (l->progress), error->message);
          gtk_widget_set_visible (l->progress, TRUE);
          return;
        }
    }
  sync_controls (l);
  cl_app_snapshot_view_redraw (l->view);
}

static void
cancel_clicked (Landscape *l)
{
  if (is_line (l) && l->line_cancellable != NULL)
    {
      g_cancellable_cancel (l->line_cancellable);
      g_clear_object (&l->line_cancellable);
    }
  else
    cl_app_training_cancel_landscape (l->training);
  sync_controls (l);
  cl_app_snapshot_view_redraw (l->view);
}

static void
view_chosen (GtkDropDown *dropdown, GParamSpec *pspec, Landscape *l)
{
  l->mode = gtk_drop_down_get_selected (dropdown);
  cl_app_picture_panel_set_export_name (l->panel, export_names[l->mode]);
  sync_controls (l);
  cl_app_snapshot_view_redraw (l->view);
}

static void
live_toggled (GtkCheckButton *button, Landscape *l)
{
  cl_app_training_set_live_landscape (l->training, gtk_check_button_get_active (button) ? 1 : 0);
}

static void
snapshot_changed (GtkWidget *panel)
{
  sync_controls (g_object_get_data (G_OBJECT (panel), "cl-landscape"));
}

/* A drag turns the surface: sideways around the vertical axis, up and
 * down towards the viewer. */
static void
drag_begin (GtkGestureDrag *gesture, double x, double y, Landscape *l)
{
  l->drag_azimuth = l->options.azimuth;
  l->drag_elevation = l->options.elevation;
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, Landscape *l)
{
  if (l->mode != VIEW_SURFACE)
    return;
  l->options.azimuth = l->drag_azimuth + dx * 0.01;
  l->options.elevation = CLAMP (l->drag_elevation + dy * 0.01, 0.1, G_PI / 2);
  cl_app_snapshot_view_redraw (l->view);
}

GtkWidget *
cl_app_panel_landscape_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (training, export_names[VIEW_MAP],
    _("The loss around the current weights appears here, with the path gradient descent took: "
      "train a little, then press Compute."));
  Landscape *l = g_new0 (Landscape, 1);
  const char *views[] = { _("Map"), _("Surface"), _("Line from the Start"),
                          _("Random Direction"), NULL };
  const char *axes[] = { _("Random Directions"), _("Path (PCA)"), NULL };
  GtkWidget *view = gtk_drop_down_new_from_strings (views);
  GtkGesture *drag = gtk_gesture_drag_new ();

  l->panel = CL_APP_PICTURE_PANEL (panel);
  l->view = cl_app_picture_panel_get_view (l->panel);
  l->training = training;
  cl_render_landscape_options_init (&l->options);
  g_object_set_data_full (G_OBJECT (panel), "cl-landscape", l, (GDestroyNotify) landscape_free);
  cl_app_snapshot_view_set_render_func (l->view, render, l, NULL);

  gtk_widget_set_tooltip_text (view, _("Heat map, 3D surface (drag to turn it) or a 1D line"));
  g_signal_connect (view, "notify::selected", G_CALLBACK (view_chosen), l);
  cl_app_picture_panel_add_control (l->panel, view);

  l->grid_spin = gtk_spin_button_new_with_range (5, CL_LANDSCAPE_MAX_RESOLUTION, 2);
  gtk_widget_set_name (l->grid_spin, "grid");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (l->grid_spin), 31);
  gtk_widget_set_tooltip_text (l->grid_spin, _("Grid points per side: more is finer and slower"));
  cl_app_picture_panel_add_control (l->panel, l->grid_spin);

  l->axes = gtk_drop_down_new_from_strings (axes);
  gtk_widget_set_tooltip_text (l->axes, _("The plane: two random filter-normalised directions, or "
                                          "the two main directions of the training path"));
  cl_app_picture_panel_add_control (l->panel, l->axes);

  l->compute = gtk_button_new_with_mnemonic (_("_Compute"));
  gtk_widget_set_name (l->compute, "compute");
  gtk_widget_add_css_class (l->compute, "suggested-action");
  gtk_widget_set_tooltip_text (l->compute, _("Measure the loss around the current weights "
                                             "(training waits meanwhile)"));
  g_signal_connect_swapped (l->compute, "clicked", G_CALLBACK (compute_clicked), l);
  cl_app_picture_panel_add_control (l->panel, l->compute);

  l->cancel = gtk_button_new_with_mnemonic (_("C_ancel"));
  g_signal_connect_swapped (l->cancel, "clicked", G_CALLBACK (cancel_clicked), l);
  cl_app_picture_panel_add_control (l->panel, l->cancel);

  l->progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (l->progress), TRUE);
  gtk_progress_bar_set_ellipsize (GTK_PROGRESS_BAR (l->progress), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (l->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (l->progress, TRUE);
  cl_app_picture_panel_add_control (l->panel, l->progress);

  l->live = gtk_check_button_new_with_mnemonic (_("_Live"));
  gtk_widget_set_tooltip_text (l->live, _("Recompute a coarse 15×15 landscape after every epoch "
                                          "while training"));
  g_signal_connect (l->live, "toggled", G_CALLBACK (live_toggled), l);
  cl_app_picture_panel_add_control (l->panel, l->live);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), l);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), l);
  gtk_widget_add_controller (GTK_WIDGET (l->view), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_object (training, "snapshot-changed", G_CALLBACK (snapshot_changed), panel,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (training, "notify::can-train", G_CALLBACK (snapshot_changed), panel,
                           G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (panel), "cl-view-dropdown", view);
  sync_controls (l);
  return panel;
}
