# lib.sh - what docs/measure.sh, docs/peers.sh and docs/warm.sh share;
# sourced, not run.
# Needs REPO (the checkout) set, and WORK (a temporary folder) before
# newsline_binary. Sets BENCH: ../shared/bench beside the repo, or beside the
# main checkout from a worktree; and TTFF, unless set: BENCH's ttff.sh.

BENCH=$REPO/../shared/bench
if [[ ! -d $BENCH ]]; then
	common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo "$REPO/.git")
	BENCH=$(dirname "$common")/../shared/bench
fi
TTFF=${TTFF:-$BENCH/ttff.sh}

# newsline_binary [PATH]: the newsline to measure, as an absolute path:
# PATH, or one built from the checkout into $WORK.
newsline_binary() {
	local nl=${1:-}
	if [[ -z $nl ]]; then
		echo "building newsline…" >&2
		(cd "$REPO" && go build -o "$WORK/newsline" ./cmd/newsline)
		nl=$WORK/newsline
	fi
	[[ $nl == */* ]] || nl=$(command -v "$nl" || echo "$nl")
	nl=$(cd "$(dirname "$nl")" && pwd)/$(basename "$nl")
	[[ -x $nl ]] || { echo "$nl is not an executable" >&2; return 1; }
	echo "$nl"
}

# count 12345 -> 12,345 (as newsline writes counts)
count() {
	local n=$1 out=""
	while ((${#n} > 3)); do
		out=",${n: -3}$out"
		n=${n:0:${#n}-3}
	done
	echo "$n$out"
}

# median of the numbers given as arguments ("NA" when none)
median() {
	(($# > 0)) || { echo NA; return; }
	printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{
		if (NR % 2) m = v[(NR+1)/2]; else m = (v[NR/2] + v[NR/2+1]) / 2
		printf "%.0f", m }'
}

# mb KB: kilobytes as megabytes (MiB)
mb() { [[ $1 == NA ]] && echo NA || awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }
