#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/error.h"
#include "engine/export-private.h"
#include "engine/model-file.h"

/* A trained network as ONNX (opset 13), written by hand: ONNX files are
 * protobuf, and the few messages needed (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto) take a varint and
 * length-delimited writer, not a library.  Field numbers are those of
 * onnx/onnx.proto.
 *
 * Values keep our layout, NCHW while there are maps and (N, units) after
 * Dense, Flatten and Maxout over units (`flat`); a layer that needs maps
 * after a flat one gets a Reshape to (N, C, 1, 1). */

#define ONNX_IR_VERSION 7   /* the IR of opset 13 (ONNX 1.8) */

enum { WIRE_VARINT = 0, WIRE_FIXED32 = 5, WIRE_BYTES = 2 };
enum { TENSOR_FLOAT = 1, TENSOR_INT64 = 7 };
enum { ATTR_FLOAT = 1, ATTR_INT = 2, ATTR_INTS = 7 };

static void
pb_varint (GByteArray *b, guint64 v)
{
  do
    {
      guint8 byte = v & 0x7f;
      v >>= 7;
      if (v != 0)
        byte |= 0x80;
      g_byte_array_append (b, &byte, 1);
    }
  while (v != 0);
}

static void
pb_key (GByteArray *b, int field, int wire)
{
  pb_varint (b, ((guint64) field << 3) | (guint64) wire);
}

/* int64 fields: negative values as their 64-bit two's complement. */
static void
pb_int (GByteArray *b, int field, gint64 v)
{
  pb_key (b, field, WIRE_VARINT);
  pb_varint (b, (guint64) v);
}

static void
pb_bytes (GByteArray *b, int field, const void *data, gsize n)
{
  pb_key (b, field, WIRE_BYTES);
  pb_varint (b, n);
  g_byte_array_append (b, data, (guint) n);
}

static void
pb_string (GByteArray *b, int field, const char *s)
{
  pb_bytes (b, field, s, strlen (s));
}

static void
pb_float (GByteArray *b, int field, float f)
{
  guint32 bits;
  memcpy (&bits, &f, sizeof bits);
  bits = GUINT32_TO_LE (bits);
  pb_key (b, field, WIRE_FIXED32);
  g_byte_array_append (b, (const guint8 *) &bits, 4);
}

/* Appends `sub` as a nested message and frees it. */
static void
pb_message (GByteArray *b, int field, GByteArray *sub)
{
  pb_bytes (b, field, sub->data, sub->len);
  g_byte_array_unref (sub);
}

/* AttributeProto: name 1, f 2, i 3, ints 8, type 20. */
static void
attr_int (GByteArray *attrs, const char *name, gint64 v)
{
  GByteArray *a = g_byte_array_new ();
  pb_string (a, 1, name);
  pb_int (a, 3, v);
  pb_int (a, 20, ATTR_INT);
  pb_message (attrs, 5, a);
}

static void
attr_float (GByteArray *attrs, const char *name, float v)
{
  GByteArray *a = g_byte_array_new ();
  pb_string (a, 1, name);
  pb_float (a, 2, v);
  pb_int (a, 20, ATTR_FLOAT);
  pb_message (attrs, 5, a);
}

static void
attr_ints (GByteArray *attrs, const char *name, const gint64 *v, int n)
{
  GByteArray *a = g_byte_array_new ();
  pb_string (a, 1, name);
  for (int k = 0; k < n; k++)
    pb_int (a, 8, v[k]);
  pb_int (a, 20, ATTR_INTS);
  pb_message (attrs, 5, a);
}

typedef struct {
  GByteArray *graph;      /* GraphProto fields: nodes, initialisers */
  ClNet *net;
  const ClNetSpec *spec;
  int i;                  /* the layer */
  ClShape in;
  gboolean flat;
  char *x;                /* the current value's name */
  const char *out;        /* the name the layer's last node must write */
  int n_nodes;
} Ctx;

/* NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.  `attrs`
 * (may be NULL) holds encoded attribute fields and is freed. */
static void
node (Ctx *c, const char *op, const char *const *inputs, int n_in, const char *output,
      GByteArray *attrs)
{
  GByteArray *n = g_byte_array_new ();
  g_autofree char *name = g_strdup_printf ("layer%d/%s_%d", c->i + 1, op, c->n_nodes++);
  for (int k = 0; k < n_in; k++)
    pb_string (n, 1, inputs[k]);
  pb_string (n, 2, output);
  pb_string (n, 3, name);
  pb_string (n, 4, op);
  if (attrs != NULL)
    {
      g_byte_array_append (n, attrs->data, attrs->len);
      g_byte_array_unref (attrs);
    }
  pb_message (c->graph, 1, n);
}

/* The node that takes the current value to the next, named as the layer's
 * output when it is the layer's last. */
static void
step (Ctx *c, const char *op, const char *const *extra, int n_extra, GByteArray *attrs,
      gboolean last)
{
  const char *inputs[5] = { c->x };  /* BatchNormalization: x and 4 tensors */
  g_assert (n_extra < (int) G_N_ELEMENTS (inputs));
  for (int k = 0; k < n_extra; k++)
    inputs[k + 1] = extra[k];
  char *output = last ? g_strdup (c->out) : g_strdup_printf ("layer%d/%s_%d", c->i + 1, op, c->n_nodes);
  node (c, op, inputs, 1 + n_extra, output, attrs);
  g_free (c->x);
  c->x = output;
}

/* TensorProto: dims 1, data_type 2, name 8, raw_data 9; as GraphProto's
 * initializer (field 5). */
static void
initializer (Ctx *c, const char *name, int type, const gint64 *dims, int ndim, const void *raw,
             gsize n_bytes)
{
  GByteArray *t = g_byte_array_new ();
  for (int d = 0; d < ndim; d++)
    pb_int (t, 1, dims[d]);
  pb_int (t, 2, type);
  pb_string (t, 8, name);
  pb_bytes (t, 9, raw, n_bytes);
  pb_message (c->graph, 5, t);
}

/* Layer tensor j (trained ones, then the running statistics) as an
 * initialiser named as in the model file; `dims` overrides its shape (a
 * PReLU slope broadcast over maps).  Returns the name. */
static char *
tensor (Ctx *c, int j, const gint64 *dims, int ndim)
{
  float *data;
  const ClTensorInfo *info = cl_net_get_layer_tensor (c->net, c->i, j, &data, NULL);
  char *name = cl_model_tensor_name (c->net, c->i, j);
  gint64 own[4];
  if (dims == NULL)
    {
      for (int d = 0; d < info->ndim; d++)
        own[d] = info->dims[d];
      dims = own;
      ndim = info->ndim;
    }
  g_autofree guint32 *le = g_new (guint32, MAX (info->count, 1));
  memcpy (le, data, info->count * sizeof (float));
  for (guint64 k = 0; k < info->count; k++)
    le[k] = GUINT32_TO_LE (le[k]);
  initializer (c, name, TENSOR_FLOAT, dims, ndim, le, info->count * sizeof (float));
  return name;
}

/* A Reshape of the current value to `shape` (0: keep that dimension). */
static void
reshape (Ctx *c, const gint64 *shape, int n, const char *what, gboolean last)
{
  g_autofree char *name = g_strdup_printf ("layer%d.%s", c->i + 1, what);
  gint64 dims[1] = { n };
  gint64 le[6];
  for (int k = 0; k < n; k++)
    le[k] = GINT64_TO_LE (shape[k]);
  initializer (c, name, TENSOR_INT64, dims, 1, le, n * sizeof (gint64));
  const char *extra[] = { name };
  step (c, "Reshape", extra, 1, NULL, last);
}

static void
need_maps (Ctx *c)
{
  if (c->flat)
    reshape (c, (gint64[]) { 0, c->in.c, 1, 1 }, 4, "maps", FALSE);
  c->flat = FALSE;
}

static int
iset (const Ctx *c, const char *name)
{
  return (int) cl_export_setting (c->spec, c->i, name);
}

static float
fset (const Ctx *c, const char *name)
{
  return (float) cl_export_setting (c->spec, c->i, name);
}

static void
onnx_dense (Ctx *c)
{
  if (!c->flat)
    {
      GByteArray *a = g_byte_array_new ();
      attr_int (a, "axis", 1);
      step (c, "Flatten", NULL, 0, a, FALSE);
    }
  g_autofree char *w = tensor (c, 0, NULL, 0);
  g_autofree char *b = iset (c, "bias") ? tensor (c, 1, NULL, 0) : NULL;
  const char *extra[] = { w, b };
  GByteArray *a = g_byte_array_new ();
  attr_int (a, "transB", 1);
  step (c, "Gemm", extra, b != NULL ? 2 : 1, a, TRUE);
  c->flat = TRUE;
}

static void
onnx_conv2d (Ctx *c)
{
  int k = iset (c, "kernel"), s = iset (c, "stride"), pad;
  switch (iset (c, "padding"))
    {
    case 0:
      pad = (k - 1) / 2;
      break;
    case 1:
      pad = 0;
      break;
    default:
      pad = iset (c, "pad");
      break;
    }
  need_maps (c);
  g_autofree char *w = tensor (c, 0, NULL, 0);
  g_autofree char *b = iset (c, "bias") ? tensor (c, 1, NULL, 0) : NULL;
  const char *extra[] = { w, b };
  GByteArray *a = g_byte_array_new ();
  attr_ints (a, "kernel_shape", (gint64[]) { k, k }, 2);
  attr_ints (a, "strides", (gint64[]) { s, s }, 2);
  attr_ints (a, "pads", (gint64[]) { pad, pad, pad, pad }, 4);
  step (c, "Conv", extra, b != NULL ? 2 : 1, a, TRUE);
}

static void
onnx_pool (Ctx *c, const char *op)
{
  int size = iset (c, "size"), s = iset (c, "stride");
  need_maps (c);
  /* No padding, floor (ceil_mode 0): our output size. */
  GByteArray *a = g_byte_array_new ();
  attr_ints (a, "kernel_shape", (gint64[]) { size, size }, 2);
  attr_ints (a, "strides", (gint64[]) { s, s }, 2);
  step (c, op, NULL, 0, a, TRUE);
}

static void
onnx_maxpool (Ctx *c)
{
  onnx_pool (c, "MaxPool");
}

static void
onnx_avgpool (Ctx *c)
{
  onnx_pool (c, "AveragePool");
}

static void
onnx_flatten (Ctx *c)
{
  GByteArray *a = g_byte_array_new ();
  attr_int (a, "axis", 1);
  step (c, "Flatten", NULL, 0, a, TRUE);
  c->flat = TRUE;
}

static void
onnx_dropout (Ctx *c)
{
  /* The rate as its ratio input, for the reader; at inference Dropout is
   * the identity, as ours in evaluation. */
  g_autofree char *name = g_strdup_printf ("layer%d.rate", c->i + 1);
  float rate = fset (c, "rate");
  guint32 le;
  memcpy (&le, &rate, 4);
  le = GUINT32_TO_LE (le);
  initializer (c, name, TENSOR_FLOAT, NULL, 0, &le, 4);
  const char *extra[] = { name };
  step (c, "Dropout", extra, 1, NULL, TRUE);
}

static void
onnx_batchnorm (Ctx *c)
{
  g_autofree char *scale = tensor (c, 0, NULL, 0);
  g_autofree char *bias = tensor (c, 1, NULL, 0);
  g_autofree char *mean = tensor (c, 2, NULL, 0);
  g_autofree char *var = tensor (c, 3, NULL, 0);
  const char *extra[] = { scale, bias, mean, var };
  GByteArray *a = g_byte_array_new ();
  attr_float (a, "epsilon", fset (c, "eps"));
  /* ONNX's momentum weighs the old running value: 1 - ours (PyTorch's). */
  attr_float (a, "momentum", 1.0f - fset (c, "momentum"));
  step (c, "BatchNormalization", extra, 4, a, TRUE);
}

static void
onnx_plain (Ctx *c, const char *op)
{
  step (c, op, NULL, 0, NULL, TRUE);
}

static void
onnx_sigmoid (Ctx *c)
{
  onnx_plain (c, "Sigmoid");
}

static void
onnx_tanh (Ctx *c)
{
  onnx_plain (c, "Tanh");
}

static void
onnx_relu (Ctx *c)
{
  onnx_plain (c, "Relu");
}

static void
onnx_alpha (Ctx *c, const char *op, float alpha)
{
  GByteArray *a = g_byte_array_new ();
  attr_float (a, "alpha", alpha);
  step (c, op, NULL, 0, a, TRUE);
}

static void
onnx_leaky_relu (Ctx *c)
{
  onnx_alpha (c, "LeakyRelu", fset (c, "slope"));
}

static void
onnx_elu (Ctx *c)
{
  onnx_alpha (c, "Elu", fset (c, "alpha"));
}

static void
onnx_rrelu (Ctx *c)
{
  /* In evaluation RReLU's slope is the mean of its range. */
  onnx_alpha (c, "LeakyRelu", (float) ((cl_export_setting (c->spec, c->i, "lower")
                                        + cl_export_setting (c->spec, c->i, "upper")) / 2));
}

static void
onnx_prelu (Ctx *c)
{
  /* One slope per channel: [C, 1, 1] broadcasts over maps, [C] over units. */
  g_autofree char *slope = c->flat ? tensor (c, 0, NULL, 0)
                                   : tensor (c, 0, (gint64[]) { c->in.c, 1, 1 }, 3);
  const char *extra[] = { slope };
  step (c, "PRelu", extra, 1, NULL, TRUE);
}

static void
onnx_maxout (Ctx *c)
{
  int k = iset (c, "pieces");
  gboolean over_channels = iset (c, "over") == 0;
  /* Groups of k consecutive channels (or values), then their maximum. */
  if (over_channels && !c->flat)
    reshape (c, (gint64[]) { 0, c->in.c / k, k, c->in.h, c->in.w }, 5, "groups", FALSE);
  else
    reshape (c, (gint64[]) { 0, c->in.c * c->in.h * c->in.w / k, k }, 3, "groups", FALSE);
  GByteArray *a = g_byte_array_new ();
  attr_ints (a, "axes", (gint64[]) { 2 }, 1);
  attr_int (a, "keepdims", 0);
  step (c, "ReduceMax", NULL, 0, a, TRUE);
  if (!over_channels)
    c->flat = TRUE;
}

static void
onnx_softmax (Ctx *c)
{
  /* Over all the values of a sample: on maps, flattened and back. */
  gboolean maps = !c->flat;
  if (maps)
    {
      GByteArray *a = g_byte_array_new ();
      attr_int (a, "axis", 1);
      step (c, "Flatten", NULL, 0, a, FALSE);
    }
  GByteArray *a = g_byte_array_new ();
  attr_int (a, "axis", 1);
  step (c, "Softmax", NULL, 0, a, !maps);
  if (maps)
    reshape (c, (gint64[]) { 0, c->in.c, c->in.h, c->in.w }, 4, "maps", TRUE);
}

typedef struct {
  const char *kind;
  void (*emit) (Ctx *c);
} OnnxKind;

static const OnnxKind onnx_kinds[] = {
  { "Dense", onnx_dense },
  { "Conv2D", onnx_conv2d },
  { "MaxPool2D", onnx_maxpool },
  { "AvgPool2D", onnx_avgpool },
  { "Flatten", onnx_flatten },
  { "Dropout", onnx_dropout },
  { "BatchNorm", onnx_batchnorm },
  { "Sigmoid", onnx_sigmoid },
  { "Tanh", onnx_tanh },
  { "ReLU", onnx_relu },
  { "LeakyReLU", onnx_leaky_relu },
  { "PReLU", onnx_prelu },
  { "ELU", onnx_elu },
  { "RReLU", onnx_rrelu },
  { "Maxout", onnx_maxout },
  { "Softmax", onnx_softmax },
};

static const OnnxKind *
find_onnx_kind (const ClLayerKind *kind, const char *untranslated)
{
  if (untranslated != NULL && cl_export_kind_is (kind, untranslated))
    return NULL;
  for (gsize k = 0; k < G_N_ELEMENTS (onnx_kinds); k++)
    if (cl_export_kind_is (kind, onnx_kinds[k].kind))
      return &onnx_kinds[k];
  return NULL;
}

gboolean
cl_export_onnx_has_kind (const char *name)
{
  for (gsize k = 0; k < G_N_ELEMENTS (onnx_kinds); k++)
    if (g_ascii_strcasecmp (onnx_kinds[k].kind, name) == 0)
      return TRUE;
  return FALSE;
}

/* ValueInfoProto: name 1, type 2 (TypeProto.tensor_type 1: elem_type 1,
 * shape 2: dim 1 (dim_value 1, dim_param 2)); the first dimension is the
 * batch, "N". */
static void
value_info (GByteArray *graph, int field, const char *name, const int *dims, int ndim)
{
  GByteArray *shape = g_byte_array_new ();
  GByteArray *batch = g_byte_array_new ();
  pb_string (batch, 2, "N");
  pb_message (shape, 1, batch);
  for (int d = 0; d < ndim; d++)
    {
      GByteArray *dim = g_byte_array_new ();
      pb_int (dim, 1, dims[d]);
      pb_message (shape, 1, dim);
    }
  GByteArray *tensor_type = g_byte_array_new ();
  pb_int (tensor_type, 1, TENSOR_FLOAT);
  pb_message (tensor_type, 2, shape);
  GByteArray *type = g_byte_array_new ();
  pb_message (type, 1, tensor_type);
  GByteArray *info = g_byte_array_new ();
  pb_string (info, 1, name);
  pb_message (info, 2, type);
  pb_message (graph, field, info);
}

GBytes *
cl_export_onnx_full (const ClDesign *design, ClNet *net, const char *untranslated,
                     GError **error)
{
  const ClNetSpec *spec = cl_net_get_spec (net);
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerPlan *plans = cl_export_plan (spec, error);
  if (plans == NULL)
    return NULL;
  for (int i = 0; i < n; i++)
    if (find_onnx_kind (cl_net_spec_get_layer_kind (spec, i), untranslated) == NULL)
      {
        cl_export_refuse (error, spec, i, "ONNX");
        return NULL;
      }

  Ctx c = { g_byte_array_new (), net, spec, 0, cl_net_spec_get_input (spec), FALSE,
            g_strdup ("input"), NULL, 0 };
  for (int i = 0; i < n; i++)
    {
      g_autofree char *out = i == n - 1 ? g_strdup ("output") : g_strdup_printf ("layer%d", i + 1);
      c.i = i;
      c.out = out;
      c.n_nodes = 0;
      find_onnx_kind (cl_net_spec_get_layer_kind (spec, i), untranslated)->emit (&c);
      c.in = plans[i].out;
    }
  g_free (c.x);

  GByteArray *graph = c.graph;
  g_autofree char *name = g_strdup (design != NULL && design->name != NULL ? design->name : "ConvLab");
  pb_string (graph, 2, name);
  ClShape in = cl_net_spec_get_input (spec), last = plans[n - 1].out;
  value_info (graph, 11, "input", (int[]) { in.c, in.h, in.w }, 3);
  if (c.flat)
    value_info (graph, 12, "output", (int[]) { last.c }, 1);
  else
    value_info (graph, 12, "output", (int[]) { last.c, last.h, last.w }, 3);

  GByteArray *model = g_byte_array_new ();
  pb_int (model, 1, ONNX_IR_VERSION);
  pb_string (model, 2, "ConvLab");
  pb_string (model, 3, PACKAGE_VERSION);
  pb_string (model, 6, "A ConvLab network in evaluation mode; tensors named as in its model file.");
  pb_message (model, 7, graph);
  GByteArray *opset = g_byte_array_new ();
  pb_string (opset, 1, "");
  pb_int (opset, 2, CL_EXPORT_ONNX_OPSET);
  pb_message (model, 8, opset);
  return g_byte_array_free_to_bytes (model);
}

GBytes *
cl_export_onnx (const ClDesign *design, ClNet *net, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  return cl_export_onnx_full (design, net, NULL, error);
}
