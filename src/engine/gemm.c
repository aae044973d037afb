#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include "engine/omp-compat.h"
#include <string.h>

/* x86-64 only: every x86-64 CPU has SSE2, which the fallback kernels use
 * without a target attribute; 32-bit x86 (Debian's i386 is i686, without
 * SSE2) takes the generic vectors. */
#if defined(__x86_64__)
#include <immintrin.h>
#define CL_GEMM_X86 1
#endif

#include "engine/gemm.h"
#include "engine/gemm-private.h"

/* How cl_gemm is fast
 * -------------------
 * GotoBLAS/BLIS blocking (gemm-kernel.h): op(B) is packed K_KC rows by K_NC
 * columns at a time, op(A) K_MC rows by K_KC at a time, both into contiguous
 * micro-panels, and a register-blocked micro-kernel computes K_MR x K_NR tiles
 * of C with vector FMAs.  The template is compiled for AVX-512F, AVX2+FMA and
 * SSE2 (every x86-64 has it), a few tile shapes each, and cl_gemm asks the
 * CPU at each call which set to run (__builtin_cpu_supports reads flags
 * libgcc filled in at start-up: a load and a test, and no state of our own),
 * then picks the tile shape that fits m and n (choose_variant).
 *
 * A B^T with a small C and a long k skips packing altogether: gemm-dot.h
 * computes blocked dot products straight from A and B (use_dot).
 *
 * Threads split C into rectangles, never k: each thread runs the serial
 * blocked algorithm on the rectangles it takes, with its own packing buffer,
 * so every element is summed in the same order whatever the thread count,
 * and no barrier or shared buffer is needed.  Inside an enclosing parallel region
 * (the layers' loop over the batch) cl_gemm stays on the calling thread.
 *
 * Packing buffers: one per thread, grown on demand and kept for the thread's
 * life in a GPrivate whose destructor frees it when the thread exits.  That
 * is the one piece of mutable state outside the caller's arrays; it exists
 * because allocating (and first-touching) hundreds of kilobytes per call
 * would cost more than the multiplication itself for the small shapes the
 * layers use.  It is private to its thread, so cl_gemm is thread-safe. */

/* Below this many multiply-adds a parallel region costs more than it saves. */
#define PARALLEL_MIN_WORK (96.0 * 96.0 * 96.0)
/* Rectangles of C per thread (see run): each packs its own panels, so more
 * means more packing; 2 costs ~2% at 1024^3 and rebalances a stolen core. */
#define OVERSPLIT 2

/* ---- The kernels --------------------------------------------------------- */

/* Shuffle masks of the dot-product kernels (gemm-dot.h). */
typedef int cl_v16si __attribute__ ((vector_size (64)));
typedef int cl_v8si __attribute__ ((vector_size (32)));
typedef int cl_v4si __attribute__ ((vector_size (16)));

/* Each instruction set has a few tile shapes: the largest ones keep the FMA
 * units busiest, the narrower ones waste less on the small, oddly shaped
 * matrices of a small network (6 filters, 10 classes).  All shapes of one set
 * share K_KC, so they give the same bits. */

#ifdef CL_GEMM_X86

#ifdef __clang__
#pragma clang attribute push (__attribute__ ((target ("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target ("avx512f")
#endif
#define vf __m512
#define VZERO() _mm512_setzero_ps ()
#define VSET1(x) _mm512_set1_ps (x)
#define VLOADU(p) _mm512_loadu_ps (p)
#define VSTOREU(p, v) _mm512_storeu_ps ((p), (v))
#define VMUL(a, b) _mm512_mul_ps ((a), (b))
#define VFMA(a, b, c) _mm512_fmadd_ps ((a), (b), (c))
#define K_VL 16
#define K_MC 240
#define K_KC 256
#define K_NC 2048
#define K_SUFFIX avx512_8x32
#define K_MR 8
#define K_NR 32
#include "engine/gemm-kernel.h"
#define K_SUFFIX avx512_6x64
#define K_MR 6
#define K_NR 64
#include "engine/gemm-kernel.h"
#define K_SUFFIX avx512_6x32
#define K_MR 6
#define K_NR 32
#include "engine/gemm-kernel.h"
#define K_SUFFIX avx512_16x16
#define K_MR 16
#define K_NR 16
#include "engine/gemm-kernel.h"
#define vi cl_v16si
#define D_SUFFIX avx512
#define D_M 4
#define D_N 4
#include "engine/gemm-dot.h"
#undef vi
#undef K_VL
#undef K_MC
#undef K_KC
#undef K_NC
#undef vf
#undef VZERO
#undef VSET1
#undef VLOADU
#undef VSTOREU
#undef VMUL
#undef VFMA
#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#ifdef __clang__
#pragma clang attribute push (__attribute__ ((target ("avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target ("avx2,fma")
#endif
#define vf __m256
#define VZERO() _mm256_setzero_ps ()
#define VSET1(x) _mm256_set1_ps (x)
#define VLOADU(p) _mm256_loadu_ps (p)
#define VSTOREU(p, v) _mm256_storeu_ps ((p), (v))
#define VMUL(a, b) _mm256_mul_ps ((a), (b))
#define VFMA(a, b, c) _mm256_fmadd_ps ((a), (b), (c))
#define K_VL 8
#define K_MC 120
#define K_KC 256
#define K_NC 2048
#define K_SUFFIX avx2_6x16
#define K_MR 6
#define K_NR 16
#include "engine/gemm-kernel.h"
#define K_SUFFIX avx2_4x24
#define K_MR 4
#define K_NR 24
#include "engine/gemm-kernel.h"
#define K_SUFFIX avx2_4x16
#define K_MR 4
#define K_NR 16
#include "engine/gemm-kernel.h"
#define vi cl_v8si
#define D_SUFFIX avx2
#define D_M 2
#define D_N 4
#include "engine/gemm-dot.h"
#undef vi
#undef K_VL
#undef K_MC
#undef K_KC
#undef K_NC
#undef vf
#undef VZERO
#undef VSET1
#undef VLOADU
#undef VSTOREU
#undef VMUL
#undef VFMA
#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

/* SSE2 has no FMA: a product rounded, then a sum rounded. */
#define vf __m128
#define VZERO() _mm_setzero_ps ()
#define VSET1(x) _mm_set1_ps (x)
#define VLOADU(p) _mm_loadu_ps (p)
#define VSTOREU(p, v) _mm_storeu_ps ((p), (v))
#define VMUL(a, b) _mm_mul_ps ((a), (b))
#define VFMA(a, b, c) _mm_add_ps (_mm_mul_ps ((a), (b)), (c))
#define K_VL 4
#define K_MC 128
#define K_KC 256
#define K_NC 1024
#define K_SUFFIX sse2_4x8
#define K_MR 4
#define K_NR 8
#include "engine/gemm-kernel.h"
#define vi cl_v4si
#define D_SUFFIX sse2
#define D_M 2
#define D_N 2
#include "engine/gemm-dot.h"
#undef vi
#undef K_VL
#undef K_MC
#undef K_KC
#undef K_NC
#undef vf
#undef VZERO
#undef VSET1
#undef VLOADU
#undef VSTOREU
#undef VMUL
#undef VFMA

#else /* not x86: GCC's generic vectors, which it maps to NEON and the like. */

typedef float cl_v4sf __attribute__ ((vector_size (16)));
#define vf cl_v4sf
#define VZERO() ((vf) { 0.0f, 0.0f, 0.0f, 0.0f })
#define VSET1(x) ((vf) { (x), (x), (x), (x) })
#define VLOADU(p) ({ vf v_; memcpy (&v_, (p), sizeof v_); v_; })
#define VSTOREU(p, v) ({ vf s_ = (v); memcpy ((p), &s_, sizeof s_); })
#define VMUL(a, b) ((a) * (b))
#define VFMA(a, b, c) ((a) * (b) + (c))
#define K_VL 4
#define K_MC 128
#define K_KC 256
#define K_NC 1024
#define K_SUFFIX generic_4x8
#define K_MR 4
#define K_NR 8
#include "engine/gemm-kernel.h"
#define vi cl_v4si
#define D_SUFFIX generic
#define D_M 2
#define D_N 2
#include "engine/gemm-dot.h"

#endif

/* ---- Dispatch ------------------------------------------------------------ */

typedef struct {
  const char *name;
  int mr, nr;
  /* Relative speed per element of a full tile, the cost model of
   * choose_variant, measured on this project's AMD EPYC (AVX-512): 8x32,
   * 6x64 and 6x32 run the FMA units equally well (12+ accumulators hide the
   * latency), 16x16 issues more loads per FMA. */
  double speed;
  gsize (*buffer_floats) (int rows, int cols);
  void (*rect) (ClTrans ta, ClTrans tb,
                int i0, int i1, int j0, int j1, int k,
                float alpha,
                const float *a, int lda,
                const float *b, int ldb,
                float beta,
                float *c, int ldc,
                float *restrict buf);
} Kernel;

typedef void (*DotFunc) (int i0, int i1, int j0, int j1, int k,
                         float alpha,
                         const float *a, int lda,
                         const float *b, int ldb,
                         float beta,
                         float *c, int ldc);

typedef struct {
  const char *name;
  int n_variants;
  const Kernel *variants;  /* the first is the default for large matrices */
  /* The unpacked dot-product kernel for A B^T, on dot_m x dot_n blocks. */
  const char *dot_name;
  DotFunc dot;
  int dot_m, dot_n;
} KernelSet;

#define VARIANT(isa, mr, nr, speed) \
  { #isa " " #mr "x" #nr, mr, nr, speed, buffer_floats_##isa##_##mr##x##nr, \
    gemm_rect_##isa##_##mr##x##nr }

#ifdef CL_GEMM_X86
static const Kernel variants_avx512[] = {
  VARIANT (avx512, 8, 32, 1.0),
  VARIANT (avx512, 6, 64, 1.0),
  VARIANT (avx512, 6, 32, 0.95),
  VARIANT (avx512, 16, 16, 0.8),
};
static const Kernel variants_avx2[] = {
  VARIANT (avx2, 6, 16, 1.0),
  VARIANT (avx2, 4, 24, 1.0),
  VARIANT (avx2, 4, 16, 0.9),
};
static const Kernel variants_sse2[] = {
  VARIANT (sse2, 4, 8, 1.0),
};
static const KernelSet set_avx512 = {
  "avx512", G_N_ELEMENTS (variants_avx512), variants_avx512, "avx512 dot 4x4", gemm_dot_avx512, 4, 4
};
static const KernelSet set_avx2 = {
  "avx2", G_N_ELEMENTS (variants_avx2), variants_avx2, "avx2 dot 2x4", gemm_dot_avx2, 2, 4
};
static const KernelSet set_sse2 = {
  "sse2", G_N_ELEMENTS (variants_sse2), variants_sse2, "sse2 dot 2x2", gemm_dot_sse2, 2, 2
};
#else
static const Kernel variants_generic[] = {
  VARIANT (generic, 4, 8, 1.0),
};
static const KernelSet set_generic = {
  "generic", 1, variants_generic, "generic dot 2x2", gemm_dot_generic, 2, 2
};
#endif

#undef VARIANT

gboolean
_cl_gemm_isa_supported (ClGemmIsa isa)
{
#ifdef CL_GEMM_X86
  switch (isa)
    {
    case CL_GEMM_ISA_AUTO:
    case CL_GEMM_ISA_SSE2:
      return TRUE;
    case CL_GEMM_ISA_AVX2:
      return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
    case CL_GEMM_ISA_AVX512:
      return __builtin_cpu_supports ("avx512f");
    default:
      return FALSE;
    }
#else
  return isa == CL_GEMM_ISA_AUTO;
#endif
}

static const KernelSet *
kernel_set (ClGemmIsa isa)
{
#ifdef CL_GEMM_X86
  switch (isa)
    {
    case CL_GEMM_ISA_SSE2:
      return &set_sse2;
    case CL_GEMM_ISA_AVX2:
      return &set_avx2;
    case CL_GEMM_ISA_AVX512:
      return &set_avx512;
    case CL_GEMM_ISA_AUTO:
    default:
      if (_cl_gemm_isa_supported (CL_GEMM_ISA_AVX512))
        return &set_avx512;
      if (_cl_gemm_isa_supported (CL_GEMM_ISA_AVX2))
        return &set_avx2;
      return &set_sse2;
    }
#else
  return &set_generic;
#endif
}

const char *
_cl_gemm_isa_name (ClGemmIsa isa)
{
  return kernel_set (isa)->name;
}

int
_cl_gemm_n_variants (ClGemmIsa isa)
{
  return kernel_set (isa)->n_variants;
}

const char *
_cl_gemm_variant_name (ClGemmIsa isa, int variant)
{
  const KernelSet *set = kernel_set (isa);

  g_return_val_if_fail (variant >= 0 && variant < set->n_variants, NULL);
  return set->variants[variant].name;
}

/* The tile shape that pads C least, weighed by its speed: 6 filters run on
 * 6-row tiles, 10 classes on 16-column ones.  A function of (m, n) only, and
 * all shapes give the same bits anyway. */
static const Kernel *
choose_variant (const KernelSet *set, int m, int n)
{
  const Kernel *best = &set->variants[0];
  double best_cost = G_MAXDOUBLE;

  for (int v = 0; v < set->n_variants; v++)
    {
      const Kernel *kern = &set->variants[v];
      double rows = (double) ((m + kern->mr - 1) / kern->mr) * kern->mr;
      double cols = (double) ((n + kern->nr - 1) / kern->nr) * kern->nr;
      double cost = rows * cols / kern->speed;
      if (cost < best_cost)
        {
          best_cost = cost;
          best = kern;
        }
    }
  return best;
}

/* Whether the dot-product kernel beats packing for this shape: only A B^T
 * (both read along k), and only for a small C and a long k (a convolution's
 * weight gradient: 6 x 25 x 784 runs 2.2x faster), where packing (m + n) k
 * elements would cost more than the m n k products.  Measured on the
 * project's AVX-512 machine; for k below 256 the tree of shuffles that ends
 * each dot product costs too much. */
static gboolean
use_dot (ClTrans ta, ClTrans tb, int m, int n, int k)
{
  return ta == CL_NO_TRANS && tb == CL_TRANS && k >= 256 && m <= 32 && n <= 32;
}

/* ---- Per-thread packing buffer ------------------------------------------- */

typedef struct {
  float *data;
  gsize n_floats;
} PackBuffer;

static void
pack_buffer_free (gpointer data)
{
  PackBuffer *pb = data;

  g_aligned_free (pb->data);
  g_free (pb);
}

static GPrivate pack_buffer_key = G_PRIVATE_INIT (pack_buffer_free);

static float *
thread_pack_buffer (gsize n_floats)
{
  PackBuffer *pb = g_private_get (&pack_buffer_key);

  if (pb == NULL)
    {
      pb = g_new0 (PackBuffer, 1);
      g_private_set (&pack_buffer_key, pb);
    }
  if (pb->n_floats < n_floats)
    {
      g_aligned_free (pb->data);
      /* 64 bytes: a cache line, and one AVX-512 register. */
      pb->data = g_aligned_alloc (n_floats, sizeof (float), 64);
      pb->n_floats = n_floats;
    }
  return pb->data;
}

/* ---- The driver ---------------------------------------------------------- */

const char *
_cl_gemm_chosen_variant (ClGemmIsa isa, ClTrans trans_a, ClTrans trans_b, int m, int n, int k)
{
  const KernelSet *set = kernel_set (isa);

  if (use_dot (trans_a, trans_b, m, n, k))
    return set->dot_name;
  return choose_variant (set, m, n)->name;
}

static void
scale_c (int m, int n, float beta, float *c, int ldc)
{
  for (int i = 0; i < m; i++)
    {
      float *row = c + (gsize) i * ldc;
      if (beta == 0.0f)
        memset (row, 0, (gsize) n * sizeof (float));
      else
        for (int j = 0; j < n; j++)
          row[j] *= beta;
    }
}

/* Splits the tiles of C into n_rects rectangles, a grid of rows x cols with
 * the smallest largest share. */
static void
choose_grid (int m_tiles, int n_tiles, int n_rects, int *rows, int *cols)
{
  double best = G_MAXDOUBLE;

  *rows = n_rects;
  *cols = 1;
  for (int r = 1; r <= n_rects; r++)
    {
      if (n_rects % r != 0)
        continue;
      int q = n_rects / r;
      double share = (double) ((m_tiles + r - 1) / r) * ((n_tiles + q - 1) / q);
      if (share < best)
        {
          best = share;
          *rows = r;
          *cols = q;
        }
    }
}

/* One rectangle of C on the calling thread; kern NULL means the dot-product
 * kernel (NT only). */
static void
run_rect (const KernelSet *set, const Kernel *kern,
          ClTrans ta, ClTrans tb,
          int i0, int i1, int j0, int j1, int k,
          float alpha,
          const float *a, int lda,
          const float *b, int ldb,
          float beta,
          float *c, int ldc)
{
  if (kern == NULL)
    {
      set->dot (i0, i1, j0, j1, k, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }
  float *buf = thread_pack_buffer (kern->buffer_floats (i1 - i0, j1 - j0));
  kern->rect (ta, tb, i0, i1, j0, j1, k, alpha, a, lda, b, ldb, beta, c, ldc, buf);
}

static void
run (const KernelSet *set, const Kernel *kern,
     ClTrans ta, ClTrans tb,
     int m, int n, int k,
     float alpha,
     const float *a, int lda,
     const float *b, int ldb,
     float beta,
     float *c, int ldc)
{
  if (m <= 0 || n <= 0)
    return;
  if (k <= 0 || alpha == 0.0f)
    {
      scale_c (m, n, beta, c, ldc);
      return;
    }

  int max_threads = 1;
  if ((double) m * n * k >= PARALLEL_MIN_WORK && !omp_in_parallel ())
    max_threads = omp_get_max_threads ();

  if (max_threads <= 1)
    {
      run_rect (set, kern, ta, tb, 0, m, 0, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }

  int tile_m = kern != NULL ? kern->mr : set->dot_m;
  int tile_n = kern != NULL ? kern->nr : set->dot_n;

#pragma omp parallel num_threads (max_threads)
  {
    int m_tiles = (m + tile_m - 1) / tile_m;
    int n_tiles = (n + tile_n - 1) / tile_n;
    int rows, cols;

    /* OVERSPLIT rectangles per thread, handed out as threads come free: on
     * a laptop the UI or another program takes a core now and then, and a
     * fixed split would make the whole product wait for the thread that
     * lost its core.  Which thread computes a rectangle changes no bit. */
    choose_grid (m_tiles, n_tiles, omp_get_num_threads () * OVERSPLIT, &rows, &cols);

#pragma omp for schedule (dynamic, 1)
    for (int r = 0; r < rows * cols; r++)
      {
        /* Rectangles start on tile boundaries (tiles counted from C's corner). */
        int ti = r / cols, tj = r % cols;
        int i0 = MIN (m, (int) ((gint64) m_tiles * ti / rows) * tile_m);
        int i1 = MIN (m, (int) ((gint64) m_tiles * (ti + 1) / rows) * tile_m);
        int j0 = MIN (n, (int) ((gint64) n_tiles * tj / cols) * tile_n);
        int j1 = MIN (n, (int) ((gint64) n_tiles * (tj + 1) / cols) * tile_n);

        if (i0 < i1 && j0 < j1)
          run_rect (set, kern, ta, tb, i0, i1, j0, j1, k, alpha, a, lda, b, ldb, beta, c, ldc);
      }
  }
}

/* Programmer errors (a layer passing a wrong stride) are refused with a
 * critical warning rather than read out of bounds; A and B are only checked
 * when they are read. */
#define RETURN_IF_BAD_ARGS(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, c, ldc) \
  G_STMT_START { \
    g_return_if_fail ((m) >= 0 && (n) >= 0 && (k) >= 0); \
    g_return_if_fail ((ldc) >= MAX ((n), 1)); \
    g_return_if_fail ((c) != NULL || (m) == 0 || (n) == 0); \
    if ((m) > 0 && (n) > 0 && (k) > 0 && (alpha) != 0.0f) \
      { \
        g_return_if_fail ((a) != NULL && (b) != NULL); \
        g_return_if_fail ((lda) >= MAX ((trans_a) == CL_NO_TRANS ? (k) : (m), 1)); \
        g_return_if_fail ((ldb) >= MAX ((trans_b) == CL_NO_TRANS ? (n) : (k), 1)); \
      } \
  } G_STMT_END

void
_cl_gemm_with_kernel (ClGemmIsa isa, int variant,
                      ClTrans trans_a, ClTrans trans_b,
                      int m, int n, int k,
                      float alpha,
                      const float *a, int lda,
                      const float *b, int ldb,
                      float beta,
                      float *c, int ldc)
{
  const KernelSet *set = kernel_set (isa);
  const Kernel *kern;

  RETURN_IF_BAD_ARGS (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, c, ldc);
  g_return_if_fail (_cl_gemm_isa_supported (isa));
  g_return_if_fail (variant >= CL_GEMM_VARIANT_DOT && variant < set->n_variants);
  g_return_if_fail (variant != CL_GEMM_VARIANT_DOT
                    || (trans_a == CL_NO_TRANS && trans_b == CL_TRANS));

  if (variant >= 0)
    kern = &set->variants[variant];
  else if (variant == CL_GEMM_VARIANT_DOT || use_dot (trans_a, trans_b, m, n, k))
    kern = NULL;
  else
    kern = choose_variant (set, m, n);
  run (set, kern, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void
cl_gemm (ClTrans trans_a, ClTrans trans_b,
         int m, int n, int k,
         float alpha,
         const float *a, int lda,
         const float *b, int ldb,
         float beta,
         float *c, int ldc)
{
  RETURN_IF_BAD_ARGS (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, c, ldc);

  const KernelSet *set = kernel_set (CL_GEMM_ISA_AUTO);
  const Kernel *kern = use_dot (trans_a, trans_b, m, n, k) ? NULL : choose_variant (set, m, n);
  run (set, kern, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/* ---- The yardstick ------------------------------------------------------- */

static inline float
at (const float *x, int ld, ClTrans t, int row, int col)
{
  return t == CL_NO_TRANS ? x[(gsize) row * ld + col] : x[(gsize) col * ld + row];
}

void
cl_gemm_reference (ClTrans trans_a, ClTrans trans_b,
                   int m, int n, int k,
                   float alpha,
                   const float *a, int lda,
                   const float *b, int ldb,
                   float beta,
                   float *c, int ldc)
{
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        double sum = 0.0;
        for (int p = 0; p < k; p++)
          sum += (double) at (a, lda, trans_a, i, p) * at (b, ldb, trans_b, p, j);
        float *cij = &c[(gsize) i * ldc + j];
        /* beta == 0 overwrites, so C may hold garbage (even NaN) on entry. */
        *cij = (float) (alpha * sum + (beta == 0.0f ? 0.0 : (double) beta * *cij));
      }
}
