#!/usr/bin/env bash
# warm.sh - the warm-start figures of docs/performance.md (issue 11): on a
# collection already indexed, one start after another in a private tmux
# (../shared/bench/ttff.sh), each timing the right first screen, the whole
# list, the check of the folder, three searches and the peak RSS.
#
# Usage: docs/warm.sh DIR [NEWSLINE_BINARY]
#
# DIR is a collection, best written with names not in date order:
#   go run ./cmd/newsgen -n 100000 -seed 1 -hashed-names -out DIR
# Its index is built first (one start, waited for until the full text is
# in) in a private cache folder, removed at the end. Each run then waits for:
#   first    the newest article's title on screen (the first screen)
#   whole    the header moving on to "· checking" (every article in memory)
#   checked  the header saying "N articles" alone
#   half, word
#            "/" and a word typed at once (HALF, WORD), until the list's
#            footer shows its number of matches
#   phrase   the same for a phrase (PHRASE): until its first screen
#            ("counting…"), then until its whole count (phrasecount)
#   peak     the peak RSS over the run
# One line of key=value figures per run on stdout (ms; KB for the RSS).
#
# Environment: RUNS=5, HALF=among, WORD=wamerklung, PHRASE='"of the"' (words
# of newsgen's), COLS=160 ROWS=48, TIMEOUT=300.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
RUNS=${RUNS:-5}
HALF=${HALF:-among} WORD=${WORD:-wamerklung} PHRASE=${PHRASE:-'"of the"'}
COLS=${COLS:-160} ROWS=${ROWS:-48} TIMEOUT=${TIMEOUT:-300}

DIR=${1:?usage: docs/warm.sh DIR [NEWSLINE_BINARY]}
[[ -x $TTFF ]] || { echo "warm.sh: no ttff.sh at $TTFF (set TTFF)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsline-warm.XXXXXX")
trap 'rm -rf -- "$WORK"' EXIT
trap 'exit 130' INT TERM
NL=$(newsline_binary "${2:-}")
CACHE=$WORK/cache

ttff() { "$TTFF" -x "$COLS" -y "$ROWS" -t "$TIMEOUT" "$@" || true; }
run() { # run TTFF_ARGS...: one start with a new empty state folder
	rm -rf -- "$WORK/state"
	ttff "$@" -- "$NL" --cache-dir "$CACHE" --state-dir "$WORK/state" "$DIR"
}
hits() { count "$("$NL" list --cache-dir "$CACHE" --state-dir "$WORK/state" --search "$1" "$DIR" | wc -l)"; }

echo "building the index of $DIR…" >&2
n=$("$NL" list --cache-dir "$CACHE" --state-dir "$WORK/state" "$DIR" | wc -l)
all="$(count "$n") articles"
run -e "$all"$'\n' >/dev/null # the full text too
first=$("$NL" list --cache-dir "$CACHE" --state-dir "$WORK/state" "$DIR" | head -1 | cut -f4 | cut -c1-24 || true)
echo "$all; the newest: \"$first\"" >&2

for ((r = 1; r <= RUNS; r++)); do
	out=$(run -e "$first" \
		-s mark:whole -s "wait:$all · checking" -s lap:whole \
		-s mark:checked -s "wait:$all"$'\n' -s lap:checked -s sleep:300 \
		-s mark:half -s send:/ -s "type:$HALF" -s "wait:/$(hits "$HALF")" -s lap:half \
		-s send:Escape -s sleep:300 \
		-s mark:word -s send:/ -s "type:$WORD" -s "wait:/$(hits "$WORD")" -s lap:word \
		-s send:Escape -s sleep:300 \
		-s mark:phrase -s send:/ -s "type:$PHRASE" -s wait:counting -s lap:phrase \
		-s mark:phrasecount -s "wait:/$(hits "$PHRASE") ━" -s lap:phrasecount \
		-s send:Escape -s send:Escape)
	echo "$out" | tr '\n' ' ' | grep -oE "(ttff|[a-z]+)_ms=[0-9.]+|peak_rss_kb=[0-9]+|status=[a-z]+" | tr '\n' ' '
	echo
done
