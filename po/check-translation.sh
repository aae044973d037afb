#!/bin/sh
# Usage: check-translation.sh MSGFMT FILE.po
# Passes only when msgfmt accepts the file, every message is translated and
# none is fuzzy, and no message was cut short by a format macro.
set -eu
stats=$("$1" --check --statistics -o /dev/null "$2" 2>&1) || { echo "$stats"; exit 1; }
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "$2: every message must be translated, none fuzzy."; exit 1 ;;
esac
# xgettext stops a string at a macro such as G_GSIZE_FORMAT, leaving a msgid
# ending in "%" that never matches at run time: use %llu with a cast instead.
if grep -n '^msgid ".*%"$' "$2"; then
  echo "$2: the messages above were cut at a format macro (G_*_FORMAT); use %llu/%lld with a cast."
  exit 1
fi
