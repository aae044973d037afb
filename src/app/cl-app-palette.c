#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-palette.h"

struct _ClAppPalette
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *layers, *activations, *examples;  /* GtkListBox */
  ClAppDocument *document;
};

G_DEFINE_FINAL_TYPE (ClAppPalette, cl_app_palette, GTK_TYPE_WIDGET)

char *
cl_app_palette_find_designs_dir (void)
{
  static const char *const candidates[] = { PKGDATADIR, SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *dir = g_build_filename (candidates[i], "designs", NULL);
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
    }
  return NULL;
}

/* The registry names icons the theme may not have: fall back on one per group. */
static const char *
icon_for (const ClLayerKind *kind)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  if (kind->icon_name != NULL && gtk_icon_theme_has_icon (theme, kind->icon_name))
    return kind->icon_name;
  return kind->group == CL_LAYER_GROUP_ACTIVATION ? "cl-activation-symbolic"
                                                  : "cl-layer-symbolic";
}

static GtkWidget *
row_new (const char *icon_name, const char *label, const char *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  /* Wrapped, not ellipsized: an example's name is read whole
   * ("Small CNN with batch norm and dropout" on two lines). */
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_WORD);
  gtk_widget_set_hexpand (text, TRUE);   /* the row's width, so short names stay on one line */
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, GtkWidget *row)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "cl-kind");
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  /* The row itself follows the pointer: the student sees what they carry. */
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_STRING, kind);
}

static void
add_kind_row (ClAppPalette *self, GtkWidget *list, const ClLayerKind *kind)
{
  /* Translators: a palette row's tooltip: the layer's help, then how to use it. */
  g_autofree char *tooltip = g_strdup_printf (_("%s\nDrag it onto the network, or press Enter to "
                                                "insert it after the selected layer."),
                                              _(kind->help));
  GtkWidget *row = row_new (icon_for (kind), _(kind->label), tooltip);
  GtkDragSource *source = gtk_drag_source_new ();

  g_object_set_data (G_OBJECT (row), "cl-kind", (gpointer) kind->name);
  gtk_widget_set_name (row, kind->name);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

/* Enter (or a double click) inserts after the selected layer, so the whole
 * network can be built from the keyboard. */
static void
on_kind_activated (GtkListBox *list, GtkListBoxRow *row, ClAppPalette *self)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "cl-kind");
  int selected;

  if (self->document == NULL || kind == NULL)
    return;
  selected = cl_app_document_get_selected (self->document);
  cl_app_document_insert_layer (self->document,
                                selected >= 0 ? selected + 1
                                              : cl_app_document_get_n_layers (self->document),
                                kind);
}

/* The example designs' names as their files spell them, marked for
 * xgettext: the palette, and the window title once one is loaded, show
 * them translated (a name without a translation shows as it is). Every
 * file of data/designs/ has its name here: /ui/french/examples-translated
 * checks the French catalogue holds each one. */
static const char * const example_names[] G_GNUC_UNUSED = {
  N_("Deep ReLU MLP, 8 Dense layers (He)"),
  N_("Deep sigmoid MLP, 8 Dense layers (Xavier)"),
  N_("Gabor lesson, grey"),
  N_("Gabor lesson, colour"),
  N_("LeNet-5"),
  N_("MLP 784-256-128-10"),
  N_("No hidden layer: 32×32×3 → 10"),
  N_("Overfitting: 40 spiral points, two layers of 64"),
  N_("Overfitting cured by dropout"),
  N_("Overfitting cured by L2"),
  N_("Overfitting cured by more data"),
  N_("Overfitting: a CNN on 1 000 Fashion-MNIST images"),
  N_("Overfitting cured by augmentation"),
  N_("Regression 1-2-1 on a noisy cos(x)"),
  N_("Regression 1-4-1 on a noisy cos(x)"),
  N_("Small CNN with batch norm and dropout"),
  N_("Small CNN for 32×32 colour photos"),
  N_("Spirals, no hidden layer"),
  N_("Spirals, one hidden layer of 8"),
  N_("Spirals, two hidden layers of 8"),
  N_("XOR 2-2-1: two hidden units cannot split four quadrants"),
  N_("XOR 2-8-1"),
};

/* The window opens it as a new untitled document, asking first if that
 * would lose unsaved work: the palette only says which. */
static void
on_example_activated (GtkListBox *list, GtkListBoxRow *row, ClAppPalette *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "cl-path");

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-example", "s", path);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
add_examples (ClAppPalette *self)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autoptr(GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr(ClDesign) design = cl_design_load (path, NULL);
      if (design == NULL)
        continue;
      const char *title = design->name != NULL && *design->name != '\0' ? _(design->name)
                                                                          : names->pdata[i];
      g_autofree char *tooltip = g_strdup_printf (_("Open the example “%s” as a new network"),
                                                  title);
      GtkWidget *row = row_new ("cl-example-symbolic", title, tooltip);
      g_object_set_data_full (G_OBJECT (row), "cl-path", g_steal_pointer (&path), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->examples), row);
    }
}

GtkWidget *
cl_app_palette_get_row (ClAppPalette *self, const char *kind)
{
  GtkWidget *lists[] = { self->layers, self->activations };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (GtkWidget *row = gtk_widget_get_first_child (lists[l]); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "cl-kind"), kind) == 0)
        return row;
  return NULL;
}

void
cl_app_palette_set_document (ClAppPalette *self, ClAppDocument *document)
{
  g_set_object (&self->document, document);
}

static void
cl_app_palette_dispose (GObject *object)
{
  ClAppPalette *self = CL_APP_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CL_APP_TYPE_PALETTE);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (cl_app_palette_parent_class)->dispose (object);
}

static void
cl_app_palette_class_init (ClAppPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_palette_dispose;
  gtk_widget_class_set_css_name (widget_class, "cl-palette");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convlab/ConvLab/ui/cl-app-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, ClAppPalette, scroller);
  gtk_widget_class_bind_template_child (widget_class, ClAppPalette, layers);
  gtk_widget_class_bind_template_child (widget_class, ClAppPalette, activations);
  gtk_widget_class_bind_template_child (widget_class, ClAppPalette, examples);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_example_activated);
}

static void
cl_app_palette_init (ClAppPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Generated from the registry: a new kind appears here by itself. */
  for (int i = 0; i < cl_layer_registry_get_n_kinds (); i++)
    {
      const ClLayerKind *kind = cl_layer_registry_get_kind (i);
      add_kind_row (self, kind->group == CL_LAYER_GROUP_ACTIVATION ? self->activations
                                                                   : self->layers, kind);
    }
  add_examples (self);
}
