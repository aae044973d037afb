/* loss.h — the losses, each returning the batch mean and its gradient.
 *
 * Cross-entropy and binary cross-entropy take the LOGITS (the input of the
 * final Softmax or Sigmoid) and are fused with it: log-sum-exp and
 * log(1 + e^-|z|) keep them finite where log(p) would be -inf, and their
 * gradient is simply (p - y) / n.  All sums run in double, in sample order.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Mean of -log softmax(z)[label]; dlogits (nullable) = (softmax - onehot) / n;
 * *correct (nullable) counts argmax == label. */
double cl_loss_cross_entropy        (const float *logits, const gint32 *labels, int n, int classes,
                                     float *dlogits, int *correct);

/* Mean over the n x size values of BCE(sigmoid(z), y); dlogits = (sigmoid(z) - y) / (n size);
 * *correct counts values with (z > 0) == (y > 0.5). */
double cl_loss_binary_cross_entropy (const float *logits, const float *targets, int n, int size,
                                     float *dlogits, int *correct);

/* Mean over the n x size values of (out - y)^2; dout = 2 (out - y) / (n size). */
double cl_loss_mse                  (const float *out, const float *targets, int n, int size,
                                     float *dout);

G_END_DECLS
