#!/bin/sh
# Benchmark (not a test): time and peak memory of `trustlint inventory` on
# generated inputs, beside the floor (GnuTLS importing every certificate and
# checking each self-issued one's signature, nothing else).
#
#   make bench            (or: sh bench/bench.sh BUILDDIR)
# BENCH_DIR keeps the generated inputs (default: BUILDDIR/bench-data).
# BENCH_SIZES overrides the store sizes (default "10000 100000") and
# BENCH_REG_MB the .reg sizes in MB (default "20 200").
set -eu
build=${1:-.}
gen="$build/bench/gen"
floor="$build/bench/floor"
tl="$build/trustlint"
dir=${BENCH_DIR:-$build/bench-data}
sizes=${BENCH_SIZES:-"10000 100000"}
regs=${BENCH_REG_MB:-"20 200"}
mkdir -p "$dir"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time (/usr/bin/time, Debian package 'time')" >&2; exit 2; }

# run LABEL CMD...: best of 3 wall times, and the peak RSS of that run
run() {
  label=$1; shift
  best=""
  for _ in 1 2 3; do
    "$TIME" -f "%e %M" -o "$dir/time.out" "$@" >/dev/null 2>"$dir/stderr.out" || {
      echo "bench: $label failed:" >&2; cat "$dir/stderr.out" >&2; exit 1; }
    read -r secs kb < "$dir/time.out"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; mem=$kb; fi
  done
  printf '%-44s %8.2f s %9.1f MiB\n' "$label" "$best" "$(awk "BEGIN{print $mem/1024}")"
  eval "last_secs=$best; last_mem=$mem"
}

size_mb() { awk "BEGIN{printf \"%.1f\", $(wc -c < "$1")/1048576}"; }

echo "trustlint benchmark on $(nproc) cores, $(uname -m)"
for n in $sizes; do
  f="$dir/store-$n.sst"
  [ -s "$f" ] || "$gen" sst "$n" "$f"
  mb=$(size_mb "$f")
  echo "--- $n certificates, $f ($mb MiB)"
  run "floor (GnuTLS import + self-signature)" "$floor" "$f"; floor_s=$last_secs
  run "trustlint inventory" "$tl" inventory Root="$f"; tl_s=$last_secs; tl_mem=$last_mem
  run "trustlint inventory --format json" "$tl" inventory --format json Root="$f"
  awk "BEGIN{printf \"ratio to floor: %.2fx   peak memory / input: %.2fx\n\", $tl_s/$floor_s, ($tl_mem/1024)/$mb}"
  eval "t_$n=$tl_s"
done
# Rules: 30 cert rules over the largest store, against reading it alone.
set -- $sizes
eval "big=\${$#}"
f="$dir/store-$big.sst"
echo "--- 30 rules over $big certificates"
run "trustlint lint, no cert rule (read + view)" "$tl" lint --no-default-rules --fail-on none -q \
  --now 2026-01-01T00:00:00Z --rules "$(dirname "$0")/baseline.rules" CA="$f"; base=$last_secs
run "trustlint lint, bench/rules30.rules" "$tl" lint --no-default-rules --fail-on none -q \
  --now 2026-01-01T00:00:00Z --rules "$(dirname "$0")/rules30.rules" CA="$f"; with=$last_secs
awk "BEGIN{printf \"30 rules cost %.2f s, %.0f%% of reading the store\n\", $with-$base, 100*($with-$base)/$base}"
# Root program matching: a 500-entry authroot list (bench/gen_list.py,
# signed by the test root program of testdata/gen/ctl_lists.py) against the
# largest store, every certificate asked what the list says of it.
list="$dir/authroot-500-$big.stl"
root_pem="$(dirname "$0")/../testdata/rootprogram/root-program-root.pem"
if [ ! -s "$list" ]; then
  "$tl" inventory --format json Root="$f" |
    python3 -c 'import json,sys; [print(e["sha1"]) for e in json.load(sys.stdin)["entries"][:500]]' |
    python3 "$(dirname "$0")/gen_list.py" "$list" >/dev/null 2>"$dir/stderr.out" || list=""
fi
if [ -n "$list" ]; then
  echo "--- a 500-entry root program list against $big certificates"
  run "trustlint lint, 30 rules" "$tl" lint --no-default-rules --fail-on none -q \
    --now 2026-11-24T00:00:00Z --rules "$(dirname "$0")/rules30.rules" Root="$f" Root="$root_pem"
  base=$last_secs
  run "trustlint lint, 30 rules + program lookup, list" "$tl" lint --no-default-rules \
    --fail-on none -q --now 2026-11-24T00:00:00Z --rules "$(dirname "$0")/rules30.rules" \
    --rules "$(dirname "$0")/program.rules" Root="$f" Root="$root_pem" AuthRoot="$list"
  with=$last_secs
  awk "BEGIN{printf \"root program matching adds %.0f%% to the lint time (target: under 5%%)\n\", 100*($with-$base)/$base}"
else
  echo "--- root program list: skipped (bench/gen_list.py needs python3-cryptography)"
  cat "$dir/stderr.out"
fi
set -- $sizes
if [ $# -ge 2 ]; then
  eval "a=\$t_$1; b=\$t_$2"
  awk "BEGIN{printf \"linearity: %s -> %s certificates took %.1fx the time (%.0fx the input)\n\", $1, $2, $b/$a, $2/$1}"
fi
for mbs in $regs; do
  f="$dir/export-$mbs.reg"
  [ -s "$f" ] || "$gen" reg "$mbs" "$f"
  mb=$(size_mb "$f")
  echo "--- UTF-16 .reg export, $f ($mb MiB)"
  run "trustlint reg-dump (parse + registry + dump)" "$tl" reg-dump "$f"; rs=$last_secs
  run "trustlint inventory (+ every Blob's certificate)" "$tl" inventory "$f"; s=$last_secs; m=$last_mem
  awk "BEGIN{printf \".reg reading: %.0f MB/s   with certificate facts: %.0f MB/s   peak memory / input: %.2fx\n\", $mb*1.048576/$rs, $mb*1.048576/$s, ($m/1024)/$mb}"
done
