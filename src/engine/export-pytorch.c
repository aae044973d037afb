#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/export-private.h"
#include "export-pytorch-runtime.h"

/* The design as a PyTorch script: a generated part (the docstring, the
 * design, class Net with one line per layer in __init__, reset_parameters
 * and forward) inserted into the fixed part, export-pytorch-runtime.py
 * (loader, data, training loop, command line).
 *
 * Tensors keep our layout: activations are NCHW while a layer's output has
 * maps, and (N, units) after Dense, Flatten and Maxout over units, which
 * ConvLab stores as units×1×1; `flat` follows which one x is, and a layer
 * that needs maps after a flat one gets x.view (N, C, 1, 1). */

typedef struct {
  GString *init;     /* lines of __init__ */
  GString *reset;    /* lines of reset_parameters */
  GString *forward;  /* lines of forward */
  const ClNetSpec *spec;
  int i;             /* the layer, 0-based */
  const ClLayerPlan *plan;
  ClShape in;
  gboolean flat;     /* x is (N, C) rather than (N, C, H, W) */
} Ctx;

/* A number as Python reads it, whatever the locale: 0.5, never 0,5. */
static const char *
num (char buf[G_ASCII_DTOSTR_BUF_SIZE], double v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.9g", v);
}

static int
iset (const Ctx *c, const char *name)
{
  return (int) cl_export_setting (c->spec, c->i, name);
}

static double
fset (const Ctx *c, const char *name)
{
  return cl_export_setting (c->spec, c->i, name);
}

/* "layer3" and its module key "conv2d". */
static char *
module_ref (const Ctx *c)
{
  g_autofree char *lower = g_ascii_strdown (cl_net_spec_get_layer_kind (c->spec, c->i)->name, -1);
  return g_strdup_printf ("self.layer%d[\"%s\"]", c->i + 1, lower);
}

static void
add_module (const Ctx *c, const char *constructor)
{
  g_autofree char *lower = g_ascii_strdown (cl_net_spec_get_layer_kind (c->spec, c->i)->name, -1);
  g_string_append_printf (c->init, "        self.layer%d = nn.ModuleDict({\"%s\": %s})\n",
                          c->i + 1, lower, constructor);
}

static void
need_maps (Ctx *c)
{
  if (c->flat)
    g_string_append_printf (c->forward, "        x = x.view(-1, %d, %d, %d)\n",
                            c->in.c, c->in.h, c->in.w);
  c->flat = FALSE;
}

static void
py_dense (Ctx *c)
{
  int n_in = c->in.c * c->in.h * c->in.w;
  g_autofree char *m = g_strdup_printf ("nn.Linear(%d, %d, bias=%s)", n_in, iset (c, "units"),
                                        iset (c, "bias") ? "True" : "False");
  add_module (c, m);
  g_autofree char *ref = module_ref (c);
  g_string_append_printf (c->forward, "        x = %s(x%s)\n", ref, c->flat ? "" : ".flatten(1)");
  c->flat = TRUE;
}

static void
py_conv2d (Ctx *c)
{
  int pad;
  /* Symmetric zeros on every side, as conv_pad () in layer-conv2d.c. */
  switch (iset (c, "padding"))
    {
    case 0:  /* same: (k - 1) / 2 on every side, odd kernels only */
      pad = (iset (c, "kernel") - 1) / 2;
      break;
    case 1:
      pad = 0;
      break;
    default:
      pad = iset (c, "pad");
      break;
    }
  need_maps (c);
  g_autofree char *m = g_strdup_printf ("nn.Conv2d(%d, %d, %d, stride=%d, padding=%d, bias=%s)",
                                        c->in.c, iset (c, "filters"), iset (c, "kernel"),
                                        iset (c, "stride"), pad, iset (c, "bias") ? "True" : "False");
  add_module (c, m);
  g_autofree char *ref = module_ref (c);
  g_string_append_printf (c->forward, "        x = %s(x)\n", ref);
}

static void
py_pool (Ctx *c, const char *fn)
{
  need_maps (c);
  /* No padding, floor: our pooling's output size. */
  g_string_append_printf (c->forward, "        x = F.%s(x, %d, stride=%d)\n", fn,
                          iset (c, "size"), iset (c, "stride"));
}

static void
py_maxpool (Ctx *c)
{
  py_pool (c, "max_pool2d");
}

static void
py_avgpool (Ctx *c)
{
  py_pool (c, "avg_pool2d");
}

static void
py_flatten (Ctx *c)
{
  g_string_append (c->forward, "        x = x.flatten(1)\n");
  c->flat = TRUE;
}

static void
py_dropout (Ctx *c)
{
  char b[G_ASCII_DTOSTR_BUF_SIZE];
  /* Inverted dropout in training, the identity in evaluation, as ours. */
  g_string_append_printf (c->forward, "        x = F.dropout(x, %s, self.training)\n",
                          num (b, fset (c, "rate")));
}

static void
py_batchnorm (Ctx *c)
{
  char e[G_ASCII_DTOSTR_BUF_SIZE], m[G_ASCII_DTOSTR_BUF_SIZE];
  /* Per channel, or per unit on (N, units): BatchNorm2d or 1d, the same
   * tensors and the same rule (unbiased running variance). */
  g_autofree char *ctor = g_strdup_printf ("nn.BatchNorm%dd(%d, eps=%s, momentum=%s)",
                                           c->flat ? 1 : 2, c->in.c, num (e, fset (c, "eps")),
                                           num (m, fset (c, "momentum")));
  add_module (c, ctor);
  g_autofree char *ref = module_ref (c);
  g_string_append_printf (c->forward, "        x = %s(x)\n", ref);
}

static void
py_simple (Ctx *c, const char *expr)
{
  g_string_append_printf (c->forward, "        x = %s\n", expr);
}

static void
py_sigmoid (Ctx *c)
{
  py_simple (c, "torch.sigmoid(x)");
}

static void
py_tanh (Ctx *c)
{
  py_simple (c, "torch.tanh(x)");
}

static void
py_relu (Ctx *c)
{
  py_simple (c, "F.relu(x)");
}

static void
py_leaky_relu (Ctx *c)
{
  char b[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append_printf (c->forward, "        x = F.leaky_relu(x, %s)\n", num (b, fset (c, "slope")));
}

static void
py_elu (Ctx *c)
{
  char b[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append_printf (c->forward, "        x = F.elu(x, %s)\n", num (b, fset (c, "alpha")));
}

static void
py_rrelu (Ctx *c)
{
  char l[G_ASCII_DTOSTR_BUF_SIZE], u[G_ASCII_DTOSTR_BUF_SIZE];
  /* A random slope in [lower, upper] per value in training, their mean in
   * evaluation: torch's rrelu is the same rule. */
  g_string_append_printf (c->forward, "        x = F.rrelu(x, %s, %s, self.training)\n",
                          num (l, fset (c, "lower")), num (u, fset (c, "upper")));
}

static void
py_prelu (Ctx *c)
{
  /* One slope per channel (per unit on (N, units)), dim 1 either way. */
  g_autofree char *ctor = g_strdup_printf ("nn.PReLU(%d, init=0.25)", c->in.c);
  add_module (c, ctor);
  g_autofree char *ref = module_ref (c);
  g_string_append_printf (c->forward, "        x = %s(x)\n", ref);
}

static void
py_maxout (Ctx *c)
{
  int k = iset (c, "pieces");
  /* Groups of k consecutive channels (or values of the flattened input),
   * the maximum of each: Maxout has no module in PyTorch. */
  if (iset (c, "over") == 0)
    {
      if (c->flat)
        g_string_append_printf (c->forward, "        x = x.view(-1, %d, %d).amax(2)\n",
                                c->in.c / k, k);
      else
        g_string_append_printf (c->forward, "        x = x.view(-1, %d, %d, %d, %d).amax(2)\n",
                                c->in.c / k, k, c->in.h, c->in.w);
    }
  else
    {
      g_string_append_printf (c->forward, "        x = x.reshape(-1, %d, %d).amax(2)\n",
                              c->in.c * c->in.h * c->in.w / k, k);
      c->flat = TRUE;
    }
}

static void
py_softmax (Ctx *c)
{
  /* Over all the values of a sample. */
  if (c->flat)
    g_string_append (c->forward, "        x = torch.softmax(x, 1)\n");
  else
    g_string_append (c->forward, "        x = torch.softmax(x.flatten(1), 1).view_as(x)\n");
}

typedef struct {
  const char *kind;
  void (*emit) (Ctx *c);
} PyKind;

static const PyKind py_kinds[] = {
  { "Dense", py_dense },
  { "Conv2D", py_conv2d },
  { "MaxPool2D", py_maxpool },
  { "AvgPool2D", py_avgpool },
  { "Flatten", py_flatten },
  { "Dropout", py_dropout },
  { "BatchNorm", py_batchnorm },
  { "Sigmoid", py_sigmoid },
  { "Tanh", py_tanh },
  { "ReLU", py_relu },
  { "LeakyReLU", py_leaky_relu },
  { "PReLU", py_prelu },
  { "ELU", py_elu },
  { "RReLU", py_rrelu },
  { "Maxout", py_maxout },
  { "Softmax", py_softmax },
};

static const PyKind *
find_py_kind (const ClLayerKind *kind, const char *untranslated)
{
  if (untranslated != NULL && cl_export_kind_is (kind, untranslated))
    return NULL;
  for (gsize k = 0; k < G_N_ELEMENTS (py_kinds); k++)
    if (cl_export_kind_is (kind, py_kinds[k].kind))
      return &py_kinds[k];
  return NULL;
}

gboolean
cl_export_pytorch_has_kind (const char *name)
{
  for (gsize k = 0; k < G_N_ELEMENTS (py_kinds); k++)
    if (g_ascii_strcasecmp (py_kinds[k].kind, name) == 0)
      return TRUE;
  return FALSE;
}

/* The initialisation of one trained tensor: ConvLab's distribution (the
 * numbers differ: PyTorch draws them). */
static void
emit_reset (Ctx *c, int j)
{
  const ClTensorInfo *t = &c->plan->params[j];
  char a[G_ASCII_DTOSTR_BUF_SIZE];
  double value;
  ClInitKind init = cl_net_spec_resolve_init (c->spec, c->i, &value);
  g_autofree char *ref = module_ref (c);
  g_autofree char *tensor = g_strdup_printf ("%s.%s", ref, t->name);
  double fin = c->plan->fan_in, fans = c->plan->fan_in + c->plan->fan_out;

  if (t->fill == CL_FILL_VALUE)
    {
      g_string_append_printf (c->reset, "        nn.init.constant_(%s, %s)\n", tensor,
                              num (a, t->value));
      return;
    }
  if (t->fill == CL_FILL_ZERO)
    {
      if (init == CL_INIT_CONSTANT)
        g_string_append_printf (c->reset, "        nn.init.constant_(%s, %s)\n", tensor,
                                num (a, value));
      else
        g_string_append_printf (c->reset, "        nn.init.zeros_(%s)\n", tensor);
      return;
    }
  switch (init)
    {
    case CL_INIT_ZEROS:
      g_string_append_printf (c->reset, "        nn.init.zeros_(%s)\n", tensor);
      break;
    case CL_INIT_CONSTANT:
      g_string_append_printf (c->reset, "        nn.init.constant_(%s, %s)\n", tensor, num (a, value));
      break;
    case CL_INIT_UNIFORM:
      g_string_append_printf (c->reset, "        nn.init.uniform_(%s, -%s, %s)\n", tensor,
                              num (a, value), a);
      break;
    case CL_INIT_NORMAL:
      g_string_append_printf (c->reset, "        nn.init.normal_(%s, 0.0, %s)\n", tensor, num (a, value));
      break;
    case CL_INIT_XAVIER_UNIFORM:
      g_string_append_printf (c->reset, "        nn.init.uniform_(%s, -%s, %s)  # Xavier: sqrt(6 / (fan_in + fan_out))\n",
                              tensor, num (a, sqrt (6.0 / fans)), a);
      break;
    case CL_INIT_XAVIER_NORMAL:
      g_string_append_printf (c->reset, "        nn.init.normal_(%s, 0.0, %s)  # Xavier: sqrt(2 / (fan_in + fan_out))\n",
                              tensor, num (a, sqrt (2.0 / fans)));
      break;
    case CL_INIT_HE_UNIFORM:
      g_string_append_printf (c->reset, "        nn.init.uniform_(%s, -%s, %s)  # He: sqrt(6 / fan_in)\n",
                              tensor, num (a, sqrt (6.0 / fin)), a);
      break;
    case CL_INIT_HE_NORMAL:
    case CL_INIT_DEFAULT:
    default:
      g_string_append_printf (c->reset, "        nn.init.normal_(%s, 0.0, %s)  # He: sqrt(2 / fan_in)\n",
                              tensor, num (a, sqrt (2.0 / fin)));
      break;
    }
}

/* The settings of a layer as the inspector names them: "units=10, bias=1". */
static char *
describe_settings (const ClNetSpec *spec, int i)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
  const double *values = cl_net_spec_get_settings (spec, i);
  GString *out = g_string_new (NULL);
  char b[G_ASCII_DTOSTR_BUF_SIZE];

  for (int s = 0; s < kind->n_settings; s++)
    {
      const ClSettingDesc *d = &kind->settings[s];
      if (s > 0)
        g_string_append (out, ", ");
      if (d->type == CL_SETTING_CHOICE)
        g_string_append_printf (out, "%s %s", d->name, d->choices[(int) values[s]]);
      else
        g_string_append_printf (out, "%s %s", d->name, num (b, values[s]));
    }
  return g_string_free (out, FALSE);
}

/* A Python string literal holding `text`. */
static void
append_py_string (GString *out, const char *text)
{
  g_string_append (out, "'''");
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\\' || *p == '\'')
      g_string_append_printf (out, "\\%c", *p);
    else
      g_string_append_c (out, *p);
  g_string_append (out, "'''");
}

/* A single-line text for a comment or the docstring. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");
  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\\' || *p == '"')
      *p = ' ';
  return copy;
}

static char *
header (const ClDesign *design, guint64 total)
{
  g_autofree char *name = one_line (design->name != NULL ? design->name : "network");
  g_autofree char *source = one_line (design->data.source);
  ClShape in = cl_net_spec_get_input (design->spec);
  return g_strdup_printf (
    "r\"\"\"%s: a ConvLab design as a PyTorch script (ConvLab %s).\n"
    "\n"
    "Input %d×%d×%d (channels×height×width), %" G_GUINT64_FORMAT " parameters; data: %s.\n"
    "The parameters carry the names of ConvLab's model files, so a model saved\n"
    "by ConvLab loads with no renaming, and --save writes one ConvLab opens.\n"
    "\n"
    "  python3 net.py --weights MODEL.safetensors --evaluate\n"
    "      test accuracy and loss, in the words of `convlab-cli eval`\n"
    "  python3 net.py --epochs N --save OUT.safetensors [--weights START.safetensors]\n"
    "      trains (on CUDA when there is a GPU) and saves a model for ConvLab\n"
    "  --data idx:DIR | cifar10:DIR | folder:DIR | toy:xor …   other data\n"
    "\n"
    "On several GPUs or machines, torchrun starts one process per GPU and\n"
    "DistributedDataParallel averages their gradients; each process trains on\n"
    "its share of every epoch with --batch-size samples a step:\n"
    "  torchrun --nproc_per_node 4 net.py --epochs 20 --save out.safetensors\n"
    "  torchrun --nnodes 2 --node_rank R --master_addr HOST --master_port 29500 \\\n"
    "           --nproc_per_node 4 net.py --epochs 20 --save out.safetensors\n"
    "(the same command on each machine, R = 0 on HOST, 1 on the other).\n"
    "Debian 12's torchrun (PyTorch 1.13 on Python 3.11) fails on its own default\n"
    "output options: add --redirects 1 --tee 1 after torchrun there.\n"
    "\n"
    "What is the same as in ConvLab: the layers and their arithmetic, the\n"
    "losses, the optimiser and its settings, the batch size, the epochs, the\n"
    "initialisations' distributions, the data sets read from files (IDX,\n"
    "Fashion-MNIST installed by Debian's dataset-fashion-mnist, CIFAR-10,\n"
    "image folders) with the same scaling and normalisation, and the toy sets\n"
    "(the same generator and seed: the same points).\n"
    "What is not reproduced: the random numbers of initialisation, shuffling\n"
    "and dropout (PyTorch draws its own), the embedded data (the Fashion-MNIST\n"
    "subset and the Photos set are compiled into ConvLab: give a folder of\n"
    "files with --data instead), folder images are resized by Pillow rather\n"
    "than gdk-pixbuf (bilinear both, pixels may differ slightly), the\n"
    "augmentation of the training images and a training set cut to fewer\n"
    "images (the design's augment and train_limit: the full set, as it is).\n"
    "\"\"\"",
    name, PACKAGE_VERSION, in.c, in.h, in.w, total, source);
}

char *
cl_export_pytorch_full (const ClDesign *design, const char *untranslated, GError **error)
{
  const ClNetSpec *spec = design->spec;
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerPlan *plans = cl_export_plan (spec, error);
  if (plans == NULL)
    return NULL;
  for (int i = 0; i < n; i++)
    if (find_py_kind (cl_net_spec_get_layer_kind (spec, i), untranslated) == NULL)
      {
        cl_export_refuse (error, spec, i, "PyTorch");
        return NULL;
      }

  g_autoptr(GString) init = g_string_new (NULL);
  g_autoptr(GString) reset = g_string_new (NULL);
  g_autoptr(GString) forward = g_string_new (NULL);
  Ctx c = { init, reset, forward, spec, 0, NULL, cl_net_spec_get_input (spec), FALSE };
  guint64 total = 0;
  for (int i = 0; i < n; i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
      guint64 count = 0;
      for (int j = 0; j < plans[i].n_params; j++)
        count += plans[i].params[j].count;
      total += count;
      g_autofree char *settings = describe_settings (spec, i);
      ClShape out = plans[i].out;
      /* The canvas's caption of the block, above its code. */
      g_autofree char *caption = g_strdup_printf (
        "        # layer%d %s%s%s%s → %d×%d×%d, %" G_GUINT64_FORMAT " parameters\n", i + 1,
        kind->name, *settings != '\0' ? " (" : "", settings, *settings != '\0' ? ")" : "",
        out.c, out.h, out.w, count);
      if (plans[i].n_params > 0)
        g_string_append (init, caption);
      if (i == n - 1)
        g_string_append (forward, "        if before_last:\n            return x\n");
      g_string_append (forward, caption);
      c.i = i;
      c.plan = &plans[i];
      find_py_kind (kind, untranslated)->emit (&c);
      for (int j = 0; j < plans[i].n_params; j++)
        emit_reset (&c, j);
      c.in = out;
    }

  g_autofree char *design_json = cl_design_to_json (design);
  g_autoptr(GString) net = g_string_new ("DESIGN_JSON = ");
  append_py_string (net, design_json);
  g_string_append (net, "\nDESIGN = json.loads(DESIGN_JSON)\n\n\n");
  ClShape in = cl_net_spec_get_input (spec), last = plans[n - 1].out;
  g_string_append_printf (net,
    "class Net(nn.Module):\n"
    "    \"\"\"Input N×%d×%d×%d, output N×%d (×%d×%d); %" G_GUINT64_FORMAT " parameters.\n"
    "    Each layer with parameters is a ModuleDict {kind: module}, so the\n"
    "    state dict's names are ConvLab's: layer1.conv2d.weight.\"\"\"\n"
    "\n"
    "    LAST_KIND = \"%s\"\n"
    "\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "%s"
    "        self.reset_parameters()\n"
    "\n"
    "    def reset_parameters(self):\n"
    "        \"\"\"ConvLab's initialisation: the same distributions (PyTorch draws the numbers).\"\"\"\n"
    "%s"
    "        return\n"
    "\n"
    "    def last_is(self, kind):\n"
    "        return self.LAST_KIND == kind\n"
    "\n"
    "    def forward(self, x, before_last=False):\n"
    "        \"\"\"x: N×%d×%d×%d.  before_last: stop before the last layer (the\n"
    "        logits before a final Softmax or Sigmoid, for the loss).\"\"\"\n"
    "%s"
    "        return x\n",
    in.c, in.h, in.w, last.c, last.h, last.w, total,
    cl_net_spec_get_layer_kind (spec, n - 1)->name, init->str, reset->str,
    in.c, in.h, in.w, forward->str);

  g_autofree char *head = header (design, total);
  GString *script = g_string_new (cl_export_pytorch_runtime);
  /* The markers are whole comment lines of the runtime file. */
  const char *markers[] = { "# @HEADER@", "# @NETWORK@" };
  const char *texts[] = { head, net->str };
  for (int m = 0; m < 2; m++)
    {
      const char *at = strstr (script->str, markers[m]);
      g_assert (at != NULL);
      gsize pos = at - script->str;
      g_string_erase (script, pos, strlen (markers[m]));
      g_string_insert (script, pos, texts[m]);
    }
  return g_string_free (script, FALSE);
}

char *
cl_export_pytorch (const ClDesign *design, GError **error)
{
  g_return_val_if_fail (design != NULL && design->spec != NULL, NULL);
  return cl_export_pytorch_full (design, NULL, error);
}
