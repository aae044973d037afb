"""Fills empty or fuzzy msgstr entries of a .po file from a JSON dictionary
{msgid: msgstr}.  A maintenance helper for translators: prints the msgids
still untranslated so nothing is missed.  Usage: fill-po.py FILE.po DICT.json"""
import json
import re
import sys

po_path, dict_path = sys.argv[1], sys.argv[2]
with open(dict_path, encoding="utf-8") as f:
    table = json.load(f)
text = open(po_path, encoding="utf-8").read()


def unquote(block):
    return "".join(json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', block))


def quote(s):
    return json.dumps(s, ensure_ascii=False)


entries = text.split("\n\n")
missing = []
for i, entry in enumerate(entries):
    m = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)msgstr ((?:"(?:[^"\\]|\\.)*"\n?)+)', entry, re.M)
    if not m or "msgid_plural" in entry:
        continue
    msgid, msgstr = unquote(m.group(1)), unquote(m.group(2))
    fuzzy = re.search(r"^#,.*\bfuzzy\b", entry, re.M) is not None
    if msgid == "" or (msgstr != "" and not fuzzy):
        continue
    if msgid in table:
        entries[i] = entry[: m.start(2)] + quote(table[msgid]) + entry[m.end(2):].rstrip("\n")
        entries[i] = re.sub(r"^#, fuzzy\n", "", entries[i], flags=re.M)
        entries[i] = re.sub(r"^#, fuzzy, ", "#, ", entries[i], flags=re.M)
        entries[i] = re.sub(r"^(#,.*), fuzzy", r"\1", entries[i], flags=re.M)
        entries[i] = re.sub(r'^#\| msgid .*\n', "", entries[i], flags=re.M)
    else:
        missing.append(msgid)
with open(po_path, "w", encoding="utf-8") as f:
    f.write("\n\n".join(entries).rstrip("\n") + "\n")
for m in missing:
    print("untranslated:", m)
