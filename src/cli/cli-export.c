#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"
#include "engine/input-image.h"
#include "cli-export-strip.h"
#include "engine/atomic-file.h"
#include "engine/error.h"
#include "engine/gallery.h"
#include "engine/model-history.h"
#include "engine/snapshot-net.h"
#include "engine/trainer.h"
#include "render/number-format.h"
#include "render/render-activations.h"
#include "render/render-confusion.h"
#include "render/render-curves.h"
#include "render/render-decision.h"
#include "render/render-dropout.h"
#include "render/render-filters.h"
#include "render/render-export.h"
#include "render/render-gallery.h"
#include "render/render-network.h"
#include "render/render-units.h"

typedef enum {
  FILTERS, ACTIVATIONS, CURVES, CONFUSION, DROPOUT, DECISION, UNITS, GALLERY, NETWORK, N_PICTURES
} Picture;

static const char * const picture_names[] = {
  "filters", "activations", "curves", "confusion", "dropout", "decision", "units", "gallery",
  "network", NULL,
};

/* Sizes that suit each picture on a 16:10 slide (the network's height
 * follows its rows: 0 here). */
static const int default_sizes[N_PICTURES][2] = {
  { 1200, 800 }, { 1280, 800 }, { 1200, 600 }, { 900, 800 }, { 900, 600 }, { 900, 700 },
  { 1200, 500 }, { 1200, 800 }, { 1200, 0 },
};

typedef struct {
  Picture picture;
  const char *model;
  const char *input;         /* an image file to follow (activations), or NULL */
  gboolean invert;           /* its light for dark */
  ClRenderStyle style;
  int width, height, scale, index, layer, filter, count;
  gboolean log_scale, gabor;
} Request;


static gboolean
has_kind (const ClNetSpec *spec, const char *name)
{
  const ClLayerKind *kind = cl_layer_registry_lookup (name);
  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (cl_net_spec_get_layer_kind (spec, i) == kind)
      return TRUE;
  return FALSE;
}

/* "1, 4": the 1-based numbers of the Conv2D layers. */
static char *
conv_layer_list (const ClNetSpec *spec)
{
  const ClLayerKind *conv = cl_layer_registry_lookup ("Conv2D");
  GString *list = g_string_new (NULL);

  for (int i = 0; i < cl_net_spec_get_n_layers (spec); i++)
    if (cl_net_spec_get_layer_kind (spec, i) == conv)
      g_string_append_printf (list, "%s%d", list->len > 0 ? ", " : "", i + 1);
  return g_string_free (list, FALSE);
}

/* --layer and --filter of the filters picture name a Conv2D layer and one
 * of its filters: otherwise say which exist. */
static gboolean
check_filter_choice (const Request *r, const ClNetSpec *spec, GError **error)
{
  const ClLayerKind *conv = cl_layer_registry_lookup ("Conv2D");
  int n = cl_net_spec_get_n_layers (spec), layer = r->layer;

  if (layer >= 0 && (layer >= n || cl_net_spec_get_layer_kind (spec, layer) != conv))
    {
      g_autofree char *list = conv_layer_list (spec);
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("Layer %d of %s is not a Conv2D layer: its filters are at layers %s."),
                   layer + 1, r->model, list);
      return FALSE;
    }
  for (int i = 0; layer < 0 && i < n; i++)
    if (cl_net_spec_get_layer_kind (spec, i) == conv)
      layer = i;   /* --filter alone: the first Conv2D's */
  int filters = (int) cl_net_spec_get_setting (spec, layer, "filters");
  if (r->filter >= filters)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   ngettext ("Layer %d of %s has %d filter: --filter must be %d.",
                             "Layer %d of %s has %d filters: --filter must be from 1 to %d.",
                             filters),
                   layer + 1, r->model, filters, filters);
      return FALSE;
    }
  return TRUE;
}

/* What a picture needs before anything is loaded: a clear reason rather
 * than an empty PNG. */
static gboolean
check_network (const Request *r, const ClNetSpec *spec, GError **error)
{
  ClShape in = cl_net_spec_get_input (spec);
  int in_size = in.c * in.h * in.w;

  if (r->picture == FILTERS && !has_kind (spec, "Conv2D"))
    g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                 _("%s has no Conv2D layer: there are no filters to draw."), r->model);
  else if (r->picture == FILTERS && !check_filter_choice (r, spec, error))
    return FALSE;
  else if (r->picture == DROPOUT && !has_kind (spec, "Dropout"))
    g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                 _("%s has no Dropout layer: there is no mask to draw."), r->model);
  else if (r->picture == UNITS && (in_size != 2 || cl_net_spec_get_n_layers (spec) < 2))
    g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                 _("%s is not a 2-input network with a hidden layer: it has no unit maps."), r->model);
  else if (r->picture == DECISION && in_size != 1 && in_size != 2)
    g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                 _("%s takes %d inputs: decision regions need 2 (a 2D toy set), a fitted curve 1."),
                 r->model, in_size);
  return error == NULL || *error == NULL;
}

static gboolean
needs_data (Picture picture)
{
  return picture == ACTIVATIONS || picture == CONFUSION || picture == DROPOUT || picture == DECISION
         || picture == UNITS || picture == GALLERY;
}

static gboolean
add_history (ClSnapshot *s, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ClModelHistory) h = cl_model_load_history (path, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (h == NULL || (h->loss->len == 0 && h->test_loss->len == 0))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                   _("%s holds no training history. Models saved by “convlab-cli train --save” "
                     "or by the window keep theirs."), path);
      return FALSE;
    }
  cl_snapshot_set_history (s, (ClPoint *) h->loss->data, h->loss->len,
                           (ClPoint *) h->test_loss->data, (ClPoint *) h->test_accuracy->data,
                           (ClPoint *) h->train_accuracy->data, h->test_loss->len);
  return TRUE;
}

static gboolean
add_confusion (ClSnapshot *s, ClNet *net, ClDataset *data, const char *path, GError **error)
{
  double loss, accuracy;

  if (data->kind != CL_DATASET_CLASSIFICATION || data->n_classes < 2)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("%s is not a classification task: it has no confusion matrix."), data->name);
      return FALSE;
    }
  g_autofree guint *confusion = g_new0 (guint, (gsize) data->n_classes * data->n_classes);
  if (!cl_cli_evaluate (net, data, &loss, &accuracy, confusion, error))
    return FALSE;
  cl_snapshot_set_confusion (s, confusion, (int) data->n_classes);
  return TRUE;
}

/* A view of `spec` with its shapes; returns them (the view points into
 * them), or NULL for a design that does not compile. */
static ClLayerInfo *
network_view_init (ClNetworkView *view, const ClNetSpec *spec)
{
  int n = cl_net_spec_get_n_layers (spec);
  ClLayerInfo *info = g_new0 (ClLayerInfo, MAX (n, 1));

  cl_network_view_init (view, spec);
  if (!cl_net_spec_check (spec, info, NULL, NULL))
    {
      g_free (info);
      return NULL;
    }
  view->info = info;
  return info;
}

/* s is NULL for the network of a design (drawn without building it). */
static gboolean
render (const Request *r, const ClNetSpec *spec, const ClSnapshot *s, ClDataset *data,
        const ClGallery *gallery, cairo_t *cr)
{
  const char * const *names = data != NULL ? (const char * const *) data->class_names : NULL;

  switch (r->picture)
    {
    case FILTERS:
      {
        ClRenderFiltersOptions o;
        cl_render_filters_options_init (&o);
        o.style = r->style;
        o.layer = r->layer;
        o.filter = r->filter;
        o.gabor = r->gabor;
        return cl_render_filters (cr, s, &o, r->width, r->height);
      }
    case ACTIVATIONS:
      {
        ClRenderActivationsOptions o;
        cl_render_activations_options_init (&o);
        o.style = r->style;
        o.class_names = names;
        return cl_render_activations (cr, s, &o, r->width, r->height);
      }
    case CURVES:
      {
        ClRenderCurvesOptions o;
        cl_render_curves_options_init (&o);
        o.style = r->style;
        o.log_scale = r->log_scale;
        return cl_render_curves (cr, s, &o, r->width, r->height);
      }
    case CONFUSION:
      {
        ClRenderConfusionOptions o;
        cl_render_confusion_options_init (&o);
        o.style = r->style;
        o.class_names = names;
        return cl_render_confusion (cr, s, &o, r->width, r->height);
      }
    case DROPOUT:
      {
        ClRenderDropoutOptions o;
        cl_render_dropout_options_init (&o);
        o.style = r->style;
        return cl_render_dropout (cr, s, &o, r->width, r->height);
      }
    case DECISION:
      {
        ClRenderDecisionOptions o;
        cl_render_decision_options_init (&o);
        o.style = r->style;
        o.data = data;
        return cl_render_decision (cr, s, &o, r->width, r->height);
      }
    case UNITS:
      {
        ClRenderUnitsOptions o;
        cl_render_units_options_init (&o);
        o.style = r->style;
        o.data = data;
        return cl_render_units (cr, s, &o, r->width, r->height);
      }
    case GALLERY:
      {
        ClRenderGalleryOptions o;
        cl_render_gallery_options_init (&o);
        o.style = r->style;
        o.class_names = names;
        return cl_render_gallery (cr, gallery, &o, r->width, r->height);
      }
    case NETWORK:
      {
        /* The editor's drawing, links coloured by the model's weights. */
        ClNetworkView view;
        g_autofree ClLayerInfo *info = network_view_init (&view, s != NULL ? s->spec : spec);
        if (info == NULL)
          return FALSE;
        view.snapshot = s;
        view.input_label = data != NULL ? data->name : NULL;
        view.dark = r->style.dark;
        cl_render_network_export (cr, &view, &r->style, r->width, r->height);
        return TRUE;
      }
    case N_PICTURES:
      break;
    }
  return FALSE;
}

/* The network's height at the width asked: as many rows as it wraps to. */
static int
network_height (const ClNetSpec *spec, int width)
{
  ClNetworkView view;
  g_autofree ClLayerInfo *info = network_view_init (&view, spec);

  return (int) ceil (cl_render_network_get_height_for_width (&view, width));
}


/* The figures a lesson is judged by (issue 13): the first layer's mean
 * Gabor R² and how many filters reach 0.8, beside what noise alone gives. */
static void
print_gabor_summary (const ClSnapshot *s)
{
  int n = 0, good = 0, fitted = 0;
  g_autofree ClGaborFit *fits = cl_render_filters_fit_gabor (s, NULL, &n);
  double sum = 0;

  for (int f = 0; f < n; f++)
    if (!isnan (fits[f].r2))
      {
        sum += fits[f].r2;
        good += fits[f].r2 >= 0.8;
        fitted++;
      }
  if (fitted == 0)
    return;
  int k = 0;
  for (int i = 0; i < cl_net_spec_get_n_layers (s->spec) && k == 0; i++)
    if (g_str_equal (cl_net_spec_get_layer_kind (s->spec, i)->name, "Conv2D"))
      k = (int) cl_net_spec_get_setting (s->spec, i, "kernel");
  g_autofree char *mean = cl_format_fixed (sum / fitted, 2);
  g_autofree char *share = cl_format_percent ((double) good / fitted, 0);
  g_autofree char *noise = cl_format_fixed (cl_gabor_noise_r2 (k), 2);
  g_autofree char *threshold = cl_format_fixed (0.8, 1);
  printf (ngettext ("Gabor fit of the first layer: mean R² %s, %d of %d filter at R² ≥ %s "
                    "(%s); noise alone gives %s.\n",
                    "Gabor fit of the first layer: mean R² %s, %d of %d filters at R² ≥ %s "
                    "(%s); noise alone gives %s.\n", fitted),
          mean, good, fitted, threshold, share, noise);
}

static int
export (const Request *r, const char *source, const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;
  g_autoptr(ClDataset) data = NULL;
  Request sized = *r;

  /* The network picture is a diagram: shapes come from shape inference, and
   * a model's weights (they colour the links) need no batch. */
  if (!cl_cli_open (r->model, r->picture == NETWORK ? 1 : 256, &design, &net, &error))
    return cl_cli_fail (error);
  if (!check_network (r, design->spec, &error))
    return cl_cli_fail (error);
  if (sized.height == 0)
    sized.height = CLAMP (network_height (design->spec, sized.width), 16,
                          CL_RENDER_MAX_SIDE / sized.scale);
  r = &sized;
  if (net == NULL && r->picture != NETWORK)
    {
      /* A design: its network as initialised, the "before" of a before/after. */
      if (r->picture == CURVES || r->picture == CONFUSION || r->picture == GALLERY)
        return cl_cli_fail_message (_("%s is a design, not a trained model: train it first."),
                                    r->model);
      net = cl_net_new (design->spec, 256, &error);
      if (net == NULL)
        return cl_cli_fail (error);
      cl_net_init (net, cl_net_spec_peek_train (design->spec)->seed);
      fprintf (stderr, _("%s is a design: drawing its network as initialised (seed %llu).\n"),
               r->model, (unsigned long long) cl_net_spec_peek_train (design->spec)->seed);
    }
  if (needs_data (r->picture) || source != NULL)
    {
      data = cl_cli_load_data (design, source, &error);
      if (data == NULL || !cl_trainer_check_fits (design->spec, data, &error))
        return cl_cli_fail (error);
    }

  int probes = r->picture == ACTIVATIONS || r->picture == DROPOUT ? 1 : 0;
  g_autoptr(ClSnapshot) s = NULL;
  if (net != NULL && r->input != NULL)
    {
      /* The student's own image through the layers. */
      ClShape in = cl_net_get_input_shape (net);
      g_autofree float *x = g_new (float, (gsize) in.c * in.h * in.w);
      if (!cl_input_read_image (cl_net_get_input_shape (net), design->data.norm, NULL,
                                r->input, r->invert, x, &error))
        return cl_cli_fail (error);
      s = cl_snapshot_new_from_input (net, x, data != NULL ? (int) data->n_classes : 0, &error);
    }
  else if (net != NULL)
    s = cl_snapshot_new_from_net (net, data, (guint) r->index, probes, &error);
  /* No net: a design's diagram, which needs none. */
  if (net != NULL && s == NULL)
    return cl_cli_fail (error);
  if (r->picture == CURVES && !add_history (s, r->model, &error))
    return cl_cli_fail (error);
  if (r->picture == CONFUSION && !add_confusion (s, net, data, r->model, &error))
    return cl_cli_fail (error);
  g_autoptr(ClGallery) gallery = NULL;
  if (r->picture == GALLERY && (gallery = cl_gallery_new (net, data, r->count, &error)) == NULL)
    return cl_cli_fail (error);

  cairo_t *cr;
  cairo_surface_t *surface = cl_render_export_surface_new (r->width, r->height, r->scale, &cr, &error);
  if (surface == NULL)
    return cl_cli_fail (error);
  gboolean drawn = render (r, design->spec, s, data, gallery, cr);
  cairo_destroy (cr);
  if (!drawn)
    {
      cairo_surface_destroy (surface);
      return cl_cli_fail_message (_("Nothing to draw for “%s” with %s."),
                                  picture_names[r->picture], r->model);
    }
  gboolean written = cl_render_write_png (surface, out, &error);
  cairo_surface_destroy (surface);
  if (!written)
    return cl_cli_fail (error);
  printf (_("Wrote %s (%d×%d).\n"), out, r->width * r->scale, r->height * r->scale);
  if (r->picture == FILTERS && r->gabor)
    print_gabor_summary (s);
  return 0;
}

int
cl_cli_export (int argc, char **argv)
{
  g_autofree char *out = NULL, *size = NULL, *source = NULL, *input = NULL, *steps = NULL;
  gboolean dark = FALSE, transparent = FALSE, log_scale = FALSE, gabor = FALSE, invert = FALSE;
  int index = 0, layer = 0, filter = 0, count = 24, scale = 1, status;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PNG file to write"), N_("FILE.png") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &size, N_("Picture size in pixels (default: one that suits the picture)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Write the same picture at 2 or 3 times the pixels, sharp on slides (default 1)"), N_("N") },
    { "data", 'd', 0, G_OPTION_ARG_STRING, &source, N_("Data for probes, points and the test set (default: the model’s)"), N_("SOURCE") },
    { "index", 'i', 0, G_OPTION_ARG_INT, &index, N_("Test sample to follow (activations, dropout)"), N_("N") },
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input, N_("An image file to follow instead of a test sample (activations)"), N_("FILE") },
    { "invert", 0, 0, G_OPTION_ARG_NONE, &invert, N_("Light for dark in --input: a photo on white for a network that learnt light shapes on black, as Fashion-MNIST’s"), NULL },
    { "layer", 'l', 0, G_OPTION_ARG_INT, &layer, N_("Only this layer, numbered from 1 (filters)"), N_("N") },
    { "filter", 'f', 0, G_OPTION_ARG_INT, &filter, N_("One filter large with its values, numbered from 1 (filters)"), N_("N") },
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_("Samples to show, worst first (gallery; default 24)"), N_("N") },
    { "gabor", 'g', 0, G_OPTION_ARG_NONE, &gabor, N_("Fit a Gabor function to each first-layer filter (filters)"), NULL },
    { "steps", 0, 0, G_OPTION_ARG_STRING, &steps, N_("The first layer's filters at these training steps, one row each, from the model's checkpoints (filters)"), N_("0,50,200,…") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log_scale, N_("Loss on a logarithmic scale (curves)"), NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light on dark, for dark slides"), NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &transparent, N_("No background"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("PICTURE MODEL — draw a picture of a model as PNG"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Pictures: filters, activations, curves, confusion, "
                                           "dropout, decision, units, gallery, network."));
  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return cl_cli_fail_message (_("export needs a picture and a model file (see --help)."));

  Request r = { .model = argv[2], .input = input, .invert = invert, .style = { dark, transparent }, .scale = scale, .index = index,
                .layer = layer - 1, .filter = filter - 1, .count = count, .log_scale = log_scale, .gabor = gabor };
  r.picture = N_PICTURES;
  for (int i = 0; picture_names[i] != NULL; i++)
    if (g_str_equal (argv[1], picture_names[i]))
      r.picture = (Picture) i;
  if (r.picture == N_PICTURES)
    return cl_cli_fail_message (_("Unknown picture “%s”: choose filters, activations, curves, "
                                  "confusion, dropout, decision, units, gallery or network."), argv[1]);
  if (out == NULL)
    return cl_cli_fail_message (_("Say where to write the picture with --out FILE.png."));
  if (invert && input == NULL)
    return cl_cli_fail_message (_("--invert changes the image of --input: give one."));
  if (input != NULL && r.picture != ACTIVATIONS)
    return cl_cli_fail_message (_("--input follows an image through the layers: it is for the "
                                  "activations picture only."));
  r.width = default_sizes[r.picture][0];
  r.height = default_sizes[r.picture][1];
  if (size != NULL && !cl_cli_parse_size (size, &r.width, &r.height))
    return cl_cli_fail_message (_("--size must be WIDTHxHEIGHT, each from 16 to %d pixels, not “%s”."),
                                CL_RENDER_MAX_SIDE, size);
  if (index < 0 || layer < 0 || filter < 0)
    return cl_cli_fail_message (_("--index, --layer and --filter cannot be negative."));
  if (scale < 1 || scale > CL_RENDER_MAX_SCALE)
    return cl_cli_fail_message (_("--scale must be from 1 to %d."), CL_RENDER_MAX_SCALE);
  if (r.width > CL_RENDER_MAX_SIDE / scale || r.height > CL_RENDER_MAX_SIDE / scale)
    return cl_cli_fail_message (_("%d×%d at --scale %d is over %d pixels on a side: ask a smaller --size."),
                                r.width, r.height, scale, CL_RENDER_MAX_SIDE);
  if (count < 1 || count > CL_GALLERY_MAX)
    return cl_cli_fail_message (_("--count must be from 1 to %d."), CL_GALLERY_MAX);
  g_autoptr(GError) error = NULL;
  if (!cl_atomic_file_check_target (out, &error))
    return cl_cli_fail (error);
  if (steps != NULL)
    {
      if (r.picture != FILTERS || layer != 0 || filter != 0 || source != NULL)
        return cl_cli_fail_message (_("--steps draws the first layer's filters through training: "
                                      "it is for the filters picture, without --layer, --filter "
                                      "or --data."));
      return cl_cli_export_strip (r.model, steps, &r.style, r.width, size != NULL ? r.height : 0,
                                  scale, out);
    }
  return export (&r, source, out);
}
