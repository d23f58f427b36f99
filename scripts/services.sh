#!/usr/bin/env bash
# Starts / stops the services tiescore's production mode and integration tests need:
# a real Neo4j 5.26 (dev/neo4j, embedded DBMS with Bolt) and Redis on 127.0.0.1:6379.
# `start` is idempotent: while both answer it returns at once. It never takes over a port it did not
# start something on: when another process listens on NEO4J_DEV_PORT it says so and starts no Neo4j.
# `test` is what `npm test` needs before vitest: Redis, and dev/neo4j built — the tests start their
# own Neo4j on their own port and data directory (test/support/test-neo4j.ts), never this one.
# `stop` stops only what `start` started, and the tests' Neo4j (removing its data).
# `bulk-import DIR [DATABASE]` is the dev half of `tiescore import --initial`: it stops the Neo4j
# `start` started (on NEO4J_DEV_PORT; never one it did not start), builds DATABASE (default neo4j) in
# its data folder with Neo4j's offline importer (`neo4j-admin database import full`, run from the
# dev/neo4j class path) reading the files and options tiescore wrote to DIR (DIR/import.args, one
# argument a line), and starts it again with the heap and page cache it had. NEO4J_DEV_IMPORT_HEAP
# (default: NEO4J_DEV_HEAP) sizes the importer's JVM.
#
# Environment: NEO4J_DEV_HEAP (default 2g), NEO4J_DEV_PAGECACHE (default 1g),
# NEO4J_DEV_PORT (default 7687), TIESCORE_SERVICES_DIR (default .services).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state="${TIESCORE_SERVICES_DIR:-$root/.services}"
neo4j_dir="$root/dev/neo4j"
neo4j_port="${NEO4J_DEV_PORT:-7687}"
pid_file="$state/neo4j.pid"
port_file="$state/neo4j.port"
log_file="$state/neo4j.log"
memory_file="$state/neo4j.memory" # heap and page cache the running Neo4j was started with

say() { echo "services: $*"; }
fail() { echo "services: $*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
neo4j_running() { [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

build_neo4j() {
  local stamp="$neo4j_dir/target/.built"
  if [[ -f "$stamp" && "$stamp" -nt "$neo4j_dir/pom.xml" && -z $(find "$neo4j_dir/src" -newer "$stamp" -print -quit) ]]; then
    return
  fi
  command -v mvn >/dev/null || fail "Maven (mvn) is needed to build dev/neo4j; install it with: apt-get install -y maven"
  say "building dev/neo4j (first time downloads Neo4j 5.26 from Maven Central)"
  (cd "$neo4j_dir" && mvn -B -q -DskipTests package dependency:copy-dependencies) || fail "dev/neo4j build failed"
  touch "$stamp"
}

start_neo4j() {
  if neo4j_running && port_open "$neo4j_port"; then say "neo4j already running (pid $(cat "$pid_file"))"; return; fi
  if port_open "$neo4j_port"; then
    say "something else listens on $neo4j_port (not started by this script): starting no Neo4j there; set NEO4J_DEV_PORT for another port (the tests start their own Neo4j anyway)"
    return
  fi
  build_neo4j
  mkdir -p "$state"
  say "starting neo4j on bolt://127.0.0.1:$neo4j_port (log: $log_file)"
  NEO4J_DEV_DATA="$state/neo4j-data" NEO4J_DEV_PORT="$neo4j_port" NEO4J_DEV_PAGECACHE="${NEO4J_DEV_PAGECACHE:-1g}" \
    nohup java "-Xmx${NEO4J_DEV_HEAP:-2g}" -XX:+UseG1GC -cp "$neo4j_dir/target/classes:$neo4j_dir/target/lib/*" \
    dev.tiescore.Neo4jDevServer >"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  echo "$neo4j_port" >"$port_file"
  echo "${NEO4J_DEV_HEAP:-2g} ${NEO4J_DEV_PAGECACHE:-1g}" >"$memory_file"
  for _ in $(seq 1 240); do
    if grep -q 'neo4j dev server ready' "$log_file" 2>/dev/null && port_open "$neo4j_port"; then say "neo4j ready"; return; fi
    neo4j_running || { tail -n 20 "$log_file" >&2; fail "neo4j exited during start-up"; }
    sleep 0.5
  done
  fail "neo4j did not answer on port $neo4j_port within 120 s (see $log_file)"
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || port_open 6379; then say "redis answers on 127.0.0.1:6379"; return; fi
  if ! command -v redis-server >/dev/null; then
    say "installing redis-server with apt"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) || fail "could not install redis-server"
  fi
  mkdir -p "$state"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$state" --logfile "$state/redis.log" --pidfile "$state/redis.pid"
  touch "$state/redis.started-by-us"
  for _ in $(seq 1 40); do port_open 6379 && { say "redis started"; return; }; sleep 0.25; done
  fail "redis did not start (see $state/redis.log)"
}

# The tests' own Neo4j (test/support/test-neo4j.ts records it in $state/test-neo4j): stopped only when
# the recorded process is still a Neo4jDevServer; its data goes with it (the next run makes a fresh one).
stop_test_neo4j() {
  local dir="$state/test-neo4j" pid
  [[ -f "$dir/pid" ]] || return 0
  pid=$(cat "$dir/pid")
  if kill -0 "$pid" 2>/dev/null && { tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || ps -o args= -p "$pid" 2>/dev/null; } | grep -q 'dev.tiescore.Neo4jDevServer'; then
    say "stopping the tests' neo4j (pid $pid)"
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir/data" "$dir/pid" "$dir/port"
}

stop_neo4j() {
  if neo4j_running; then
    local pid; pid=$(cat "$pid_file")
    say "stopping neo4j (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file" "$port_file" "$memory_file"
}

# The importer needs the DBMS stopped on its data folder: only a Neo4j this script started (its pid
# recorded here, on the port asked for) is stopped; a listener it did not start is left alone.
bulk_import() {
  local dir="${1:-}" database="${2:-neo4j}" args
  [[ -n "$dir" && -f "$dir/import.args" ]] || fail "bulk-import: $dir/import.args not found (written by tiescore import --initial)"
  if neo4j_running; then
    [[ "$(cat "$port_file" 2>/dev/null)" == "$neo4j_port" ]] || fail "bulk-import: the neo4j started here (pid $(cat "$pid_file")) does not listen on $neo4j_port"
  elif port_open "$neo4j_port"; then
    fail "bulk-import: the neo4j on port $neo4j_port was not started by scripts/services.sh (services dir $state); stop it and run neo4j-admin database import full yourself (README, \"First load\")"
  fi
  build_neo4j
  # Started again as it was (heap, page cache), unless the environment says otherwise.
  if neo4j_running && [[ -f "$memory_file" ]]; then
    local heap pagecache
    read -r heap pagecache <"$memory_file"
    export NEO4J_DEV_HEAP="${NEO4J_DEV_HEAP:-$heap}" NEO4J_DEV_PAGECACHE="${NEO4J_DEV_PAGECACHE:-$pagecache}"
  fi
  stop_neo4j
  mapfile -t args <"$dir/import.args"
  say "building database $database in $state/neo4j-data with neo4j-admin database import full"
  NEO4J_HOME="$state/neo4j-data" java "-Xmx${NEO4J_DEV_IMPORT_HEAP:-${NEO4J_DEV_HEAP:-2g}}" -cp "$neo4j_dir/target/classes:$neo4j_dir/target/lib/*" \
    org.neo4j.cli.AdminTool database import full "$database" "${args[@]}" >"$state/bulk-import.log" 2>&1 \
    || { tail -n 30 "$state/bulk-import.log" >&2; start_neo4j; fail "bulk-import: neo4j-admin database import full failed (log: $state/bulk-import.log)"; }
  grep -E '^(IMPORT DONE|Imported:|  [0-9]+ (nodes|relationships|properties)|Peak memory)' "$state/bulk-import.log" | sed 's/^/services: /' || true
  start_neo4j
}

stop_all() {
  stop_neo4j
  stop_test_neo4j
  if [[ -f "$state/redis.started-by-us" ]]; then
    say "stopping redis"
    redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
    rm -f "$state/redis.started-by-us"
  fi
}

case "${1:-}" in
  start) start_redis; start_neo4j ;;
  test) start_redis; build_neo4j ;;
  stop) stop_all ;;
  build) build_neo4j ;;
  bulk-import) shift; bulk_import "$@" ;;
  *) fail "usage: scripts/services.sh start|test|stop|build|bulk-import DIR [DATABASE]" ;;
esac
