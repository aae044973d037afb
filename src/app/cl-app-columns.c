/* cl-app-columns.c — side by side when the minimums fit, else stacked.
 *
 * GtkFlowBox was tried first: it counts the children a line holds from
 * their largest natural width, so two columns whose wrapped subtitles are
 * long were stacked even where both fitted at their minimum (1280×800).
 * GTK 4.8 has no breakpoints; this widget decides from the minimums. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include "cl-app-columns.h"

struct _ClAppColumns
{
  GtkWidget parent_instance;
  int spacing;
  gboolean side_by_side;
};

G_DEFINE_FINAL_TYPE (ClAppColumns, cl_app_columns, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SPACING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static int
n_shown (ClAppColumns *self)
{
  int n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_should_layout (c);
  return n;
}

/* The widths of the shown children side by side in `width`: each its
 * minimum, then towards its natural, then what is left to those that
 * expand.  FALSE (and `sizes` untouched) when the minimums do not fit. */
static gboolean
column_widths (ClAppColumns *self, int width, GtkRequestedSize *sizes, int n)
{
  int i = 0, free_space = width - self->spacing * MAX (n - 1, 0);
  int n_expand = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &sizes[i].minimum_size,
                          &sizes[i].natural_size, NULL, NULL);
      sizes[i].data = c;
      free_space -= sizes[i].minimum_size;
      n_expand += gtk_widget_compute_expand (c, GTK_ORIENTATION_HORIZONTAL);
      i++;
    }
  if (n == 0 || free_space < 0)
    return FALSE;
  free_space = gtk_distribute_natural_allocation (free_space, n, sizes);
  for (i = 0; i < n; i++)
    {
      GtkWidget *c = sizes[i].data;
      if (n_expand > 0 && gtk_widget_compute_expand (c, GTK_ORIENTATION_HORIZONTAL))
        sizes[i].minimum_size += free_space / n_expand;
    }
  return TRUE;
}

static GtkSizeRequestMode
cl_app_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cl_app_columns_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  ClAppColumns *self = CL_APP_COLUMNS (widget);
  int n = n_shown (self);
  g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, MAX (n, 1));
  int i = 0;

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest child (stacked), as wide as all in a row. */
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        {
          int min, nat;
          if (!gtk_widget_should_layout (c))
            continue;
          gtk_widget_measure (c, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += nat + (i++ > 0 ? self->spacing : 0);
        }
      return;
    }

  gboolean beside = for_size >= 0 && column_widths (self, for_size, sizes, n);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      int min, nat;
      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, orientation, beside ? sizes[i].minimum_size : for_size, &min, &nat,
                          NULL, NULL);
      if (beside)
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      else
        {
          *minimum += min + (i > 0 ? self->spacing : 0);
          *natural += nat + (i > 0 ? self->spacing : 0);
        }
      i++;
    }
}

static void
cl_app_columns_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  ClAppColumns *self = CL_APP_COLUMNS (widget);
  int n = n_shown (self);
  g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, MAX (n, 1));
  int i = 0, x = 0, y = 0;

  self->side_by_side = column_widths (self, width, sizes, n);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_should_layout (c))
        continue;
      if (self->side_by_side)
        {
          gtk_widget_size_allocate (c, &(GtkAllocation){ x, 0, sizes[i].minimum_size, height }, -1);
          x += sizes[i].minimum_size + self->spacing;
        }
      else
        {
          int min, nat;
          gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
          gtk_widget_size_allocate (c, &(GtkAllocation){ 0, y, width, nat }, -1);
          y += nat + self->spacing;
        }
      i++;
    }
}

static void
cl_app_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cl_app_columns_parent_class)->dispose (object);
}

static void
cl_app_columns_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ClAppColumns *self = CL_APP_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_app_columns_set_property (GObject *object, guint prop_id, const GValue *value,
                             GParamSpec *pspec)
{
  ClAppColumns *self = CL_APP_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      cl_app_columns_set_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_app_columns_class_init (ClAppColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_columns_dispose;
  object_class->get_property = cl_app_columns_get_property;
  object_class->set_property = cl_app_columns_set_property;
  widget_class->get_request_mode = cl_app_columns_get_request_mode;
  widget_class->measure = cl_app_columns_measure;
  widget_class->size_allocate = cl_app_columns_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cl_app_columns_init (ClAppColumns *self)
{
}

GtkWidget *
cl_app_columns_new (int spacing)
{
  return g_object_new (CL_APP_TYPE_COLUMNS, "spacing", spacing, NULL);
}

int
cl_app_columns_get_spacing (ClAppColumns *self)
{
  g_return_val_if_fail (CL_APP_IS_COLUMNS (self), 0);
  return self->spacing;
}

void
cl_app_columns_set_spacing (ClAppColumns *self, int spacing)
{
  g_return_if_fail (CL_APP_IS_COLUMNS (self));
  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

gboolean
cl_app_columns_get_side_by_side (ClAppColumns *self)
{
  g_return_val_if_fail (CL_APP_IS_COLUMNS (self), FALSE);
  return self->side_by_side;
}
