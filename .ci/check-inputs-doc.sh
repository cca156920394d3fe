#!/usr/bin/env bash
# Fails when docs/inputs.md and action.yml disagree on the set of inputs, their defaults, or the
# set of outputs. The doc is written by hand; this keeps it honest.
# usage: check-inputs-doc.sh action.yml docs/inputs.md
set -euo pipefail
action="$1" doc="$2"

# "input<TAB>name<TAB>default" and "output<TAB>name" lines from action.yml (two-space keys).
from_action() {
  awk '
    function flush() {
      if (name == "") return
      if (kind == "input") printf "input\t%s\t%s\n", name, def
      else printf "output\t%s\n", name
      name = ""
    }
    /^inputs:/  { flush(); sec = "input";  next }
    /^outputs:/ { flush(); sec = "output"; next }
    /^[a-z]/    { flush(); sec = ""; next }
    sec != "" && /^  [a-z][a-z0-9-]*:[ \t]*$/ {
      flush(); name = $1; sub(/:$/, "", name); kind = sec; def = ""; next
    }
    sec == "input" && /^    default:/ {
      def = $0; sub(/^    default:[ \t]*/, "", def); gsub(/^"|"$/, "", def)
    }
    END { flush() }
  ' "$1"
}

# The same lines from the tables under "## Inputs" and "## Outputs" in the doc.
from_doc() {
  awk -F'|' '
    /^## Inputs/  { sec = "input";  next }
    /^## Outputs/ { sec = "output"; next }
    /^## /        { sec = ""; next }
    sec != "" && /^\| `[a-z][a-z0-9-]*` \|/ {
      name = $2; gsub(/[ `]/, "", name)
      if (sec == "output") { printf "output\t%s\n", name; next }
      def = $3; gsub(/^[ \t]+|[ \t]+$/, "", def)
      if (def == "*(empty)*") def = ""; else { sub(/^`/, "", def); sub(/`$/, "", def) }
      printf "input\t%s\t%s\n", name, def
    }
  ' "$1"
}

if ! diff -u <(from_action "$action" | sort) <(from_doc "$doc" | sort); then
  echo "$doc is out of sync with $action (- action.yml, + doc)"
  exit 1
fi
echo "$(from_action "$action" | wc -l) inputs and outputs documented"
