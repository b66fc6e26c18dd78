#!/usr/bin/env bash
# cluster-demo: newsim scaled out on this machine, for a person to watch
# stories form — one NATS server (JetStream), one PostgreSQL, two workers,
# newsim watch printing story events, and newsim serve (the web page and
# API, reading the shared store; POST /v1/articles queues for the workers).
# It publishes N generated dev articles (default 1000) and runs until
# Ctrl-C; with --once it stops when every article is stored. It stops and
# removes everything it started.
#
#   bash scripts/cluster-demo.sh [--once] [N]
#
# Needs Debian's postgresql (scripts/setup.sh) and the dev pairs in
# ../shared/data. Ports: NEWSIM_DEMO_HTTP (8080), NEWSIM_DEMO_NATS (14222),
# NEWSIM_DEMO_PG (15432), on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

once=0
if [ "${1:-}" = "--once" ]; then once=1; shift; fi
n=${1:-1000}
http_port=${NEWSIM_DEMO_HTTP:-8080}
nats_port=${NEWSIM_DEMO_NATS:-14222}
pg_port=${NEWSIM_DEMO_PG:-15432}
pairs=../shared/data/semeval2022_dev.jsonl
[ -f "$pairs" ] || { echo "cluster-demo: $pairs not found (the SemEval-2022 dev pairs)" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "cluster-demo: PostgreSQL not installed: run scripts/setup.sh" >&2; exit 1; }

dir=$(mktemp -d /tmp/newsim-cluster-XXXXXX)
chmod 755 "$dir"
pids=()
pg_started=0
as=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$pg_started" = 1 ]; then "${as[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  echo "cluster-demo: stopped everything and removed $dir" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "cluster-demo: building into $dir" >&2
go build -o "$dir/newsim" ./cmd/newsim
go build -o "$dir/newsim-loadgen" ./cmd/newsim-loadgen
go build -o "$dir/nats-server" github.com/nats-io/nats-server/v2
"$dir/newsim-loadgen" --pairs "$pairs" -n "$n" --dup-every 0 >"$dir/articles.jsonl"

# PostgreSQL refuses to run as root: as root, run it as user postgres.
if [ "$(id -u)" -eq 0 ]; then
  mkdir "$dir/pg" && chown postgres "$dir/pg"
  as=(runuser -u postgres --)
fi
"${as[@]}" "$pgbin/initdb" -D "$dir/pg" -A trust -U postgres -E UTF8 --no-sync >/dev/null
"${as[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg/log" -o "-p $pg_port -h 127.0.0.1 -k $dir/pg -F" -w start >/dev/null
pg_started=1
store="postgres://postgres@127.0.0.1:$pg_port/postgres?sslmode=disable"
nats="nats://127.0.0.1:$nats_port"

"$dir/nats-server" -js -sd "$dir/nats" -a 127.0.0.1 -p "$nats_port" >"$dir/nats.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break
  sleep 0.1
done

for i in 1 2; do
  "$dir/newsim" worker --nats "$nats" --store "$store" --workers 1 >"$dir/worker$i.log" 2>&1 &
  pids+=($!)
done
"$dir/newsim" watch --nats "$nats" &
pids+=($!)
"$dir/newsim" serve --addr "127.0.0.1:$http_port" --store "$store" --nats "$nats" --token demo >"$dir/serve.log" 2>&1 &
pids+=($!)

"$dir/newsim" publish --nats "$nats" "$dir/articles.jsonl" >&2
echo "cluster-demo: web page and API on http://127.0.0.1:$http_port/ (token: demo); workers log to $dir/worker*.log" >&2

if [ "$once" = 1 ]; then
  want=$(grep -c . "$dir/articles.jsonl")
  for _ in $(seq 3000); do
    got=$("$dir/newsim" stories --store "$store" --limit 0 --json | grep -c '"external_id"' || true)
    [ "$got" -ge "$want" ] && break
    sleep 1
  done
  "$dir/newsim" stories --store "$store" --limit 10 >&2
  echo "cluster-demo: $got of $want articles stored" >&2
  [ "$got" -ge "$want" ]
  exit
fi
echo "cluster-demo: Ctrl-C stops everything" >&2
wait "${pids[0]}"
