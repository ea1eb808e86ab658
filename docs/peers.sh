#!/usr/bin/env bash
# peers.sh - newsboat 2.21 and newsline side by side, in the same run, on the
# same generated articles: time to the newest article on screen, the whole
# list, a search, peak memory, and the first import / index. Medians of RUNS
# runs as a Markdown table on stdout; every run's figures on stderr.
#
# Usage: docs/peers.sh [NEWSLINE_BINARY]
#
# Without a binary, newsline is built from this checkout (go build) into a
# temporary folder. The articles come from the shared generator
# (../shared/bench/gen beside the repo, `-format all`): newsline opens its
# txt/ folder, newsboat reads the same articles from its feed.rss through a
# urls file holding a file:// URL (no network). Collections are kept in
# $CORPUS/gen-nN-seedS (default ${TMPDIR:-/tmp}/newsline-bench-corpus),
# written when missing and reused by later runs; delete them to regenerate.
# Each measured run is one start of the program in a private tmux server
# driven by ../shared/bench/ttff.sh (it needs tmux and GNU time). The runs
# alternate (newsboat, newsline, newsline, then again) so that other load on
# the machine falls on both; the load averages at the start and the end are
# printed with the table.
#
# newsboat, with a private urls file, cache (-c), config (-C, empty: the
# defaults) and HOME (its search history), all removed at the end:
#   import        `newsboat -x reload` into an empty cache, timed once, with
#                 its peak RSS from /usr/bin/time
#   feed list     until the feed list shows the feed's unread count, "(N/"
#                 (the row is "(unread/total) Bench Corpus", cut at 11
#                 columns, so the total may not show whole); newsboat draws
#                 it before it has read all the articles from its cache
#                 (at 20,000 articles, 37 MB then of a 173 MB peak)
#   newest        Enter as soon as the feed list shows, then until article
#                 1's title is on screen: the article list, drawn once every
#                 article is loaded. This is the figure to set against
#                 newsline's first frame (the first screen a reader can use)
#                 and its whole list (newsboat has no partial list).
#                 Article 1's title only appears in that list, so it cannot
#                 match early; the feed list's count checks that earlier
#                 runs marked nothing read.
#   search        `/`, the word typed at the "Search for:" prompt, then
#                 from Enter until "Search results (" shows (newsboat finds
#                 substrings in title and text with SQL LIKE; the hit count
#                 is read from that header)
#   peak RSS      /usr/bin/time over that run (start, list, search, quit)
#   CPU, RSS      user+sys CPU time and VmHWM when article 1 showed (ttff.sh's
#                 frame_cpu_ms, frame_hwm_kb), for both programs
# newsline, with a private --cache-dir (its index, built by the first start,
# before the measured runs) and a new empty --state-dir for each run (so each
# start is at the top, no filter, nothing read: a saved search would hide
# article 1):
#   never indexed the first start on the collection, timed: first frame,
#                 list complete ("  N articles"), full text complete ("N
#                 articles" alone); set beside newsboat's import
#   first frame   until article 1's title (its first words, as measure.sh)
#                 is on screen; article 1 is the newest (for seed 1, "A if
#                 man court book lustankel")
#   whole list    until the header shows "N articles · checking" (the list is
#                 whole; the folder is being checked against the index), and
#                 the search starts once that check is over
#   search        in the same run, `/` then the word typed at once, until
#                 the position shows "/K", K being what `newsline list
#                 --search WORD` counts (word starts; for the default word
#                 the same articles as newsboat's substrings)
#   peak RSS      /usr/bin/time over that run (start, list, search, quit)
#
# Environment:
#   N=100000          articles
#   RUNS=5            measured runs of each program (median reported)
#   SEED=1            generator seed
#   SEARCH=kulalam    the word searched for: in about one article in nine,
#                     never inside another word, so both programs find the
#                     same articles (2,351 of 20,000 with seed 1)
#   CORPUS=DIR        where collections are kept
#   GEN=DIR           the shared generator (default ../shared/bench/gen beside
#                     the repo, or beside the main checkout of a worktree)
#   TTFF=PATH         ttff.sh (default ../shared/bench/ttff.sh, likewise)
#   NEWSBOAT=newsboat the newsboat binary
#   TIMEOUT=300       seconds each wait may take
#   COLS=160 ROWS=48  terminal size
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
GEN=${GEN:-$BENCH/gen}
N=${N:-100000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
SEARCH=${SEARCH:-kulalam}
CORPUS=${CORPUS:-${TMPDIR:-/tmp}/newsline-bench-corpus}
NEWSBOAT=${NEWSBOAT:-newsboat}
TIMEOUT=${TIMEOUT:-300}
COLS=${COLS:-160} ROWS=${ROWS:-48}

die() { echo "peers.sh: $*" >&2; exit 1; }
[[ -x $TTFF ]] || die "no ttff.sh at $TTFF (set TTFF)"
[[ -d $GEN ]] || die "no generator at $GEN (set GEN)"
NEWSBOAT=$(command -v "$NEWSBOAT") || die "no newsboat (set NEWSBOAT)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsline-peers.XXXXXX")
PARTIAL="" IMPORT_PID=""
cleanup() {
	# only the import runs outside ttff.sh, which ends its own tmux servers
	if [[ -n $IMPORT_PID ]] && kill -0 "$IMPORT_PID" 2>/dev/null; then
		kill -TERM "$IMPORT_PID" 2>/dev/null || true
		wait "$IMPORT_PID" 2>/dev/null || true
	fi
	[[ -n $PARTIAL ]] && rm -rf -- "$PARTIAL"
	rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

NL=$(newsline_binary "${1:-}")

# range of the numbers given as arguments: "min–max" ("NA" when none)
range() {
	(($# > 0)) || { echo NA; return; }
	printf '%s\n' "$@" | sort -g | awk 'NR==1{lo=$1} {hi=$1} END{printf "%.0f–%.0f", lo, hi}'
}

# sum A B: A + B rounded, NA if either is missing
sum() { awk -v a="${1:-NA}" -v b="${2:-NA}" 'BEGIN{ if (a == "NA" || b == "NA" || a == "" || b == "") print "NA"; else printf "%.0f", a + b }'; }

# field KEY LINE: the value of KEY=value in a ttff.sh output line ("NA" if absent)
field() {
	local v
	v=$(sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2")
	echo "${v:-NA}"
}

ttff() { "$TTFF" -x "$COLS" -y "$ROWS" -t "$TIMEOUT" "$@" || true; }

# corpus: the folder of the N-article collection (txt/ and feed.rss),
# generated when missing
corpus() {
	local dir="$CORPUS/gen-n$N-seed$SEED"
	if [[ ! -f $dir/feed.rss || ! -d $dir/txt ]]; then
		mkdir -p "$CORPUS"
		(cd "$GEN" && go build -o "$WORK/gen" .)
		PARTIAL="$dir.partial.$$"
		"$WORK/gen" -n "$N" -seed "$SEED" -out "$PARTIAL" -format all >&2
		echo >&2
		rm -rf -- "$dir"
		mv -- "$PARTIAL" "$dir"
		PARTIAL=""
	fi
	echo "$dir"
}

# expected DIR: the first words of article 1's title, short enough for a
# list row (as measure.sh)
expected() {
	local words word out=""
	read -ra words <"$1/txt/000001.txt"
	for word in "${words[@]}"; do
		[[ -n $out && ${#out} -ge 12 && $((${#out} + 1 + ${#word})) -gt 24 ]] && break
		out="${out:+$out }$word"
	done
	echo "$out"
}

DIR=$(corpus)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
EXPECT=$(expected "$DIR")
echo "== $(count "$N") articles in $DIR: the newest is \"$EXPECT…\"; searching \"$SEARCH\"" >&2

# ---- newsboat: private files, the import --------------------------------
NB=$WORK/newsboat
mkdir -p "$NB/home"
echo "file://$DIR/feed.rss" >"$NB/urls"
: >"$NB/config"
nb_args=(-u "$NB/urls" -c "$NB/cache.db" -C "$NB/config")
t0=$EPOCHREALTIME
/usr/bin/time -v -o "$NB/import.time" env HOME="$NB/home" "$NEWSBOAT" "${nb_args[@]}" -x reload </dev/null >"$NB/import.log" 2>&1 &
IMPORT_PID=$!
wait "$IMPORT_PID" || die "newsboat -x reload failed: $(cat "$NB/import.log")"
IMPORT_PID=""
import_ms=$(awk -v a="${t0/./}" -v b="${EPOCHREALTIME/./}" 'BEGIN{printf "%.0f", (b-a)/1000}')
import_rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$NB/import.time")
echo "newsboat import: import_ms=$import_ms peak_rss_kb=$import_rss" >&2

nb_run() {
	ttff -o "$NB/run" -E "HOME=$NB/home" -w "($N/" -k Enter -e "$EXPECT" \
		-s send:/ -s "wait:Search for:" -s "type:$SEARCH" -s "wait:Search for: $SEARCH" \
		-s mark:search -s send:Enter -s "wait:Search results (" -s lap:search \
		-q "q q q" -- "$NEWSBOAT" "${nb_args[@]}"
}

# ---- newsline: the first start builds the index --------------------------
NLC=$WORK/newsline-cache
nl_run() { # nl_run TTFF_ARGS...: one start with a new empty state folder
	rm -rf -- "$WORK/newsline-state"
	mkdir -p "$WORK/newsline-state"
	ttff "$@" -- "$NL" --cache-dir "$NLC" --state-dir "$WORK/newsline-state" "$DIR/txt"
}
loaded="  $(count "$N") articles"
# A warm start shows the first screen from the index ("N articles ·
# loading the list…"); the whole list is in once the header moves on to
# the check of the folder, which takes a second at 100,000 files.
listed="$(count "$N") articles · checking"
out=$(nl_run -e "$EXPECT" -s mark:start -s "wait:$loaded" -s lap:start \
	-s "wait:$(count "$N") articles"$'\n' -s lap:start)
echo "newsline never indexed: $out" >&2
laps=$(grep -o 'start_ms=[0-9.]*' <<<"$out" | cut -d= -f2 | tr '\n' ' ' || true)
read -r list_ms text_ms <<<"$laps"
first_frame=$(field ttff_ms "$out")
cold_frame=$(sum "$first_frame" 0)
cold_list=$(sum "$first_frame" "${list_ms:-NA}")
cold_text=$(sum "$first_frame" "${text_ms:-NA}")
cold_rss=$(field peak_rss_kb "$out")
nl_hits=$("$NL" list --cache-dir "$NLC" --state-dir "$WORK/newsline-state" "$DIR/txt" --search "$SEARCH" | wc -l)
if ((nl_hits > 0)); then found="/$(count "$nl_hits")"; else found="No articles match"; fi

# ---- the measured runs, alternating ---------------------------------------
nb_list=() nb_newest=() nb_search=() nb_hwm=() nb_cpu=() nb_rss=() nb_hits=""
nl_frame=() nl_hwm=() nl_cpu=() nl_load=() nl_search=() nl_rss=()
failed=0
for ((r = 1; r <= RUNS; r++)); do
	out=$(nb_run)
	echo "newsboat $r: $out" >&2
	if [[ $(field status "$out") == ok ]]; then
		nb_list+=("$(field first_ui_ms "$out")")
		nb_newest+=("$(field ttff_ms "$out")")
		nb_search+=("$(field search_ms "$out")")
		nb_hwm+=("$(field frame_hwm_kb "$out")")
		nb_cpu+=("$(field frame_cpu_ms "$out")")
		nb_rss+=("$(field peak_rss_kb "$out")")
		nb_hits=$(sed -n 's/.*Search results ([0-9]* unread, \([0-9]*\) total).*/\1/p' "$NB/run/final.txt" 2>/dev/null | head -1 || true)
	else
		failed=$((failed + 1))
	fi

	out=$(nl_run -e "$EXPECT")
	echo "newsline first frame $r: $out" >&2
	if [[ $(field status "$out") == ok ]]; then
		nl_frame+=("$(field ttff_ms "$out")")
		nl_hwm+=("$(field frame_hwm_kb "$out")")
		nl_cpu+=("$(field frame_cpu_ms "$out")")
	else
		failed=$((failed + 1))
	fi
	out=$(nl_run -e "$listed" -s "wait:$(count "$N") articles"$'\n' -s send:/ -s mark:search -s "type:$SEARCH" -s "wait:$found" -s lap:search -s send:Enter)
	echo "newsline list+search $r: $out" >&2
	if [[ $(field status "$out") == ok ]]; then
		nl_load+=("$(field ttff_ms "$out")")
		nl_search+=("$(field search_ms "$out")")
		nl_rss+=("$(field peak_rss_kb "$out")")
	else
		failed=$((failed + 1))
	fi
done

# ---- the table ------------------------------------------------------------
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$REPO" status --porcelain 2>/dev/null) ]] && commit+=" (with local changes)"
nb_version=$("$NEWSBOAT" --version 2>/dev/null | head -1 | awk '{print $2}')
nl_version=$("$NL" --version 2>/dev/null | awk '{print $NF}')
cell() { echo "$(median "$@") ($(range "$@"))"; }
echo
echo "newsboat $nb_version and newsline $nl_version at $commit, same run; $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%d)."
echo "$(count "$N") articles from ../shared/bench/gen -seed $SEED; ${COLS}x$ROWS tmux, warm page cache; median (min–max) of $RUNS runs each, alternating."
echo "Load average (1, 5, 15 min) $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end: other programs share the cores, so wall times move with them; CPU times less."
echo
echo "| | newsboat $nb_version | newsline |"
echo "|---|---:|---:|"
echo "| first frame (ms): newsboat's feed list with the count; newsline's list with the newest article | $(cell "${nb_list[@]}") | $(cell "${nl_frame[@]}") |"
echo "| newest article on screen (ms): newsboat's article list, Enter at once on the feed list | $(cell "${nb_newest[@]}") | $(cell "${nl_frame[@]}") |"
echo "| CPU used until then, user+sys (ms; less moved by other load than wall time) | $(cell "${nb_cpu[@]}") | $(cell "${nl_cpu[@]}") |"
echo "| whole list: all $(count "$N") articles in it (ms) | $(cell "${nb_newest[@]}") (loads all before its list) | $(cell "${nl_load[@]}") |"
echo "| search “$SEARCH” until the results show (ms) | $(cell "${nb_search[@]}") from Enter, $(count "${nb_hits:-0}") hits | $(cell "${nl_search[@]}") from the first key, $(count "$nl_hits") hits |"
echo "| RSS when the newest article shows (MB) | $(mb "$(median "${nb_hwm[@]}")") | $(mb "$(median "${nl_hwm[@]}")") |"
echo "| peak RSS: start, whole list, one search, quit (MB) | $(mb "$(median "${nb_rss[@]}")") | $(mb "$(median "${nl_rss[@]}")") |"
echo "| never imported / indexed (one run) | \`-x reload\` $(awk -v m="$import_ms" 'BEGIN{printf "%.1f", m/1000}') s, $(mb "${import_rss:-NA}") MB | first frame $cold_frame ms, list $cold_list ms, full text $cold_text ms, $(mb "$cold_rss") MB |"
((failed == 0)) || echo "$failed of $((3 * RUNS)) runs failed (see stderr)"
