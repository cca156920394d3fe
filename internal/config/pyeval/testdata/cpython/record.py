# Records what CPython gives for each case: python3 record.py cases.json > NAME.json
# (cases.json holds [name, source, "names to show"] triples). The Go test replays them.
import json, sys
cases = json.load(open(sys.argv[1]))
out = []
for name, src, names in cases:
    ns = {"__name__": "main"}
    try:
        exec(compile(src, "main.py", "exec"), ns)
        want = " ".join(f"{n}={repr(ns[n]) if n in ns else '<unbound>'}" for n in names.split())
    except Exception as e:
        want = f"ERROR {type(e).__name__}: {e}"
    out.append({"name": name, "src": src, "names": names, "want": want})
json.dump(out, sys.stdout, indent=1)
