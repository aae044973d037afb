#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "cli-common.h"
#include "engine/trainer.h"
#include "render/number-format.h"

static void
print_confusion (ClDataset *data, const guint *confusion)
{
  guint k = data->n_classes;

  printf ("%s\n", _("Confusion matrix (rows: true class, columns: predicted):"));
  printf ("%16s", "");
  for (guint j = 0; j < k; j++)
    printf (" %6u", j);
  printf ("\n");
  for (guint i = 0; i < k; i++)
    {
      g_autofree char *name = cl_cli_class_name (data, i);
      printf ("%2u %-13.13s", i, name);
      for (guint j = 0; j < k; j++)
        printf (" %6u", confusion[i * k + j]);
      printf ("\n");
    }
}

int
cl_cli_eval (int argc, char **argv)
{
  g_autofree char *source = NULL;
  int status;
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_STRING, &source, N_("Data to evaluate on (default: the model’s)"), N_("SOURCE") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL — accuracy, loss and confusion matrix"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cl_cli_fail_message (_("eval needs one model file (see --help)."));
  if (!cl_cli_open (argv[1], 256, &design, &net, &error))
    return cl_cli_fail (error);
  if (net == NULL)
    return cl_cli_fail_message (_("%s is a design, not a trained model: train it first."), argv[1]);
  g_autoptr(ClDataset) data = cl_cli_load_data (design, source, &error);
  if (data == NULL || !cl_trainer_check_fits (design->spec, data, &error))
    return cl_cli_fail (error);

  double loss, accuracy;
  g_autofree guint *confusion = g_new0 (guint, (gsize) MAX (1u, data->n_classes) * MAX (1u, data->n_classes));
  if (!cl_cli_evaluate (net, data, &loss, &accuracy, confusion, &error))
    return cl_cli_fail (error);
  printf (_("%s on %s\n"), argv[1], data->description);
  g_autofree char *loss_text = cl_format_fixed (loss, 4);
  g_autofree char *accuracy_text = cl_format_percent (accuracy, 2);
  if (isnan (accuracy))
    printf (_("loss %s\n"), loss_text);
  else
    {
      printf (_("accuracy %s, loss %s\n"), accuracy_text, loss_text);
      print_confusion (data, confusion);
    }
  return 0;
}
