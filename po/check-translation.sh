#!/bin/sh
# Usage: check-translation.sh MSGFMT FILE.po
# Passes only when msgfmt accepts the file and every message is translated.
set -eu
stats=$("$1" --check --statistics -o /dev/null "$2" 2>&1) || { echo "$stats"; exit 1; }
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "$2: every message must be translated, none fuzzy."; exit 1 ;;
esac
