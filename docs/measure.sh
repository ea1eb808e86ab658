#!/usr/bin/env bash
# measure.sh - whole-program figures for newsline on generated collections:
# time to first frame, time until every article is loaded, a search, and
# peak memory, as medians of several runs, printed as a Markdown table.
#
# Usage: docs/measure.sh [NEWSLINE_BINARY]
#
# Without a binary, one is built from this checkout (go build) into a
# temporary folder. Collections are written by cmd/newsgen into $CORPUS
# (default ${TMPDIR:-/tmp}/newsline-bench-corpus, one folder per size and
# seed) when missing, and reused by later runs; delete them to regenerate.
# Each run is one start of the program in a private tmux server driven by
# ../shared/bench/ttff.sh (see its README; it needs tmux and GNU time).
#
# What is measured, per collection size:
#   never indexed (one run, with an empty cache folder: the first start on a
#   collection):
#     first frame   ttff.sh until the newest article's title is on screen
#     list          until the header shows "N articles" (the list and tags
#                   are complete; the full-text index follows)
#     full text     until the header is "N articles" alone (the full-text
#                   index is complete); this run is also the warm-up
#   warm (RUNS runs each, the index in place, the page cache warm):
#     first frame   ttff.sh until the newest article's title (the first words
#                   of the first line of article 1, 000001.txt) is on screen
#   all loaded    ttff.sh until the header shows "N articles · checking": the
#                 list is whole (the first screen came from the index before);
#                 the search starts once the check is over ("N articles" alone)
#   search        in the same run, after the load: "/" then the word typed
#                 at once, until the list's position shows "/K", K being what
#                 `newsline list --search WORD` counts
#   peak RSS      /usr/bin/time over that run (start, load, search, quit)
#   cold cache    with DROP=1 (root only): first frame after
#                 `echo 3 > /proc/sys/vm/drop_caches`, RUNS runs
#
# Environment:
#   SIZES="20000"     collection sizes (articles); FULL=1 adds 100000
#   RUNS=5            measured runs of each kind per size (median reported)
#   SEED=1            newsgen seed
#   HASHED=1          collections written with newsgen -hashed-names (file
#                     names not in date order, kept apart in *-hashed
#                     folders); the first frame still waits for article 1
#   SEARCH=japrost    the word searched for (one of newsgen's words, in
#                     about one article in ten)
#   CORPUS=DIR        where collections are kept
#   TTFF=PATH         ttff.sh (default: ../shared/bench/ttff.sh beside the repo,
#                     or beside the main checkout of a worktree)
#   ARGS="..."        extra arguments for newsline, before the folder
#   TIMEOUT=300       seconds each wait may take
#   COLS=160 ROWS=48  terminal size
#   EXPECT=STR        override the first-frame string
#   KEEP_CACHE=1      use the real $XDG_CACHE_HOME (default: a private one per
#                     run of this script, removed at the end)
# Per-run figures go to stderr, the table to stdout.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
SIZES=${SIZES:-20000}
[[ ${FULL:-} == 1 ]] && SIZES="$SIZES 100000"
RUNS=${RUNS:-5}
SEED=${SEED:-1}
SEARCH=${SEARCH:-japrost}
CORPUS=${CORPUS:-${TMPDIR:-/tmp}/newsline-bench-corpus}
TIMEOUT=${TIMEOUT:-300}
COLS=${COLS:-160} ROWS=${ROWS:-48}
read -ra NLARGS <<<"${ARGS:-}"

[[ -x $TTFF ]] || { echo "measure.sh: no ttff.sh at $TTFF (set TTFF)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsline-measure.XXXXXX")
PARTIAL=""
cleanup() {
	[[ -n $PARTIAL ]] && rm -rf -- "$PARTIAL"
	rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

NL=$(newsline_binary "${1:-}")

ENVS=()
if [[ ${KEEP_CACHE:-} != 1 ]]; then
	mkdir -p "$WORK/cache"
	ENVS=(-E "XDG_CACHE_HOME=$WORK/cache")
fi

# field KEY LINE: the value of KEY=value in a ttff.sh output line
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

GENARGS=()
[[ ${HASHED:-} == 1 ]] && GENARGS=(-hashed-names)

# newsgen ARGS...: runs newsgen, built from this checkout the first time
newsgen() {
	if [[ ! -x $WORK/newsgen ]]; then
		(cd "$REPO" && go build -o "$WORK/newsgen" ./cmd/newsgen)
	fi
	"$WORK/newsgen" "$@"
}

# corpus N: the folder of the N-article collection, generated when missing
corpus() {
	local n=$1 dir="$CORPUS/txt-n$1-seed$SEED${GENARGS:+-hashed}"
	if [[ ! -d $dir ]]; then
		mkdir -p "$CORPUS"
		PARTIAL="$dir.partial.$$"
		newsgen "${GENARGS[@]}" -n "$n" -seed "$SEED" -out "$PARTIAL" >&2
		mv -- "$PARTIAL" "$dir"
		PARTIAL=""
	fi
	echo "$dir"
}

# first words of the title of article 1, short enough for a list row; with
# hashed names, read from a one-article collection (the same text)
expected() {
	local words word out="" first=$1/000001.txt
	if [[ ${HASHED:-} == 1 ]]; then
		[[ -d $WORK/first ]] || newsgen -q -n 1 -seed "$SEED" -out "$WORK/first"
		first=$WORK/first/000001.txt
	fi
	read -ra words <"$first"
	for word in "${words[@]}"; do
		[[ -n $out && ${#out} -ge 12 && $((${#out} + 1 + ${#word})) -gt 24 ]] && break
		out="${out:+$out }$word"
	done
	echo "$out"
}

ttff() { "$TTFF" -x "$COLS" -y "$ROWS" -t "$TIMEOUT" "${ENVS[@]}" "$@" || true; }

ROWS_OUT=()
for n in $SIZES; do
	dir=$(corpus "$n")
	expect=${EXPECT:-$(expected "$dir")}
	loaded="  $(count "$n") articles"
	listed="$(count "$n") articles · checking" # see peers.sh
	hits=$("$NL" list "${NLARGS[@]}" "$dir" --search "$SEARCH" | wc -l)
	if ((hits > 0)); then found="/$(count "$hits")"; else found="No articles match"; fi
	search_steps=(-s send:/ -s mark:search -s "type:$SEARCH" -s "wait:$found" -s lap:search -s send:Enter)
	echo "== $n articles in $dir: first frame shows \"$expect\"; \"$SEARCH\" in $hits" >&2

	# The first start: the index is built, then warm-up for what follows.
	[[ ${KEEP_CACHE:-} == 1 ]] || rm -rf -- "$WORK/cache/newsline"
	out=$(ttff -e "$expect" -s mark:start -s "wait:$loaded" -s lap:start \
		-s "wait:$(count "$n") articles"$'\n' -s lap:start -- "$NL" "${NLARGS[@]}" "$dir")
	echo "never indexed: $out" >&2
	# lap start_ms is printed twice: the list, then the full text
	laps=$(grep -o 'start_ms=[0-9.]*' <<<"$out" | cut -d= -f2 | tr '\n' ' ')
	read -r list_ms text_ms <<<"$laps"
	cold_frame=$(field ttff_ms "$out")
	cold_list=$(awk -v a="$cold_frame" -v b="${list_ms:-NA}" 'BEGIN{ if (b == "NA") print "NA"; else printf "%.0f", a + b }')
	cold_text=$(awk -v a="$cold_frame" -v b="${text_ms:-NA}" 'BEGIN{ if (b == "NA") print "NA"; else printf "%.0f", a + b }')
	cold_rss=$(field peak_rss_kb "$out")

	frame=() hwm=() load=() search=() rss=() failed=0
	for ((r = 1; r <= RUNS; r++)); do
		out=$(ttff -e "$expect" -- "$NL" "${NLARGS[@]}" "$dir")
		echo "first frame $r: $out" >&2
		if [[ $(field status "$out") == ok ]]; then
			frame+=("$(field ttff_ms "$out")")
			hwm+=("$(field frame_hwm_kb "$out")")
		else
			failed=$((failed + 1))
		fi
		out=$(ttff -e "$listed" -s "wait:$(count "$n") articles"$'\n' "${search_steps[@]}" -- "$NL" "${NLARGS[@]}" "$dir")
		echo "load+search $r: $out" >&2
		if [[ $(field status "$out") == ok ]]; then
			load+=("$(field ttff_ms "$out")")
			search+=("$(field search_ms "$out")")
			rss+=("$(field peak_rss_kb "$out")")
		else
			failed=$((failed + 1))
		fi
	done
	dropped=()
	if [[ ${DROP:-} == 1 ]]; then
		for ((r = 1; r <= RUNS; r++)); do
			sync
			echo 3 >/proc/sys/vm/drop_caches
			out=$(ttff -e "$expect" -- "$NL" "${NLARGS[@]}" "$dir")
			echo "cold cache $r: $out" >&2
			[[ $(field status "$out") == ok ]] && dropped+=("$(field ttff_ms "$out")")
		done
	fi
	row="| $(count "$n") | $(median "${frame[@]}") | $(median "${dropped[@]}") | $(mb "$(median "${hwm[@]}")") | $(median "${load[@]}")"
	row+=" | $(median "${search[@]}") ($(count "$hits") hits) | $(mb "$(median "${rss[@]}")") |"
	row+=" $cold_frame | $cold_list | $cold_text | $(mb "${cold_rss:-NA}") |"
	((failed == 0)) || row+=" $failed of $((2 * RUNS)) runs failed"
	ROWS_OUT+=("$row")
done

commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$REPO" status --porcelain 2>/dev/null) ]] && commit+=" (with local changes)"
echo
echo "newsline $("$NL" --version 2>/dev/null | awk '{print $NF}') at $commit; $(nproc) cores, $(uname -sr);"
echo "$(date -u +%Y-%m-%d), ${COLS}x$ROWS terminal, warm page cache, median of $RUNS runs; newsgen -seed $SEED${GENARGS:+ ${GENARGS[*]}}."
echo
echo "| articles | first frame (ms) | first frame, cold cache (ms) | RSS at first frame (MB) | all loaded (ms) | search “$SEARCH” (ms) | peak RSS (MB) | never indexed: first frame (ms) | list (ms) | full text (ms) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS_OUT[@]}"
