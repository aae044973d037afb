"""Counts the test cases of meson test runs from their text logs: each TAP
line of a GLib test binary is one case; a test without TAP lines counts once.
Prints the one summary line tools/test ends with; exits non-zero when
anything failed."""
import re
import sys

text = ""
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            text += log.read()
    except OSError as error:
        print(f"no test log: {error}")
        print("0 passed, 1 failed")
        sys.exit(1)

passed = failed = skipped = 0
for block in re.split(r"^=+ \d+/\d+ =+$", text, flags=re.MULTILINE)[1:]:
    result = re.search(r"^result:\s+(.*)$", block, re.MULTILINE)
    result = result.group(1).strip() if result else "missing"
    ok = result == "exit status 0"
    skip = result == "exit status 77" or result.startswith("skipped")
    cases = re.findall(r"^(ok|not ok) \d+\b(.*)$", block, re.MULTILINE)
    bailed = re.search(r"^Bail out!", block, re.MULTILINE) is not None
    if cases:
        for verdict, rest in cases:
            if "# SKIP" in rest.upper():
                skipped += 1
            elif verdict == "ok":
                passed += 1
            else:
                failed += 1
        # A binary that aborted or crashed after its last TAP line failed.
        if (bailed or not (ok or skip)) and not any(v == "not ok" for v, _ in cases):
            failed += 1
    elif skip:
        skipped += 1
    elif ok:
        passed += 1
    else:
        failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
