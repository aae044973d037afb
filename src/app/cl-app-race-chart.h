/* cl-app-race-chart.h — the race's chart (render/render-race.h) as a
 * widget: drawn from the snapshots ClAppRace took on the frame clock,
 * again only when new ones arrived or the style changed. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-race.h"
#include "render/render-style.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_RACE_CHART (cl_app_race_chart_get_type ())
G_DECLARE_FINAL_TYPE (ClAppRaceChart, cl_app_race_chart, CL_APP, RACE_CHART, GtkWidget)

GtkWidget *cl_app_race_chart_new          (void);
/* The race to draw (NULL: none yet) and its runs' legend words. */
void       cl_app_race_chart_set_race     (ClAppRaceChart *self, ClAppRace *race,
                                           const char *const *labels, const char *title);
/* Text and lines `scale` times larger, no text under `min_text`. */
void       cl_app_race_chart_set_scale    (ClAppRaceChart *self, double scale, double min_text);
void       cl_app_race_chart_get_style    (ClAppRaceChart *self, ClRenderStyle *style);
/* Draws the chart in `style` (the PNG export); FALSE: nothing to draw. */
gboolean   cl_app_race_chart_render       (ClAppRaceChart *self, cairo_t *cr,
                                           const ClRenderStyle *style, int width, int height);
/* How many times it was drawn: what the tests read. */
guint      cl_app_race_chart_get_n_draws  (ClAppRaceChart *self);

G_END_DECLS
