#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-inspector.h"
#include "cl-app-spin.h"
#include "render/render-network.h"

struct _ClAppInspector
{
  GtkWidget parent_instance;

  GtkWidget *stack;       /* "empty" status page, or "layer" */
  GtkWidget *page;        /* the layer page's box, rebuilt per layer */
  GtkWidget *shape_row;   /* AdwActionRow: output shape and parameters */
  GtkWidget *error_label;
  GHashTable *editors;    /* setting name -> widget */
  GtkWidget *init_drop;   /* GtkDropDown: the initialisation kind, or NULL */
  GtkWidget *scale_row;   /* AdwActionRow with scale_spin: σ, half-width or value */
  GtkWidget *scale_spin;

  ClAppDocument *document;
  int shown;              /* the layer the page is built for */
  const ClLayerKind *shown_kind;
  gboolean updating;      /* values set from the document: not an edit */
};

G_DEFINE_FINAL_TYPE (ClAppInspector, cl_app_inspector, GTK_TYPE_WIDGET)

static void
apply (ClAppInspector *self, GtkWidget *editor, double value)
{
  const char *name = g_object_get_data (G_OBJECT (editor), "cl-setting");

  if (self->updating || self->document == NULL || self->shown < 0)
    return;
  cl_app_document_set_setting (self->document, self->shown, name, value);
}

static void
on_spin_changed (GtkSpinButton *spin, ClAppInspector *self)
{
  apply (self, GTK_WIDGET (spin), gtk_spin_button_get_value (spin));
}

static void
on_switch_active (GtkSwitch *sw, GParamSpec *pspec, ClAppInspector *self)
{
  apply (self, GTK_WIDGET (sw), gtk_switch_get_active (sw) ? 1.0 : 0.0);
}

static void
on_dropdown_selected (GtkDropDown *dropdown, GParamSpec *pspec, ClAppInspector *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i != GTK_INVALID_LIST_POSITION)
    apply (self, GTK_WIDGET (dropdown), (double) i);
}

/* Enough decimals for the default and the step of small ranges (a
 * BatchNorm epsilon of 0.00001 must not show as 0). */
static void
spin_format (const ClSettingDesc *d, double *step, guint *digits)
{
  if (d->type == CL_SETTING_INT)
    {
      *step = 1;
      *digits = 0;
      return;
    }
  double span = d->max - d->min;
  *step = span <= 1 ? 0.01 : span <= 10 ? 0.05 : 0.1;
  *digits = 2;
  if (d->def > 0 && d->def < 0.01)
    {
      *digits = (guint) CLAMP (ceil (-log10 (d->def)) + 1, 3, 8);
      *step = pow (10, -(double) *digits + 1);
    }
}

static GtkWidget *
editor_new (ClAppInspector *self, const ClSettingDesc *d, double value)
{
  GtkWidget *editor;

  switch (d->type)
    {
    case CL_SETTING_BOOL:
      editor = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (editor), value != 0);
      g_signal_connect (editor, "notify::active", G_CALLBACK (on_switch_active), self);
      break;
    case CL_SETTING_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
        for (int c = 0; d->choice_labels != NULL && d->choice_labels[c] != NULL; c++)
          gtk_string_list_append (labels, _(d->choice_labels[c]));
        editor = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), (guint) value);
        g_signal_connect (editor, "notify::selected", G_CALLBACK (on_dropdown_selected), self);
      }
      break;
    default:
      {
        double step;
        guint digits;
        spin_format (d, &step, &digits);
        editor = gtk_spin_button_new_with_range (d->min, d->max, step);
        gtk_spin_button_set_digits (GTK_SPIN_BUTTON (editor), digits);
        /* Typing "abc" or 1e9 is refused: only numbers within the range. */
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (editor), TRUE);
        gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (editor), GTK_UPDATE_IF_VALID);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), value);
        if (digits > 0)
          cl_app_spin_button_localize (GTK_SPIN_BUTTON (editor));
        g_signal_connect (editor, "value-changed", G_CALLBACK (on_spin_changed), self);
      }
      break;
    }
  gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (editor), "cl-setting", (gpointer) d->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(d->label), -1);
  g_hash_table_insert (self->editors, (gpointer) d->name, editor);
  return editor;
}

/* ---- initial weights ------------------------------------------------- */

/* In ClInitKind order. */
static const char * const init_labels[] = {
  N_("Default (He or Xavier)"),
  N_("Zeros"),
  N_("Constant"),
  N_("Uniform"),
  N_("Normal"),
  N_("Xavier uniform"),
  N_("Xavier normal"),
  N_("He uniform"),
  N_("He normal"),
  N_("LeCun uniform"),
  N_("LeCun normal"),
};

/* What the scale means for each kind that has one; NULL: no scale. */
static const char *
scale_help (ClInitKind init)
{
  switch (init)
    {
    case CL_INIT_CONSTANT:
      return _("Every weight starts at this value");
    case CL_INIT_UNIFORM:
      return _("Half-width a of U(−a, a)");
    case CL_INIT_NORMAL:
      return _("Standard deviation σ of N(0, σ²)");
    default:
      return NULL;
    }
}

static void
show_init (ClAppInspector *self)
{
  double value;
  ClInitKind init = cl_net_spec_get_init (cl_app_document_get_spec (self->document), self->shown,
                                          &value);
  const char *help = scale_help (init);

  if (self->init_drop == NULL)
    return;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->init_drop), init);
  gtk_widget_set_visible (self->scale_row, help != NULL);
  if (help == NULL)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row), help);
  gtk_widget_set_tooltip_text (self->scale_row, help);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->scale_spin),
                             init == CL_INIT_CONSTANT ? -100 : 0, 100);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale_spin), value);
}

static void
on_init_selected (GtkDropDown *drop, GParamSpec *pspec, ClAppInspector *self)
{
  guint selected = gtk_drop_down_get_selected (drop);
  double value;

  if (self->updating || self->document == NULL || self->shown < 0
      || selected >= G_N_ELEMENTS (init_labels))
    return;
  ClInitKind old = cl_net_spec_get_init (cl_app_document_get_spec (self->document), self->shown,
                                         &value);
  /* From a kind without a scale, start from the lesson's small σ rather
   * than 0 (which would be all zeros). */
  if (scale_help (old) == NULL || value == 0)
    value = selected == CL_INIT_CONSTANT ? 0.0 : 0.01;
  cl_app_document_set_init (self->document, self->shown, (ClInitKind) selected, value);
}

static void
on_scale_changed (GtkSpinButton *spin, ClAppInspector *self)
{
  double value;

  if (self->updating || self->document == NULL || self->shown < 0)
    return;
  ClInitKind init = cl_net_spec_get_init (cl_app_document_get_spec (self->document), self->shown,
                                          &value);
  double shown = gtk_spin_button_get_value (spin);
  /* The spin button rounds to its digits: keep a value it only displays. */
  if (fabs (shown - value) > 0.5e-4)
    cl_app_document_set_init (self->document, self->shown, init, shown);
}

/* "Initial weights": a list of its own under the settings, for the kinds
 * whose weights an initialisation fills. */
static GtkWidget *
init_list_new (ClAppInspector *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *list = gtk_list_box_new ();

  for (guint i = 0; i < G_N_ELEMENTS (init_labels); i++)
    gtk_string_list_append (labels, _(init_labels[i]));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  /* The title above and the drop-down under it, across the row: beside
   * the title, the widest choice ("Default (He or Xavier)") squeezed the
   * title into a column one letter wide in a 300 px inspector. */
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Initial weights"));
  const char *help = _("How the weights are drawn before training");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_widget_set_tooltip_text (row, help);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  self->init_drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_name (self->init_drop, "init");
  gtk_widget_set_hexpand (self->init_drop, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->init_drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Initial weights"), -1);
  g_signal_connect (self->init_drop, "notify::selected", G_CALLBACK (on_init_selected), self);
  gtk_box_append (GTK_BOX (box), self->init_drop);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  self->scale_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scale_row), _("Scale"));
  self->scale_spin = gtk_spin_button_new_with_range (0, 100, 0.001);
  gtk_widget_set_name (self->scale_spin, "init-scale");
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->scale_spin), 4);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->scale_spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (self->scale_spin), GTK_UPDATE_IF_VALID);
  cl_app_spin_button_localize (GTK_SPIN_BUTTON (self->scale_spin));
  gtk_widget_set_valign (self->scale_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scale"), -1);
  g_signal_connect (self->scale_spin, "value-changed", G_CALLBACK (on_scale_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->scale_row), self->scale_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->scale_row), self->scale_spin);
  gtk_list_box_append (GTK_LIST_BOX (list), self->scale_row);
  return list;
}

static void
update_values (ClAppInspector *self)
{
  const ClNetSpec *spec = cl_app_document_get_spec (self->document);
  const ClLayerKind *kind = self->shown_kind;
  const ClLayerInfo *info = cl_app_document_get_layer_info (self->document);

  self->updating = TRUE;
  for (int s = 0; s < kind->n_settings; s++)
    {
      const ClSettingDesc *d = &kind->settings[s];
      GtkWidget *editor = g_hash_table_lookup (self->editors, d->name);
      double value = cl_net_spec_get_settings (spec, self->shown)[s];
      if (GTK_IS_SPIN_BUTTON (editor))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), value);
      else if (GTK_IS_SWITCH (editor))
        gtk_switch_set_active (GTK_SWITCH (editor), value != 0);
      else if (GTK_IS_DROP_DOWN (editor))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), (guint) value);
    }
  show_init (self);
  self->updating = FALSE;

  ClShape out = info[self->shown].out;
  g_autofree char *count = cl_format_count (info[self->shown].n_params);
  g_autofree char *shape = out.c > 0 ? g_strdup_printf ("%d×%d×%d", out.c, out.h, out.w)
                                     : g_strdup ("—");
  /* Translators: the output shape of a layer and its number of parameters. */
  g_autofree char *text = g_strdup_printf (ngettext ("Output %s · %s parameter",
                                                     "Output %s · %s parameters",
                                                     info[self->shown].n_params),
                                           shape, count);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->shape_row), text);

  gboolean failed = cl_app_document_get_failed_layer (self->document) == self->shown;
  const char *error = cl_app_document_get_error (self->document);
  gtk_label_set_text (GTK_LABEL (self->error_label), failed && error != NULL ? error : "");
  gtk_widget_set_visible (self->error_label, failed && error != NULL);
}

static void
remove_clicked (GtkButton *button, ClAppInspector *self)
{
  cl_app_document_remove_layer (self->document, self->shown);
}

static void
rebuild (ClAppInspector *self, int i)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (cl_app_document_get_spec (self->document), i);
  const double *values = cl_net_spec_get_settings (cl_app_document_get_spec (self->document), i);

  g_hash_table_remove_all (self->editors);
  if (self->page != NULL)
    adw_view_stack_remove (ADW_VIEW_STACK (self->stack), self->page);
  self->shown = i;
  self->shown_kind = kind;

  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  /* Translators: the inspector's title: a layer kind and its position. */
  g_autofree char *title = g_strdup_printf (_("%s #%d"), _(kind->label), i + 1);
  GtkWidget *heading = gtk_label_new (title);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  GtkWidget *help = gtk_label_new (_(kind->help));
  gtk_label_set_wrap (GTK_LABEL (help), TRUE);
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_widget_add_css_class (help, "dim-label");
  gtk_box_append (GTK_BOX (box), help);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_box_append (GTK_BOX (box), self->error_label);

  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (int s = 0; s < kind->n_settings; s++)
    {
      const ClSettingDesc *d = &kind->settings[s];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *editor = editor_new (self, d, values[s]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(d->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(d->help));
      gtk_widget_set_tooltip_text (row, _(d->help));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
      if (GTK_IS_SWITCH (editor))
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (kind->n_settings == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No settings"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);

  self->init_drop = self->scale_row = self->scale_spin = NULL;
  if (cl_layer_kind_has_weights (kind))
    gtk_box_append (GTK_BOX (box), init_list_new (self));

  GtkWidget *info = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (info), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (info, "boxed-list");
  self->shape_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->shape_row), _("Result"));
  gtk_list_box_append (GTK_LIST_BOX (info), self->shape_row);
  gtk_box_append (GTK_BOX (box), info);

  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Layer"));
  gtk_widget_set_tooltip_text (remove, _("Remove this layer (Delete)"));
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), self);
  gtk_box_append (GTK_BOX (box), remove);

  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  self->page = scroller;
  adw_view_stack_add_named (ADW_VIEW_STACK (self->stack), scroller, "layer");
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (self->stack), scroller);
  update_values (self);
}

/* Rebuilt only when another layer (or kind) is shown, so typing in a spin
 * button is never interrupted by its own recompilation. */
static void
refresh (ClAppInspector *self)
{
  int i = self->document != NULL ? cl_app_document_get_selected (self->document) : -1;

  if (i < 0)
    {
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), "empty");
      self->shown = -1;
      self->shown_kind = NULL;
      self->init_drop = self->scale_row = self->scale_spin = NULL;
      return;
    }
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (cl_app_document_get_spec (self->document), i);
  if (i != self->shown || kind != self->shown_kind)
    rebuild (self, i);
  else
    update_values (self);
}

GtkWidget *
cl_app_inspector_get_editor (ClAppInspector *self, const char *setting)
{
  return g_hash_table_lookup (self->editors, setting);
}

GtkWidget *
cl_app_inspector_get_init_editor (ClAppInspector *self, gboolean scale)
{
  return scale ? self->scale_spin : self->init_drop;
}

void
cl_app_inspector_set_document (ClAppInspector *self, ClAppDocument *document)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (document, "notify::selected", G_CALLBACK (refresh), self);
    }
  self->shown = -1;
  refresh (self);
}

static void
cl_app_inspector_dispose (GObject *object)
{
  ClAppInspector *self = CL_APP_INSPECTOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CL_APP_TYPE_INSPECTOR);
  G_OBJECT_CLASS (cl_app_inspector_parent_class)->dispose (object);
}

static void
cl_app_inspector_finalize (GObject *object)
{
  ClAppInspector *self = CL_APP_INSPECTOR (object);

  g_hash_table_unref (self->editors);
  G_OBJECT_CLASS (cl_app_inspector_parent_class)->finalize (object);
}

static void
cl_app_inspector_class_init (ClAppInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_inspector_dispose;
  object_class->finalize = cl_app_inspector_finalize;
  gtk_widget_class_set_css_name (widget_class, "cl-inspector");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convlab/ConvLab/ui/cl-app-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, ClAppInspector, stack);
}

static void
cl_app_inspector_init (ClAppInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editors = g_hash_table_new (g_str_hash, g_str_equal);
  self->shown = -1;
}
