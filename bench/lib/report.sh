# shellcheck shell=bash
# Result tables: rows are collected as tab-separated lines, printed aligned for the terminal, and written as a
# Markdown section of docs/benchmarks.md (that section replaced, every other section kept).

# bench_table_init <file> <header columns...>: starts a table file with its header row.
bench_table_init() {
  local file="$1"
  shift
  (IFS=$'\t'; echo "$*") >"$file"
}

# bench_table_add <file> <values...>: appends one row.
bench_table_add() {
  local file="$1"
  shift
  (IFS=$'\t'; echo "$*") >>"$file"
}

# bench_table_print <file>: the table aligned in columns, for the terminal.
bench_table_print() {
  column -t -s $'\t' "$1"
}

# bench_table_markdown <file>: the table as Markdown (first column left-aligned, the others right-aligned).
bench_table_markdown() {
  awk -F'\t' '
    { line = "|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line
      if (NR == 1) { sep = "|"; for (i = 1; i <= NF; i++) sep = sep (i == 1 ? "---|" : "---:|"); print sep } }' "$1"
}

# bench_facts_markdown <file of key<TAB>value lines>: a two-column Markdown table.
bench_facts_markdown() {
  echo "| | |"
  echo "|---|---|"
  awk -F'\t' '{ print "| " $1 " | " $2 " |" }' "$1"
}

# bench_write_section <markdown file> <heading text> <body file>: replaces the "## <heading>" section (up to the
# next "## " heading) with "## <heading>" + body, or appends it; creates the file with a title when missing.
bench_write_section() {
  local doc="$1" heading="$2" body="$3" tmp
  if [ ! -f "$doc" ]; then
    mkdir -p "$(dirname "$doc")"
    printf '# Benchmarks\n\nWritten by the commands in `bench/` (see bench/README.md); each section is replaced by its own command.\n' >"$doc"
  fi
  tmp="$(mktemp "$doc.XXXXXX")"
  awk -v heading="## $heading" -v body="$body" '
    function emit(   line) {
      print heading; print ""
      while ((getline line < body) > 0) print line
      close(body); print ""; done = 1
    }
    $0 == heading { emit(); skipping = 1; next }
    skipping && /^## / { skipping = 0 }
    skipping { next }
    { print }
    END { if (!done) { print ""; emit() } }' "$doc" >"$tmp"
  # squeeze runs of blank lines the replacement may leave
  cat -s "$tmp" >"$doc"
  rm -f "$tmp"
}
