#!/bin/sh
# Benchmark (not a test): trustlint beside the floor (GnuTLS importing every
# certificate and checking each self-issued one's signature, nothing else:
# bench/floor.c) and beside a Python peer doing the same
# (bench/peer_selfsigned.py), on generated inputs and, when given, a copy of
# Microsoft's root store. Prints one table: each ratio of issue 14 with its
# target, as the min, median and max over paired rounds.
#
#   make bench            (or: sh bench/bench.sh BUILDDIR)
#
# A shared machine's load comes and goes, so no figure is a time on its own:
# every command runs once per round, the rounds alternate the order (A B C,
# then C B A), and each ratio is taken within a round before its median is.
# Single-core figures are pinned with taskset to one core; "all cores" runs
# are not pinned. Wall times come from hyperfine when installed (one
# `hyperfine --runs 1` per round, the commands in the round's order), else
# from date around each run; CPU time and peak memory from GNU time.
#
# Knobs (environment):
#   BENCH_RUNS      rounds (default 3; 7 or more for figures to publish)
#   BENCH_EXTRA_RUNS  further rounds of the short commands behind the
#                   targets whose runs last a second or less (Microsoft's
#                   roots, linearity, the issuer check, .reg reading);
#                   default 4 x BENCH_RUNS. On a shared machine those
#                   ratios swing most within a run (0.49-0.72 for the
#                   roots in five rounds), and more rounds cost seconds
#   BENCH_SIZES     generated store sizes (default "10000 100000"); the
#                   targets are stated at 100000, linearity compares the
#                   largest with the smallest, and the issuer path is
#                   measured on the smallest
#   BENCH_REG_MB    .reg export sizes in MB (default "20 200"; "" for none)
#   BENCH_PYTHON    the interpreters the Python peer runs with (default
#                   "python3"; e.g. "python3 /usr/bin/python3" to time
#                   Debian's python3-cryptography beside a newer one)
#   BENCH_REAL_SST  a local copy of Microsoft's root store
#                   (certutil -generateSSTFromWU roots.sst); never committed
#   BENCH_DIR       keeps the generated inputs (default BUILDDIR/bench-data)
#   BENCH_TIMER     hyperfine or loop (default: hyperfine when installed)
#   BENCH_CORE      the core single-core runs are pinned to (default 0)
set -eu
build=${1:-.}
src=$(dirname "$0")
gen="$build/bench/gen"
floor="$build/bench/floor"
tl="$build/trustlint"
dir=${BENCH_DIR:-$build/bench-data}
runs=${BENCH_RUNS:-3}
extra=${BENCH_EXTRA_RUNS:-$((4 * runs))}
sizes=${BENCH_SIZES:-"10000 100000"}
regs=${BENCH_REG_MB-"20 200"}
core=${BENCH_CORE:-0}
timer=${BENCH_TIMER:-$(command -v hyperfine >/dev/null 2>&1 && echo hyperfine || echo loop)}
now=2026-01-01T00:00:00Z
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time (/usr/bin/time, Debian package 'time')" >&2; exit 2; }
command -v taskset >/dev/null 2>&1 || { echo "bench: needs taskset (Debian package 'util-linux')" >&2; exit 2; }
mkdir -p "$dir/rec"
: > "$dir/runs.txt"
: > "$dir/table.md"

# The commands, by id: cmd_ID (quoted for eval and for hyperfine -N) and
# where_ID (core: pinned; all: every core).
q() { for a; do printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"; done; }
ids=""
add() {
	ids="$ids $1"
	eval "where_$1=$2"
	id=$1
	shift 2
	eval "cmd_$id=\$(q \"\$@\")"
}
timed() {
	eval "c=\$cmd_$1 w=\$where_$1"
	[ "$w" = core ] && printf 'taskset -c %s ' "$core"
	printf "%s -f '%%U %%S %%M' -o %s%s" "$TIME" "$(q "$dir/rec/$1")" "$c"
}
fail() { echo "bench: $1 failed:" >&2; cat "$dir/stderr.out" >&2; exit 1; }
record() { # ROUND ID WALL_SECONDS
	read -r u s kb < "$dir/rec/$2"
	echo "$1 $2 $3 $u $s $kb" >> "$dir/runs.txt"
}
round() { # ROUND IDS...
	r=$1
	shift
	if [ "$timer" = hyperfine ]; then
		order="$*"
		set --
		for id in $order; do set -- "$@" "$(timed "$id")"; done
		hyperfine -N --runs 1 --style none --export-json "$dir/round.json" "$@" \
			>/dev/null 2>"$dir/stderr.out" || fail "round $r"
		set -- $(sed -n 's/^ *"mean": *\([0-9.eE+-]*\),*$/\1/p' "$dir/round.json")
		for id in $order; do record "$r" "$id" "$1"; shift; done
	else
		for id in "$@"; do
			t0=$(date +%s%N)
			eval "$(timed "$id")" >/dev/null 2>"$dir/stderr.out" || fail "$id"
			t1=$(date +%s%N)
			record "$r" "$id" "$(awk "BEGIN{print ($t1 - $t0) / 1e9}")"
		done
	fi
}

# stat LABEL TARGET EXPR: one table row, the min, median and max over the
# rounds of EXPR, an awk expression of w(ID) (wall seconds), c(ID) (user +
# sys seconds) and m(ID) (peak RSS, bytes); div() marks a non-positive
# divisor (noise swamping a difference) n/a.
stat() {
	awk -v label="$1" -v target="$2" '
function has(id) { if (!((r, id) in W)) miss = 1; return 1 }
function w(id) { has(id); return W[r, id] }
function c(id) { has(id); return C[r, id] }
function m(id) { has(id); return M[r, id] }
function div(a, b) { if (miss) return 0; if (b <= 0) { bad = 1; return 0 } return a / b }
function f(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.2f", x) }
{ W[$1, $2] = $3; C[$1, $2] = $4 + $5; M[$1, $2] = $6 * 1024; if ($1 > n) n = $1 }
END {
	k = 0
	# a round that did not run every command of the ratio is no sample
	for (r = 1; r <= n; r++) { miss = 0; x = '"$3"'; if (!miss) v[++k] = x }
	n = k
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
	med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	if (bad || !n)
		printf "| %s | %s | n/a | | | %d |\n", label, target, n
	else
		printf "| %s | %s | %s | %s | %s | %d |\n", label, target, f(med), f(v[1]), f(v[n]), n
}' "$dir/runs.txt" >> "$dir/table.md"
}

bytes() { wc -c < "$1" | tr -d ' '; }

# Inputs. gen makes new keys every run, so a store and its CA are written
# together (a store newer than its CA, put back by git, is not the CA's),
# and the root program list (made from the store's thumbprints) again after
# them.
set -- $sizes
small=$1
eval "big=\${$#}"
for n in $sizes; do
	f="$dir/store-$n.sst"
	if [ ! -s "$f" ] || [ ! -s "$dir/store-$n-ca.der" ] || [ "$f" -nt "$dir/store-$n-ca.der" ]; then
		"$gen" sst "$n" "$f" "$dir/store-$n-ca.der"
		rm -f "$dir/authroot-500-$n.stl"
	fi
done
for mb in $regs; do
	[ -s "$dir/export-$mb.reg" ] || "$gen" reg "$mb" "$dir/export-$mb.reg"
done
list="$dir/authroot-500-$big.stl"
root_pem="$src/../testdata/rootprogram/root-program-root.pem"
if [ ! -s "$list" ]; then
	"$tl" inventory --format json Root="$dir/store-$big.sst" |
		python3 -c 'import json,sys; [print(e["sha1"]) for e in json.load(sys.stdin)["entries"][:500]]' |
		python3 "$src/gen_list.py" "$list" >/dev/null 2>"$dir/stderr.out" || {
		echo "bench: root program list skipped (bench/gen_list.py needs python3-cryptography):" >&2
		cat "$dir/stderr.out" >&2
		rm -f "$list"
	}
fi
# The peer's speed is python-cryptography's: each interpreter is named by
# the version it has.
peer="$src/peer_selfsigned.py"
peers=""
k=0
for py in ${BENCH_PYTHON:-python3}; do
	if v=$("$py" -c 'import cryptography, cryptography.x509; print(cryptography.__version__)' 2>/dev/null); then
		k=$((k + 1))
		peers="$peers $k"
		eval "py_$k=\$py pyv_$k=\$v"
	else
		echo "bench: Python peer with $py skipped (needs python-cryptography)" >&2
	fi
done

# One store: inventory and full default lint pinned, lint on every core,
# the floor and the peer pinned.
store() { # TAG FILE
	add "floor_$1" core "$floor" "$2"
	add "inv1_$1" core "$tl" inventory Root="$2"
	add "lint1_$1" core "$tl" lint --fail-on none --now "$now" Root="$2"
	add "lint2_$1" all "$tl" lint --fail-on none --now "$now" Root="$2"
	for k in $peers; do
		eval "py=\$py_$k"
		add "peer${k}_$1" core "$py" "$peer" "$2"
	done
}
for n in $sizes; do store "$n" "$dir/store-$n.sst"; done
[ -z "${BENCH_REAL_SST:-}" ] || store real "$BENCH_REAL_SST"
# The issuer path on the smallest store read as CA: the default rules with
# and without the end entities' CA; bench/issuer.rules (every certificate's
# issuer_found, no finding) with and without it, pinned and on every core;
# the floor checking each of those signatures with the CA's key imported once.
s="$dir/store-$small.sst"
ca="$dir/store-$small-ca.der"
add lintd1_noca core "$tl" lint --fail-on none --now "$now" CA="$s"
add lintd1_ca core "$tl" lint --fail-on none --now "$now" CA="$s" CA="$ca"
for w in core all; do
	add "lintis_${w}_noca" "$w" "$tl" lint --no-default-rules --rules "$src/issuer.rules" \
		--fail-on none --now "$now" CA="$s"
	add "lintis_${w}_ca" "$w" "$tl" lint --no-default-rules --rules "$src/issuer.rules" \
		--fail-on none --now "$now" CA="$s" CA="$ca"
done
add floor_ca core "$floor" "$s" "$ca"
# Rules over the largest store: one rule evaluated once (reading and the
# view), 30 cert rules, and those with every certificate asked what a
# 500-entry root program list says of it.
b="$dir/store-$big.sst"
add rules_base core "$tl" lint --no-default-rules --fail-on none -q --now 2026-11-24T00:00:00Z \
	--rules "$src/baseline.rules" Root="$b" Root="$root_pem"
add rules_30 core "$tl" lint --no-default-rules --fail-on none -q --now 2026-11-24T00:00:00Z \
	--rules "$src/rules30.rules" Root="$b" Root="$root_pem"
[ ! -s "$list" ] || add rules_program core "$tl" lint --no-default-rules --fail-on none -q \
	--now 2026-11-24T00:00:00Z --rules "$src/rules30.rules" --rules "$src/program.rules" \
	Root="$b" Root="$root_pem" AuthRoot="$list"
for mb in $regs; do
	add "regdump_$mb" core "$tl" reg-dump "$dir/export-$mb.reg"
	add "reginv_$mb" core "$tl" inventory "$dir/export-$mb.reg"
done

# What each program finds, once, so a peer that counts differently shows.
for f in "$s" ${BENCH_REAL_SST:+"$BENCH_REAL_SST"}; do
	if [ "$f" = "$s" ]; then "$floor" "$f" "$ca"; else "$floor" "$f"; fi
	for k in $peers; do
		eval "py=\$py_$k"
		"$py" "$peer" "$f"
	done
done
cat "$dir"/*.sst "$dir"/*.der "$dir"/*.reg ${BENCH_REAL_SST:+"$BENCH_REAL_SST"} >/dev/null 2>&1 || :

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
reversed=""
for id in $ids; do reversed="$id $reversed"; done
r=1
# The short commands behind the targets that swing most: the roots', the
# linearity pair, the issuer check's four and the largest .reg reading.
short=""
for id in $ids; do
	case $id in
	*_real | lint1_$small | lint1_$big | lintis_core_* | floor_ca | floor_$small) short="$short $id" ;;
	esac
done
set -- "" $regs
eval "last_reg=\${$#}"
[ -z "$regs" ] || short="$short regdump_$last_reg"
short_reversed=""
for id in $short; do short_reversed="$id $short_reversed"; done
while [ "$r" -le "$((runs + extra))" ]; do
	if [ "$r" -le "$runs" ]; then
		echo "bench: round $r of $runs ($timer)" >&2
		if [ $((r % 2)) = 1 ]; then round "$r" $ids; else round "$r" $reversed; fi
	else
		echo "bench: extra round $((r - runs)) of $extra, the short commands ($timer)" >&2
		if [ $((r % 2)) = 1 ]; then round "$r" $short; else round "$r" $short_reversed; fi
	fi
	r=$((r + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The table. Targets are issue 14's, stated at 100,000 certificates.
cores=$(nproc)
at() { [ "$1" = "$2" ] && echo "$3" || echo "—"; }
label() { [ "$1" = real ] && echo "Microsoft's roots" || echo "$1 certs"; }
for t in $sizes ${BENCH_REAL_SST:+real}; do
	l=$(label "$t")
	[ "$t" = real ] && goal="≤ 0.6" || goal=$(at "$t" 100000 "≤ 0.5")
	stat "$l: inventory, 1 core / floor" "—" "div(w(\"inv1_$t\"), w(\"floor_$t\"))"
	stat "$l: full lint, 1 core / floor" "—" "div(w(\"lint1_$t\"), w(\"floor_$t\"))"
	stat "$l: full lint, all $cores cores / floor (1 core)" "$goal" "div(w(\"lint2_$t\"), w(\"floor_$t\"))"
	stat "$l: full lint, all cores: CPU time / wall time" "—" "div(c(\"lint2_$t\"), w(\"lint2_$t\"))"
	for k in $peers; do
		eval "v=\$pyv_$k"
		stat "$l: Python peer, cryptography $v (1 core) / full lint, all cores" \
			"$(at "$t" 100000 "≥ 4")" "div(w(\"peer${k}_$t\"), w(\"lint2_$t\"))"
		stat "$l: Python peer, cryptography $v / floor" "—" "div(w(\"peer${k}_$t\"), w(\"floor_$t\"))"
	done
	[ "$t" = real ] && f="$BENCH_REAL_SST" || f="$dir/store-$t.sst"
	stat "$l: full lint, all cores: peak memory / input" "$(at "$t" 100000 "≤ 2.5")" \
		"m(\"lint2_$t\") / $(bytes "$f")"
done
if [ "$small" != "$big" ]; then
	stat "linearity: full lint (1 core) $big / $small certs" \
		"≤ $(awk "BEGIN{print 1.1 * $big / $small}")" "div(w(\"lint1_$big\"), w(\"lint1_$small\"))"
fi
stat "issuer path, $small certs as CA: full lint with their CA / without (1 core)" "—" \
	'div(w("lintd1_ca"), w("lintd1_noca"))'
stat "issuer path: one check / a bare signature verification (1 core)" "≤ 1.2" \
	'div(w("lintis_core_ca") - w("lintis_core_noca"), w("floor_ca") - w("floor_'"$small"'"))'
stat "issuer path: the checks' time, 1 core / all $cores cores" "≈ $cores" \
	'div(w("lintis_core_ca") - w("lintis_core_noca"), w("lintis_all_ca") - w("lintis_all_noca"))'
stat "$big certs: 30 cert rules / reading the store (1 core)" "—" \
	'div(w("rules_30") - w("rules_base"), w("rules_base"))'
[ ! -s "$list" ] || stat "$big certs: root program matching / lint with 30 rules (1 core)" "≤ 0.05" \
	'div(w("rules_program") - w("rules_30"), w("rules_30"))'
set -- "" $regs
eval "last=\${$#}"
for mb in $regs; do
	f="$dir/export-$mb.reg"
	stat ".reg $mb MB: reading (reg-dump), MB/s (1 core)" "$(at "$mb" "$last" "≥ 250")" \
		"div($(bytes "$f") / 1e6, w(\"regdump_$mb\"))"
	stat ".reg $mb MB: inventory (+ every Blob's certificate), MB/s (1 core)" "—" \
		"div($(bytes "$f") / 1e6, w(\"reginv_$mb\"))"
	stat ".reg $mb MB: inventory, peak memory / input" "—" "m(\"reginv_$mb\") / $(bytes "$f")"
done

{
	echo "trustlint benchmark, $(date -u +%Y-%m-%d): $cores cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
	echo "load average $load_before before, $load_after after; $runs rounds and $extra more of the short commands, timed by $timer; 1 core = taskset -c $core."
	echo
	echo "| measure | target | median | min | max | rounds |"
	echo "|---|---|---|---|---|---|"
	cat "$dir/table.md"
} > "$dir/table.out"
mv -f "$dir/table.out" "$dir/table.md"
echo
cat "$dir/table.md"
