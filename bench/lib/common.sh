# shellcheck shell=bash
# Shared parts of the benchmark commands (bench/features, bench/tiles): the service under test, its
# private PostGIS cluster, synthetic data, the SQL harness and machine facts. Source it; it defines functions
# and a few variables and changes nothing by itself.
#
# Variables a command sets before calling these functions:
#   BENCH_DATA   data dir of the benchmark instance (default /tmp/arealbank-bench), reused between runs
# Variables these functions set:
#   REPO         the repository root
#   APP_PID APP_PORT APP_URL      the running service (bench_start_app)
#   DB_PORT      the private cluster's port; PGHOST/PGPORT/PGUSER/PGDATABASE/PGPASSWORD are exported for psql/pgbench
#   JAR_DIR      the unpacked copy of the jar under test (bench_snapshot_jar)

BENCH_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_LIB/../.." && pwd)"
BENCH_DATA="${BENCH_DATA:-/tmp/arealbank-bench}"
APP_PID=""
BENCH_STARTED_AT=$(date +%s)

bench_log() {
  printf '[%s %4ss] %s\n' "$(date +%H:%M:%S)" "$(($(date +%s) - BENCH_STARTED_AT))" "$*" >&2
}

bench_die() {
  bench_log "ERROR: $*"
  exit 1
}

# Installs wrk, PostgreSQL/PostGIS, the JDK and Maven when missing (bin/setup is idempotent and quick).
bench_setup() {
  "$REPO/bin/setup" >&2
  local tool
  for tool in java javac mvn wrk pgbench psql curl jq unzip; do
    command -v "$tool" >/dev/null 2>&1 || bench_die "$tool not found after bin/setup"
  done
}

# Creates (or with "fresh" recreates) the benchmark data dir. A marker file guards the rm -rf.
bench_prepare_data_dir() {
  local fresh="$1"
  if [ "$fresh" = "fresh" ] && [ -e "$BENCH_DATA" ]; then
    if [ ! -f "$BENCH_DATA/.arealbank-bench" ]; then
      bench_die "--fresh: $BENCH_DATA has no .arealbank-bench marker; not deleting a directory this tool did not create"
    fi
    bench_log "fresh: removing $BENCH_DATA"
    rm -rf -- "$BENCH_DATA"
  fi
  mkdir -p "$BENCH_DATA"
  touch "$BENCH_DATA/.arealbank-bench"
  BENCH_DATA="$(cd "$BENCH_DATA" && pwd)"
  # As root PostgreSQL runs as the postgres user, which must be able to enter the data dir and its parents.
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$BENCH_DATA"; then
    bench_die "the postgres user cannot enter $BENCH_DATA; choose a data dir under /tmp or /var/lib (--data-dir)"
  fi
}

# Builds target/arealbank.jar when it is missing or older than pom.xml, src/main or frontend.
bench_build_jar() {
  local jar="$REPO/target/arealbank.jar" sources=() path
  for path in pom.xml src/main frontend; do
    [ -e "$REPO/$path" ] && sources+=("$REPO/$path")
  done
  if [ -f "$jar" ] && [ -z "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]; then
    bench_log "jar: target/arealbank.jar is up to date"
    return
  fi
  bench_log "jar: building target/arealbank.jar (mvn -B -q -DskipTests package)"
  if ! (cd "$REPO" && mvn -B -q -DskipTests -Dstyle.color=never package >&2); then
    if [ -f "$jar" ]; then
      bench_log "WARNING: the build failed; benchmarking the existing target/arealbank.jar ($(date -r "$jar" '+%F %T'))"
    else
      bench_die "the build failed and there is no target/arealbank.jar"
    fi
  fi
}

# Copies the jar into the data dir and unpacks it: the service runs from the copy (a rebuild of target/ by someone
# else cannot pull classes from under the running JVM), and the SQL harness compiles against the same classes.
bench_snapshot_jar() {
  local jar="$REPO/target/arealbank.jar"
  [ -f "$jar" ] || bench_die "no $jar"
  local sum
  JAR_DIR="$BENCH_DATA/jar"
  sum=$(cksum <"$jar")
  # current only if both the copy and the unpacked classes (stamped with the jar's checksum) are of this jar
  if [ -f "$BENCH_DATA/arealbank.jar" ] && cmp -s "$jar" "$BENCH_DATA/arealbank.jar" \
    && [ "$(cat "$JAR_DIR/.jar-cksum" 2>/dev/null)" = "$sum" ]; then
    bench_log "jar: snapshot in $BENCH_DATA is current"
    return
  fi
  cp "$jar" "$BENCH_DATA/arealbank.jar.tmp"
  mv "$BENCH_DATA/arealbank.jar.tmp" "$BENCH_DATA/arealbank.jar"
  rm -rf "$JAR_DIR" "$BENCH_DATA/harness"
  mkdir -p "$JAR_DIR"
  unzip -q -o "$BENCH_DATA/arealbank.jar" -d "$JAR_DIR"
  echo "$sum" >"$JAR_DIR/.jar-cksum"
  bench_log "jar: snapshot $(date -r "$BENCH_DATA/arealbank.jar" '+%F %T') unpacked to $JAR_DIR"
}

# Prints a free TCP port on 127.0.0.1.
bench_free_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
    tries=$((tries + 1))
  done
  bench_die "no free port found"
}

# Starts the service from the snapshot jar on a free loopback port with the sample region, in the bench data dir,
# and waits for /actuator/health. Extra arguments go to the application. Pair with a trap calling bench_stop_app.
bench_start_app() {
  local boundaries
  boundaries="$(cd "$REPO/../shared/reference" 2>/dev/null && pwd)/kommuner.geojson" || true
  [ -f "$boundaries" ] || bench_die "boundaries file not found: $REPO/../shared/reference/kommuner.geojson"
  APP_PORT=$(bench_free_port)
  APP_URL="http://127.0.0.1:$APP_PORT"
  bench_log "app: starting on $APP_URL (data $BENCH_DATA, log $BENCH_DATA/app.log)"
  # AREALBANK_DB_URL is cleared on purpose: the benchmark always uses its own private cluster.
  (
    cd "$BENCH_DATA"
    exec env -u AREALBANK_DB_URL -u AREALBANK_DB_USER -u AREALBANK_DB_PASSWORD \
      AREALBANK_DATA_DIR="$BENCH_DATA" AREALBANK_SAMPLE=true AREALBANK_SAMPLE_RESET=false \
      AREALBANK_BOUNDARIES_FILE="$boundaries" PORT="$APP_PORT" SERVER_ADDRESS=127.0.0.1 \
      java ${BENCH_JAVA_OPTS-$(grep -v '^#' "$REPO/bin/jvm-options" | xargs)} -jar "$BENCH_DATA/arealbank.jar" "$@" \
      >"$BENCH_DATA/app.log" 2>&1
  ) &
  APP_PID=$!
  local deadline=$(($(date +%s) + ${BENCH_START_TIMEOUT:-120}))
  until curl -fsS -m 2 "$APP_URL/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      APP_PID=""
      tail -n 30 "$BENCH_DATA/app.log" >&2 || true
      bench_die "the service exited during start-up (log above: $BENCH_DATA/app.log)"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      tail -n 30 "$BENCH_DATA/app.log" >&2 || true
      bench_die "the service did not become healthy within ${BENCH_START_TIMEOUT:-120} s"
    fi
    sleep 0.5
  done
  bench_log "app: healthy (pid $APP_PID)"
  bench_db_env
}

# CPU time (clock ticks, 1/100 s) the running service's JIT compiler threads have used so far.
bench_jit_ticks() {
  local t sum=0 ticks
  for t in /proc/"$APP_PID"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre* | C2\ CompilerThre*)
        # utime and stime are fields 14 and 15 of stat; the thread's name in field 2 has a blank in it
        ticks=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}') || ticks=0
        sum=$((sum + ${ticks:-0})) ;;
    esac
  done
  echo "$sum"
}

# Stops the service with SIGTERM (it stops its PostgreSQL on the way out), SIGKILL after 60 s. Safe to call twice.
bench_stop_app() {
  [ -n "$APP_PID" ] || return 0
  local pid="$APP_PID" waited=0
  APP_PID=""
  kill -0 "$pid" 2>/dev/null || return 0
  bench_log "app: stopping (SIGTERM to $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 120 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    bench_log "app: still running after 60 s, SIGKILL (the next start recovers the cluster)"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  bench_log "app: stopped"
}

# Exports libpq variables for the private cluster of the running service (port from postmaster.pid line 4).
bench_db_env() {
  local pidfile="$BENCH_DATA/pgdata/postmaster.pid"
  [ -f "$pidfile" ] || bench_die "no $pidfile: is the private cluster running?"
  DB_PORT=$(sed -n 4p "$pidfile")
  export PGHOST=127.0.0.1 PGPORT="$DB_PORT" PGUSER=arealbank PGDATABASE=arealbank
  PGPASSWORD="$(cat "$BENCH_DATA/password")"
  export PGPASSWORD
  psql -X -q -At -c 'SELECT 1' >/dev/null || bench_die "cannot connect to the private cluster on port $DB_PORT"
}

# psql with the bench connection, stopping on the first error; prints unaligned, tuples only.
bench_psql() {
  psql -X -q -At -v ON_ERROR_STOP=1 "$@"
}

# Makes sure exactly N synthetic plots (created_by = 'bench') are in the database; loads them when not.
bench_ensure_plots() {
  local n="$1" have
  local version
  # the generator's own fingerprint: data made by an older generator is made again
  version=$(sha1sum "$REPO/bench/sql/synthetic-plots.sql" | cut -c1-12)
  have=$(bench_psql -c "SELECT count(*) FROM plot WHERE created_by = 'bench'")
  if [ "$have" -eq "$n" ] && [ "$(cat "$BENCH_DATA/.synthetic-version" 2>/dev/null)" = "$version" ]; then
    bench_log "data: $have synthetic plots already loaded"
    return
  fi
  bench_log "data: $have synthetic plots present, loading $n (bench/sql/synthetic-plots.sql)"
  # NOTICE lines are the progress; psql prints them on stderr as they arrive
  psql -X -q -v ON_ERROR_STOP=1 -v n="$n" -f "$REPO/bench/sql/synthetic-plots.sql" 2>&1 >/dev/null \
    | sed -u -e 's/^psql:[^ ]* NOTICE:  /  /' >&2
  have=$(bench_psql -c "SELECT count(*) FROM plot WHERE created_by = 'bench'")
  [ "$have" -eq "$n" ] || bench_die "expected $n synthetic plots, found $have"
  bench_psql -c "VACUUM (ANALYZE) plot"
  echo "$version" >"$BENCH_DATA/.synthetic-version"
  bench_log "data: $n synthetic plots loaded"
}

# Compiles the SQL harnesses (src/test/java/no/arealbank/features/FeaturesBenchSql.java,
# src/test/java/no/arealbank/tiles/TilesBenchSql.java and their PgbenchSql) against the jar's own classes and libraries, no Maven
# involved. Sets HARNESS_CP.
bench_compile_harness() {
  local out="$BENCH_DATA/harness" stamp src srcs=()
  HARNESS_CP="$out:$JAR_DIR/BOOT-INF/classes:$JAR_DIR/BOOT-INF/lib/*"
  for src in PgbenchSql.java features/FeaturesBenchSql.java tiles/TilesBenchSql.java; do
    [ -f "$REPO/src/test/java/no/arealbank/$src" ] && srcs+=("$REPO/src/test/java/no/arealbank/$src")
  done
  stamp="$out/.compiled"
  if [ -f "$stamp" ] && [ -z "$(find "${srcs[@]}" -newer "$stamp" -print -quit)" ]; then
    return
  fi
  rm -rf "$out"
  mkdir -p "$out"
  # -proc:none: no annotation processors (Spring Modulith's would write into target/)
  javac -proc:none -nowarn -d "$out" -cp "$JAR_DIR/BOOT-INF/classes:$JAR_DIR/BOOT-INF/lib/*" "${srcs[@]}" \
    || bench_die "the SQL harness does not compile against the jar under test"
  touch "$stamp"
}

# Prints, as a pgbench script, the SQL the service runs for an items request: bench_items_sql [--prepared] [--tx]
# <collection> name=value...
bench_items_sql() {
  java -cp "$HARNESS_CP" no.arealbank.features.FeaturesBenchSql "$@"
}

# Prints, as pgbench scripts, the SQL the service runs for tiles: bench_tiles_sql [--prepared] [--out DIR]
# [--from FILE] <layer/z/x/y.mvt|.png|@2x.png>... (src/test/java/no/arealbank/tiles/TilesBenchSql.java)
bench_tiles_sql() {
  java -cp "$HARNESS_CP" no.arealbank.tiles.TilesBenchSql "$@"
}

# Prints the peak resident set size (VmHWM) of the running service in MiB; "?" when it is not running.
bench_app_peak_rss_mib() {
  local kb
  kb=$(awk '/^VmHWM:/ {print $2}' "/proc/${APP_PID:-0}/status" 2>/dev/null) || true
  if [ -n "$kb" ]; then awk -v k="$kb" 'BEGIN {printf "%.0f", k / 1024}'; else echo "?"; fi
}

# Prints "key<TAB>value" lines describing the machine and the software under test.
bench_machine_facts() {
  local cpu ram_gb
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  ram_gb=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'CPU\t%s × %s (nproc)\n' "${cpu:-unknown}" "$(nproc)"
  printf 'RAM\t%s GiB\n' "$ram_gb"
  printf 'OS\t%s\n' "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -sr)"
  printf 'PostgreSQL\t%s\n' "$(bench_psql -c 'SHOW server_version')"
  printf 'PostGIS\t%s\n' "$(bench_psql -c 'SELECT postgis_lib_version()') (GEOS $(bench_psql -c 'SELECT postgis_geos_version()'), PROJ $(bench_psql -c 'SELECT postgis_proj_version()'))"
  printf 'JDK\t%s\n' "$(java -version 2>&1 | head -n 1)"
  printf 'wrk / pgbench\t%s / %s\n' "$(wrk -v 2>&1 | head -n 1 | awk '{print $2}')" "$(pgbench --version | awk '{print $3}')"
  printf 'commit\t%s\n' "$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null)$(cd "$REPO" && [ -n "$(git status --porcelain -- src/main pom.xml 2>/dev/null)" ] && echo ' + uncommitted changes in src/main or pom.xml')"
  printf 'jar\ttarget/arealbank.jar of %s\n' "$(date -r "$BENCH_DATA/arealbank.jar" '+%Y-%m-%d %H:%M')"
}
