#define G_LOG_DOMAIN "cl-bench"

#include "config.h"

#include <omp.h>
#include <stdio.h>
#include <string.h>

#ifdef HAVE_OPENBLAS
#include <cblas.h>
#endif

#include "engine/gemm.h"
#include "engine/gemm-private.h"
#include "engine/net.h"
#include "engine/rng.h"
#include "engine/zoo.h"

/* convlab-bench — throughput of the engine, one JSON line per case and
 * thread count, read by tools/bench (which puts PyTorch beside it):
 *
 *   {"case":"gemm-1024","threads":1,"gflops":…,"openblas_gflops":…,…}
 *   {"case":"lenet5-train","threads":2,"samples_per_s":…}
 *
 * Every case is a line of `cases[]` below: a name, a one-line description and
 * a function that runs the case for about options->seconds on the current
 * OpenMP thread count and fills a BenchResult (best_rate does the timing).
 * Network cases fill samples_per_s (batch 64, the networks of
 * bench/reference/networks.py); GEMM cases fill gflops (and openblas_gflops,
 * the yardstick, when the bench was built with OpenBLAS).  To add a case, write its function and add its
 * line: the options, the JSON and tools/bench pick it up by name.
 *
 * The machine may be busy: each case is timed in rounds of at least ~50 ms
 * and the best round is reported. */

typedef struct _BenchCase BenchCase;

typedef struct {
  double seconds;   /* time each measurement for about this long */
  ClGemmIsa isa;    /* GEMM cases: kernel set to run (--isa), default the best */
} BenchOptions;

typedef struct {
  double samples_per_s;    /* network cases; 0 when not applicable */
  double gflops;           /* GEMM cases */
  double openblas_gflops;  /* GEMM cases: < 0 when OpenBLAS is not built in */
} BenchResult;

typedef struct {
  int m, n, k;
  ClTrans ta, tb;
  /* > 0: `batch` independent GEMMs of this shape, one per sample, spread over
   * the threads by an OpenMP loop over the batch, as a convolution layer does
   * with im2col per sample.  0: one GEMM, threaded inside cl_gemm. */
  int batch;
} GemmShape;

struct _BenchCase {
  const char *name;
  const char *description;
  void (*run) (const BenchCase *bc, const BenchOptions *options, BenchResult *result);
  GemmShape gemm;
};

/* ---- Timing -------------------------------------------------------------- */

typedef void (*WorkFunc) (gpointer data);

/* Calls `work` repeatedly for about `seconds` and returns the best rate, in
 * calls per second, over rounds of at least 50 ms (after one warm-up call). */
static double
best_rate (WorkFunc work, gpointer data, double seconds)
{
  work (data);

  /* Calibrate the round length. */
  int reps = 1;
  for (;;)
    {
      gint64 t0 = g_get_monotonic_time ();
      for (int r = 0; r < reps; r++)
        work (data);
      gint64 dt = g_get_monotonic_time () - t0;
      if (dt >= 50000 || reps >= (1 << 24))
        break;
      reps *= dt > 0 && dt < 12500 ? 4 : 2;
    }

  double best = 0.0;
  gint64 start = g_get_monotonic_time ();
  do
    {
      gint64 t0 = g_get_monotonic_time ();
      for (int r = 0; r < reps; r++)
        work (data);
      gint64 dt = MAX (g_get_monotonic_time () - t0, 1);
      best = MAX (best, reps * 1e6 / dt);
    }
  while (g_get_monotonic_time () - start < seconds * 1e6);
  return best;
}

/* ---- GEMM cases ---------------------------------------------------------- */

typedef struct {
  const GemmShape *s;
  ClGemmIsa isa;
  int lda, ldb, ldc;
  gsize a_size, b_size, c_size;  /* floats per sample */
  float *a, *b, *c;              /* batch (or 1) samples each */
} GemmWork;

static void
gemm_work_init (GemmWork *w, const GemmShape *s)
{
  int samples = MAX (s->batch, 1);
  ClRng rng;

  w->s = s;
  w->lda = s->ta == CL_NO_TRANS ? s->k : s->m;
  w->ldb = s->tb == CL_NO_TRANS ? s->n : s->k;
  w->ldc = s->n;
  w->a_size = (gsize) s->m * s->k;
  w->b_size = (gsize) s->k * s->n;
  w->c_size = (gsize) s->m * s->n;
  w->a = g_new (float, w->a_size * samples);
  w->b = g_new (float, w->b_size * samples);
  w->c = g_new0 (float, w->c_size * samples);
  cl_rng_init (&rng, 42, CL_RNG_STREAM_DATA);
  for (gsize i = 0; i < w->a_size * samples; i++)
    w->a[i] = cl_rng_uniform (&rng) - 0.5f;
  for (gsize i = 0; i < w->b_size * samples; i++)
    w->b[i] = cl_rng_uniform (&rng) - 0.5f;
}

static void
gemm_work_clear (GemmWork *w)
{
  g_free (w->a);
  g_free (w->b);
  g_free (w->c);
}

static void
convlab_gemm_work (gpointer data)
{
  GemmWork *w = data;
  const GemmShape *s = w->s;

  if (s->batch == 0)
    {
      _cl_gemm_with_kernel (w->isa, CL_GEMM_VARIANT_AUTO, s->ta, s->tb, s->m, s->n, s->k, 1.0f,
                            w->a, w->lda, w->b, w->ldb, 0.0f, w->c, w->ldc);
      return;
    }
#pragma omp parallel for schedule(static)
  for (int i = 0; i < s->batch; i++)
    _cl_gemm_with_kernel (w->isa, CL_GEMM_VARIANT_AUTO, s->ta, s->tb, s->m, s->n, s->k, 1.0f,
                          w->a + i * w->a_size, w->lda, w->b + i * w->b_size, w->ldb, 0.0f,
                          w->c + i * w->c_size, w->ldc);
}

#ifdef HAVE_OPENBLAS
static void
openblas_gemm_work (gpointer data)
{
  GemmWork *w = data;
  const GemmShape *s = w->s;
  enum CBLAS_TRANSPOSE ta = s->ta == CL_NO_TRANS ? CblasNoTrans : CblasTrans;
  enum CBLAS_TRANSPOSE tb = s->tb == CL_NO_TRANS ? CblasNoTrans : CblasTrans;

  if (s->batch == 0)
    {
      cblas_sgemm (CblasRowMajor, ta, tb, s->m, s->n, s->k, 1.0f, w->a, w->lda, w->b, w->ldb,
                   0.0f, w->c, w->ldc);
      return;
    }
#pragma omp parallel for schedule(static)
  for (int i = 0; i < s->batch; i++)
    cblas_sgemm (CblasRowMajor, ta, tb, s->m, s->n, s->k, 1.0f, w->a + i * w->a_size, w->lda,
                 w->b + i * w->b_size, w->ldb, 0.0f, w->c + i * w->c_size, w->ldc);
}
#endif

static void
run_gemm_case (const BenchCase *bc, const BenchOptions *options, BenchResult *result)
{
  const GemmShape *s = &bc->gemm;
  double flops = 2.0 * s->m * s->n * s->k * MAX (s->batch, 1);
  double seconds = options->seconds;
  GemmWork w;

  gemm_work_init (&w, s);
  w.isa = options->isa;
  result->gflops = best_rate (convlab_gemm_work, &w, seconds) * flops * 1e-9;
#ifdef HAVE_OPENBLAS
  /* In the loop over the batch each call stays on its thread, as ours do. */
  openblas_set_num_threads (s->batch > 0 ? 1 : omp_get_max_threads ());
  result->openblas_gflops = best_rate (openblas_gemm_work, &w, seconds) * flops * 1e-9;
#endif
  gemm_work_clear (&w);
}

/* ---- Network cases ------------------------------------------------------- */

/* As bench/reference/bench.py: batch 64, 16 batches of synthetic data
 * (uniform pixels in [0, 1), uniform labels) taken in turn, SGD with
 * momentum 0.9 and learning rate 0.01, softmax cross-entropy.  A training
 * sample counts a whole step (forward, loss, backward, update); evaluation
 * is the forward pass in evaluation mode (dropout off) with the loss. */
#define NET_BATCH   64
#define NET_BATCHES 16

typedef struct {
  ClNet *net;
  float *x;
  gint32 *labels;
  gsize sample_size;
  int position;
  gboolean train;
} NetWork;

static void
net_work (gpointer data)
{
  NetWork *w = data;
  g_autoptr (GError) error = NULL;
  const float *x = w->x + (gsize) w->position * NET_BATCH * w->sample_size;
  const gint32 *labels = w->labels + w->position * NET_BATCH;
  gboolean ok;

  w->position = (w->position + 1) % NET_BATCHES;
  if (w->train)
    ok = cl_net_train_step (w->net, x, labels, NULL, NET_BATCH, NULL, &error);
  else
    ok = cl_net_evaluate (w->net, x, labels, NULL, NET_BATCH, NULL, &error);
  /* A diverged network would be measured on a shortcut: say so loudly. */
  if (!ok)
    g_error ("convlab-bench: %s", error->message);
}

static void
run_net_case (const BenchCase *bc, const BenchOptions *options, BenchResult *result)
{
  g_autofree char *zoo_name = g_strndup (bc->name, strcspn (bc->name, "-"));
  ClNetSpec *spec = cl_net_spec_new_from_zoo (zoo_name);
  g_autoptr (GError) error = NULL;
  NetWork w = { NULL };
  ClRng rng;

  g_assert (spec != NULL);
  w.net = cl_net_new (spec, NET_BATCH, &error);
  cl_net_spec_free (spec);
  if (w.net == NULL)
    g_error ("convlab-bench: %s", error->message);
  ClTrainSettings *train = cl_net_get_train (w.net);
  train->loss = CL_LOSS_CROSS_ENTROPY;
  train->optimiser = CL_OPTIM_MOMENTUM;
  train->lr = 0.01;
  train->momentum = 0.9;
  train->weight_decay = 0.0;
  cl_net_init (w.net, 1);

  ClShape in = cl_net_get_input_shape (w.net);
  w.sample_size = (gsize) in.c * in.h * in.w;
  w.x = g_new (float, w.sample_size * NET_BATCH * NET_BATCHES);
  w.labels = g_new (gint32, NET_BATCH * NET_BATCHES);
  cl_rng_init (&rng, 42, CL_RNG_STREAM_DATA);
  for (gsize i = 0; i < w.sample_size * NET_BATCH * NET_BATCHES; i++)
    w.x[i] = cl_rng_uniform (&rng);
  for (int i = 0; i < NET_BATCH * NET_BATCHES; i++)
    w.labels[i] = (gint32) (cl_rng_uniform (&rng) * 10.0f) % 10;
  w.train = g_str_has_suffix (bc->name, "-train");

  result->samples_per_s = best_rate (net_work, &w, options->seconds) * NET_BATCH;

  cl_net_free (w.net);
  g_free (w.x);
  g_free (w.labels);
}

/* ---- The cases ----------------------------------------------------------- */

#define N CL_NO_TRANS
#define T CL_TRANS

/* LeNet-5 on 28x28x1, batch 64, convolutions as im2col + GEMM per sample
 * (out[oc][hw] = W[oc][ic*kh*kw] . col[ic*kh*kw][hw]), dense layers as one
 * GEMM over the batch with W stored [out][in] as PyTorch does:
 *
 *   conv1  6@5x5 pad 2:  W 6x25,   col 25x784  -> fwd 6x784x25
 *          dW = dout . col^T (6x25x784, NT), dcol = W^T . dout (25x784x6, TN)
 *   conv2 16@5x5 on 14x14x6: W 16x150, col 150x100 -> fwd 16x100x150,
 *          dW 16x150x100 (NT), dcol 150x100x16 (TN)
 *   fc1  400->120: Y = X W^T 64x120x400 (NT), dW = dY^T X 120x400x64 (TN),
 *          dX = dY W 64x400x120 (NN)
 *   fc2  120->84 and fc3 84->10 likewise.
 *
 * (conv1's dcol is not needed in training, the input has no gradient; it is
 * measured all the same as the shape family.) */
static const BenchCase cases[] = {
  { "gemm-1024", "GEMM 1024x1024x1024, NN", run_gemm_case, { 1024, 1024, 1024, N, N, 0 } },

  { "gemm-lenet-conv1-fwd", "LeNet conv1 forward, per sample x64", run_gemm_case,
    { 6, 784, 25, N, N, 64 } },
  { "gemm-lenet-conv1-dw", "LeNet conv1 weight gradient, per sample x64", run_gemm_case,
    { 6, 25, 784, N, T, 64 } },
  { "gemm-lenet-conv1-dx", "LeNet conv1 input gradient, per sample x64", run_gemm_case,
    { 25, 784, 6, T, N, 64 } },
  { "gemm-lenet-conv2-fwd", "LeNet conv2 forward, per sample x64", run_gemm_case,
    { 16, 100, 150, N, N, 64 } },
  { "gemm-lenet-conv2-dw", "LeNet conv2 weight gradient, per sample x64", run_gemm_case,
    { 16, 150, 100, N, T, 64 } },
  { "gemm-lenet-conv2-dx", "LeNet conv2 input gradient, per sample x64", run_gemm_case,
    { 150, 100, 16, T, N, 64 } },
  { "gemm-lenet-fc1-fwd", "LeNet dense 400->120 forward, batch 64", run_gemm_case,
    { 64, 120, 400, N, T, 0 } },
  { "gemm-lenet-fc1-dw", "LeNet dense 400->120 weight gradient", run_gemm_case,
    { 120, 400, 64, T, N, 0 } },
  { "gemm-lenet-fc1-dx", "LeNet dense 400->120 input gradient", run_gemm_case,
    { 64, 400, 120, N, N, 0 } },
  { "gemm-lenet-fc2-fwd", "LeNet dense 120->84 forward, batch 64", run_gemm_case,
    { 64, 84, 120, N, T, 0 } },
  { "gemm-lenet-fc2-dw", "LeNet dense 120->84 weight gradient", run_gemm_case,
    { 84, 120, 64, T, N, 0 } },
  { "gemm-lenet-fc2-dx", "LeNet dense 120->84 input gradient", run_gemm_case,
    { 64, 120, 84, N, N, 0 } },
  { "gemm-lenet-fc3-fwd", "LeNet dense 84->10 forward, batch 64", run_gemm_case,
    { 64, 10, 84, N, T, 0 } },
  { "gemm-lenet-fc3-dw", "LeNet dense 84->10 weight gradient", run_gemm_case,
    { 10, 84, 64, T, N, 0 } },
  { "gemm-lenet-fc3-dx", "LeNet dense 84->10 input gradient", run_gemm_case,
    { 64, 84, 10, N, N, 0 } },

  /* Network cases (samples/s, batch 64): the designs of engine/zoo.c, the
   * same networks as bench/reference/networks.py. */
  { "lenet5-train", "LeNet-5 training steps, batch 64, SGD momentum", run_net_case },
  { "lenet5-eval", "LeNet-5 evaluation, batch 64", run_net_case },
  { "cnn3-train", "3-conv CNN training steps, batch 64, SGD momentum", run_net_case },
  { "cnn3-eval", "3-conv CNN evaluation, batch 64", run_net_case },
  { "mlp-train", "MLP 784-256-128-10 training steps, batch 64, SGD momentum", run_net_case },
  { "mlp-eval", "MLP 784-256-128-10 evaluation, batch 64", run_net_case },
};

#undef N
#undef T

/* ---- Main ---------------------------------------------------------------- */

static void
print_result (const BenchCase *bc, const BenchOptions *options, int threads,
              const BenchResult *r)
{
  GString *line = g_string_new (NULL);
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_formatd: a JSON number whatever the locale. */
  g_string_append_printf (line, "{\"case\":\"%s\",\"threads\":%d", bc->name, threads);
  if (bc->run == run_gemm_case)
    {
      const GemmShape *s = &bc->gemm;
      g_string_append_printf (line, ",\"gflops\":%s",
                              g_ascii_formatd (num, sizeof num, "%.2f", r->gflops));
      if (r->openblas_gflops >= 0)
        g_string_append_printf (line, ",\"openblas_gflops\":%s",
                                g_ascii_formatd (num, sizeof num, "%.2f", r->openblas_gflops));
      else
        g_string_append (line, ",\"openblas_gflops\":null");
      g_string_append_printf (line, ",\"m\":%d,\"n\":%d,\"k\":%d,\"trans\":\"%c%c\",\"batch\":%d",
                              s->m, s->n, s->k, s->ta == CL_NO_TRANS ? 'N' : 'T',
                              s->tb == CL_NO_TRANS ? 'N' : 'T', s->batch);
      g_string_append_printf (line, ",\"kernel\":\"%s\"",
                              _cl_gemm_chosen_variant (options->isa, s->ta, s->tb,
                                                       s->m, s->n, s->k));
    }
  else
    g_string_append_printf (line, ",\"samples_per_s\":%s",
                            g_ascii_formatd (num, sizeof num, "%.1f", r->samples_per_s));
  g_string_append (line, "}\n");
  fputs (line->str, stdout);
  fflush (stdout);
  g_string_free (line, TRUE);
}

int
main (int argc, char **argv)
{
  int threads = 0;
  char **case_patterns = NULL;
  double seconds = 1.0;
  g_autofree char *isa_name = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads,
      "Run with N OpenMP threads (default: 1, then 2)", "N" },
    { "case", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &case_patterns,
      "Run the cases whose name matches PATTERN (* and ? allowed; repeatable)", "PATTERN" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds,
      "Time each measurement for about S seconds (default 1)", "S" },
    { "isa", 0, 0, G_OPTION_ARG_STRING, &isa_name,
      "GEMM cases: run the avx512, avx2 or sse2 kernels instead of the best this CPU has "
      "(what a laptop without AVX-512 gets)", "NAME" },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, "List the cases and exit", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- ConvLab throughput benchmarks");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("convlab-bench: %s\n", error->message);
      return 2;
    }
  if (threads < 0 || seconds <= 0)
    {
      g_printerr ("convlab-bench: --threads must be at least 1 and --seconds positive.\n");
      return 2;
    }

  BenchOptions options = { seconds, CL_GEMM_ISA_AUTO };
  if (isa_name != NULL)
    {
      static const ClGemmIsa isas[] = { CL_GEMM_ISA_SSE2, CL_GEMM_ISA_AVX2, CL_GEMM_ISA_AVX512 };
      gboolean found = FALSE;
      for (gsize i = 0; i < G_N_ELEMENTS (isas) && !found; i++)
        if (g_str_equal (isa_name, _cl_gemm_isa_name (isas[i])))
          {
            options.isa = isas[i];
            found = TRUE;
          }
      if (!found || !_cl_gemm_isa_supported (options.isa))
        {
          g_printerr ("convlab-bench: --isa %s: this CPU cannot run it (avx512, avx2, sse2).\n",
                      isa_name);
          return 2;
        }
    }

  if (list)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
        g_print ("%-24s %s\n", cases[i].name, cases[i].description);
      return 0;
    }

#ifndef HAVE_OPENBLAS
  g_printerr ("convlab-bench: built without OpenBLAS, no yardstick for the GEMM cases "
              "(install libopenblas-dev and reconfigure).\n");
#endif

  int thread_counts[2] = { 1, 2 };
  int n_counts = 2;
  if (threads > 0)
    {
      thread_counts[0] = threads;
      n_counts = 1;
    }

  int matched = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean wanted = case_patterns == NULL;
      for (char **p = case_patterns; p != NULL && *p != NULL; p++)
        wanted = wanted || g_pattern_match_simple (*p, cases[i].name);
      if (!wanted)
        continue;
      matched++;
      for (int t = 0; t < n_counts; t++)
        {
          BenchResult result = { 0.0, 0.0, -1.0 };
          omp_set_num_threads (thread_counts[t]);
          cases[i].run (&cases[i], &options, &result);
          print_result (&cases[i], &options, thread_counts[t], &result);
        }
    }
  g_strfreev (case_patterns);

  if (matched == 0)
    {
      g_printerr ("convlab-bench: no case matches; --list shows them.\n");
      return 1;
    }
  return 0;
}
