#!/usr/bin/env bash
# Fills a store with `spreekuur demo --clients 100000 --visits 1000000` and prints the fill
# time, the whole-process time of find, show and tally --year on it, and the store's size.
# Goals (issue 2): fill under 15 s on 2 cores; each command under 50 ms.
# Usage: bench/foundation.sh [CLIENTS VISITS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-100000}
visits=${2:-1000000}
export TZ=Europe/Amsterdam
cargo build --release --quiet
bin=target/release/spreekuur
out=bench/out
mkdir -p "$out"
db="$out/demo-$clients-$visits.redb"
rm -f "$db"

ms() { echo "$(( ($2 - $1) / 1000000 ))"; }

start=$(date +%s%N)
"$bin" --db "$db" demo --clients "$clients" --visits "$visits" --seed 1 >/dev/null
end=$(date +%s%N)
fill_ms=$(ms "$start" "$end")

# Median of 21 runs of a whole process (open the store, do the job, print).
median() {
  local times=()
  for _ in $(seq 21); do
    local s e
    s=$(date +%s%N)
    "$bin" --db "$db" "$@" >/dev/null
    e=$(date +%s%N)
    times+=("$(( (e - s) / 1000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 11p | awk '{ printf "%.1f", $1 / 1000 }'
}

year=$(( $(date +%Y) - 1 ))
printf 'store            %s clients, %s visits\n' "$clients" "$visits"
printf "fill (demo)      %s s   (goal < 15 s)\n" "$(awk -v ms="$fill_ms" 'BEGIN { printf "%.1f", ms / 1000 }')"
printf 'find mohammed    %s ms   (goal < 50 ms)\n' "$(median find mohammed)"
printf 'find hassan 1986 %s ms   (goal < 50 ms)\n' "$(median find hassan 1986)"
printf 'show 1042        %s ms   (goal < 50 ms)\n' "$(median show 1042)"
printf 'tally --year %s %s ms   (goal < 50 ms)\n' "$year" "$(median tally --year "$year")"
printf 'store size       %s MiB\n' "$(( $(stat -c %s "$db") / 1048576 ))"
