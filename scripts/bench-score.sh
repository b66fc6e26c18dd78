#!/usr/bin/env bash
# Times `newsim score` against the scikit-learn TF-IDF + cosine yardstick
# (scripts/sklearn_baseline.py) on the same pairs file, end to end (start-up,
# reading, writing included), in one run: ROUNDS rounds, the two programs
# alternating so that both meet the same machine load. Prints a Markdown
# table of wall and CPU (user + sys) seconds, best and median over the
# rounds, and the load average, since a shared machine slows wall time.
#
#   scripts/bench-score.sh [PAIRS.jsonl] [ROUNDS]
#
# Defaults: ../shared/data/semeval2022_dev.jsonl beside the repository, 5 rounds. Needs GNU time
# (/usr/bin/time) and Debian's python3-sklearn (scripts/setup.sh installs both).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-$repo/../shared/data/semeval2022_dev.jsonl}
rounds=${2:-5}
[ -r "$pairs" ] || { echo "bench-score: cannot read pairs file $pairs" >&2; exit 1; }
pairs=$(realpath "$pairs") # a path relative to where it was called from
cd "$repo"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench-score: ROUNDS must be a positive number, got $rounds" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-score: /usr/bin/time (Debian package time) is missing" >&2; exit 1; }
/usr/bin/python3 -c 'import sklearn' 2>/dev/null || { echo "bench-score: python3-sklearn is missing (scripts/setup.sh)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/newsim" ./cmd/newsim
want=$(grep -c . "$pairs")

# run NAME CMD...: one timed run; appends "wall cpu" to $tmp/NAME.times.
run() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" --pairs "$pairs" --out "$tmp/$name.out" 2>"$tmp/$name.err" ||
    { echo "bench-score: $name failed:" >&2; cat "$tmp/$name.err" >&2; exit 1; }
  local got
  got=$(grep -c . "$tmp/$name.out")
  [ "$got" -eq "$want" ] || { echo "bench-score: $name wrote $got lines for $want pairs" >&2; exit 1; }
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$tmp/t" >>"$tmp/$name.times"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 0; i < rounds; i++)); do
  run sklearn /usr/bin/python3 scripts/sklearn_baseline.py
  run newsim "$tmp/newsim" score
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# stats NAME: best wall, its CPU, median wall, median CPU, best CPU.
stats() {
  sort -n "$tmp/$1.times" | awk '
    { w[NR] = $1; c[NR] = $2 } NR == 1 { bw = $1; bc = $2 }
    END { m = int((NR + 1) / 2); print bw, bc, w[m] }'
  sort -n -k2 "$tmp/$1.times" | awk '{ c[NR] = $2 } END { print c[int((NR + 1) / 2)], c[1] }'
}
read -r sw sc smw < <(stats sklearn | head -1)
read -r smc sbc < <(stats sklearn | tail -1)
read -r nw nc nmw < <(stats newsim | head -1)
read -r nmc nbc < <(stats newsim | tail -1)

echo "$(grep -c . "$pairs") pairs from $pairs, $rounds rounds alternating, $(nproc) cores, load average $load_before before, $load_after after"
echo
echo "| program | best wall s | CPU s of that run | CPU/wall | median wall s | median CPU s | best CPU s |"
echo "|---|---:|---:|---:|---:|---:|---:|"
awk -v n="scikit-learn TF-IDF + cosine" -v w="$sw" -v c="$sc" -v mw="$smw" -v mc="$smc" -v bc="$sbc" \
  'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", n, w, c, c / w, mw, mc, bc }'
awk -v n="newsim score" -v w="$nw" -v c="$nc" -v mw="$nmw" -v mc="$nmc" -v bc="$nbc" \
  'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", n, w, c, c / w, mw, mc, bc }'
echo
awk -v nw="$nw" -v sw="$sw" -v nmw="$nmw" -v smw="$smw" -v nbc="$nbc" -v sbc="$sbc" 'BEGIN {
  printf "newsim / scikit-learn: best wall %.2f×, median wall %.2f×, best CPU %.2f×\n", nw / sw, nmw / smw, nbc / sbc }'
