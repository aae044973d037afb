/* cl-app-race-chart.c — the race's chart widget (see the header). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>

#include "cl-app-race-chart.h"
#include "render/render-race.h"

struct _ClAppRaceChart
{
  GtkWidget parent_instance;

  ClAppRace *race;            /* strong, or NULL */
  char *labels[CL_RACE_MAX];
  char *title;
  double scale, min_text;
  guint n_draws;
};

G_DEFINE_FINAL_TYPE (ClAppRaceChart, cl_app_race_chart, GTK_TYPE_WIDGET)

void
cl_app_race_chart_get_style (ClAppRaceChart *self, ClRenderStyle *style)
{
  g_return_if_fail (CL_APP_IS_RACE_CHART (self));
  memset (style, 0, sizeof *style);
  style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style->scale = self->scale;
  style->min_text = self->min_text;
}

gboolean
cl_app_race_chart_render (ClAppRaceChart *self, cairo_t *cr, const ClRenderStyle *style,
                          int width, int height)
{
  g_return_val_if_fail (CL_APP_IS_RACE_CHART (self), FALSE);

  ClSnapshot *snapshots[CL_RACE_MAX] = { NULL };
  int n = self->race != NULL ? cl_app_race_get_n_runs (self->race) : 0;
  ClRenderRaceOptions options;

  for (int i = 0; i < n; i++)
    snapshots[i] = cl_app_race_get_snapshot (self->race, i);
  cl_render_race_options_init (&options);
  options.style = *style;
  options.title = self->title;
  return cl_render_race (cr, snapshots, (const char *const *) self->labels, n, &options, width,
                         height);
}

static void
cl_app_race_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ClAppRaceChart *self = CL_APP_RACE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ClRenderStyle style;

  if (width <= 0 || height <= 0)
    return;
  cl_app_race_chart_get_style (self, &style);
  /* The window's own background shows around it: a chart without runs
   * says so itself. */
  style.transparent = TRUE;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cl_app_race_chart_render (self, cr, &style, width, height);
  cairo_destroy (cr);
  self->n_draws++;
}

static void
redraw (ClAppRaceChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear (ClAppRaceChart *self)
{
  if (self->race != NULL)
    g_signal_handlers_disconnect_by_data (self->race, self);
  g_clear_object (&self->race);
  for (int i = 0; i < CL_RACE_MAX; i++)
    g_clear_pointer (&self->labels[i], g_free);
  g_clear_pointer (&self->title, g_free);
}

void
cl_app_race_chart_set_race (ClAppRaceChart *self, ClAppRace *race, const char *const *labels,
                            const char *title)
{
  g_return_if_fail (CL_APP_IS_RACE_CHART (self));

  clear (self);
  if (race != NULL)
    {
      self->race = g_object_ref (race);
      for (int i = 0; i < cl_app_race_get_n_runs (race); i++)
        self->labels[i] = g_strdup (labels[i]);
      self->title = g_strdup (title);
      g_signal_connect_swapped (race, "snapshots-changed", G_CALLBACK (redraw), self);
    }
  redraw (self);
}

void
cl_app_race_chart_set_scale (ClAppRaceChart *self, double scale, double min_text)
{
  g_return_if_fail (CL_APP_IS_RACE_CHART (self));
  self->scale = scale;
  self->min_text = min_text;
  redraw (self);
}

guint
cl_app_race_chart_get_n_draws (ClAppRaceChart *self)
{
  g_return_val_if_fail (CL_APP_IS_RACE_CHART (self), 0);
  return self->n_draws;
}

static void
cl_app_race_chart_dispose (GObject *object)
{
  ClAppRaceChart *self = CL_APP_RACE_CHART (object);

  clear (self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  G_OBJECT_CLASS (cl_app_race_chart_parent_class)->dispose (object);
}

static void
cl_app_race_chart_class_init (ClAppRaceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_race_chart_dispose;
  widget_class->snapshot = cl_app_race_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "racechart");
}

static void
cl_app_race_chart_init (ClAppRaceChart *self)
{
  self->scale = 1.0;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (redraw), self);
}

GtkWidget *
cl_app_race_chart_new (void)
{
  return g_object_new (CL_APP_TYPE_RACE_CHART, NULL);
}
