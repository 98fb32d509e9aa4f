#!/usr/bin/env bash
# The whole suite: installs what is missing, starts a throwaway PostgreSQL and an S3-compatible server on
# loopback, builds with warnings as errors, runs every test project, and ends with one line
# `tests: N passed, M failed, K skipped`. Exits non-zero when anything failed or no test ran.
# Safe to run again: every service gets a free port and a temp dir, both given up on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The summary lines parsed at the end are in English.
export DOTNET_CLI_UI_LANGUAGE=en
export DEBIAN_FRONTEND=noninteractive

started=$SECONDS
phase_started=$SECONDS
timings=()
phase() {
  local now=$SECONDS
  if [[ -n ${phase_name:-} ]]; then
    timings+=("$phase_name $((now - phase_started))s")
  fi
  phase_name=$1
  phase_started=$now
  echo "==> $1"
}

die() {
  echo "test.sh: $*" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-test.XXXXXX")
# The postgres OS user needs to reach its data directory inside.
chmod 755 "$work"
pg_ctl_cmd=()
pg_data=""
s3_pid=""

cleanup() {
  local code=$?
  set +e
  if [[ -n $pg_data && -f $pg_data/postmaster.pid ]]; then
    "${pg_ctl_cmd[@]}" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1
  fi
  if [[ -n $s3_pid ]]; then
    # setsid made it a process group leader: its children go too.
    kill -TERM -- "-$s3_pid" 2>/dev/null || kill -TERM "$s3_pid" 2>/dev/null
    wait "$s3_pid" 2>/dev/null
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

is_root() { [[ $(id -u) == 0 ]]; }

apt_install() {
  is_root || die "$* missing: install it (apt-get install $*) or run as root"
  command -v apt-get >/dev/null || die "$* missing and there is no apt-get to install it"
  if [[ -z ${apt_updated:-} ]]; then
    apt-get update -qq
    apt_updated=1
  fi
  apt-get install -y -qq --no-install-recommends "$@" </dev/null
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    if ! port_open "$port"; then
      echo "$port"
      return
    fi
  done
  die "no free TCP port found on 127.0.0.1"
}

# wait_for <what> <seconds> <command...>: runs the command until it succeeds, or fails after the timeout.
wait_for() {
  local what=$1 timeout=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what did not come up within ${timeout}s"
    sleep 0.2 # paces the polls; the loop ends as soon as the condition holds
  done
}

# ---------------------------------------------------------------------------------------------------------------
phase "tools"
command -v dotnet >/dev/null || die "the .NET SDK is required (dotnet is not on PATH)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# ---------------------------------------------------------------------------------------------------------------
phase "postgresql"
find_pg_bin() {
  local dir
  for dir in $(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r); do
    if [[ -x $dir/postgres && -x $dir/initdb && -x $dir/pg_ctl ]]; then
      echo "$dir"
      return
    fi
  done
}
pg_bin=$(find_pg_bin)
if [[ -z $pg_bin ]]; then
  # Debian's package may also create and start its own main cluster; the tests never use it.
  apt_install postgresql
  pg_bin=$(find_pg_bin)
  [[ -n $pg_bin ]] || die "postgresql is installed but no postgres binary is in /usr/lib/postgresql/*/bin"
fi

pg_dir=$work/pg
mkdir -p "$pg_dir"
as_pg=()
if is_root; then
  # PostgreSQL refuses to run as root.
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  chown postgres: "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
pg_ctl_cmd=("${as_pg[@]}" "$pg_bin/pg_ctl")
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$pg_dir/initdb.log" 2>&1 ||
  { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }
pg_data=$pg_dir/data
pg_port=""
for _ in 1 2 3 4 5; do
  port=$(free_port)
  # -w makes pg_ctl wait until the server accepts connections.
  if "${pg_ctl_cmd[@]}" -D "$pg_data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null; then
    pg_port=$port
    break
  fi
done
[[ -n $pg_port ]] || { cat "$pg_dir/server.log" >&2; die "PostgreSQL did not start"; }
wait_for "PostgreSQL" 60 "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"
export SLIPWAY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "    PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# ---------------------------------------------------------------------------------------------------------------
phase "s3"
s3_port=$(free_port)
if command -v moto_server >/dev/null; then
  # moto accepts any credentials: the fixtures' defaults (tests/Shared/TestS3.cs) stand.
  setsid moto_server -H 127.0.0.1 -p "$s3_port" >"$work/s3.log" 2>&1 &
  s3_pid=$!
  s3_name=moto
else
  # s3rver checks signatures against its one fixed key pair.
  s3rver_dir=$root/tools/s3rver
  if [[ ! -x $s3rver_dir/node_modules/.bin/s3rver ]]; then
    npm install --prefix "$s3rver_dir" --no-audit --no-fund --loglevel=error s3rver@3.7.1 </dev/null
  fi
  mkdir -p "$work/s3"
  setsid "$s3rver_dir/node_modules/.bin/s3rver" -d "$work/s3" -a 127.0.0.1 -p "$s3_port" --silent >"$work/s3.log" 2>&1 &
  s3_pid=$!
  s3_name=s3rver
  export SLIPWAY_TEST_S3_ACCESS_KEY=S3RVER SLIPWAY_TEST_S3_SECRET_KEY=S3RVER
fi
s3_up() {
  kill -0 "$s3_pid" || { cat "$work/s3.log" >&2; die "$s3_name exited"; }
  port_open "$s3_port"
}
wait_for "$s3_name" 60 s3_up
export SLIPWAY_TEST_S3_URL="http://127.0.0.1:$s3_port"
echo "    $s3_name on 127.0.0.1:$s3_port"

# ---------------------------------------------------------------------------------------------------------------
phase "npm"
# The compatibility tests drive the npm mlflow client from this directory (package-lock.json is committed).
node_dir=$root/tests/Slipway.Compatibility.Tests/node
if [[ ! -f $node_dir/node_modules/.package-lock.json || $node_dir/package-lock.json -nt $node_dir/node_modules/.package-lock.json ]]; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi
# The single sign-on tests start a real OpenID provider (oidc-provider) from tests/idp.
idp_dir=$root/tests/idp
if [[ ! -f $idp_dir/node_modules/.package-lock.json || $idp_dir/package-lock.json -nt $idp_dir/node_modules/.package-lock.json ]]; then
  (cd "$idp_dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi

# ---------------------------------------------------------------------------------------------------------------
phase "build"
dotnet build Slipway.slnx -c Release -nologo || die "the build failed (warnings are errors); no test ran"

# ---------------------------------------------------------------------------------------------------------------
phase "test"
export SLIPWAY_TEST_REQUIRE_SERVICES=1
test_log=$work/test.log
# Test projects run in parallel (one MSBuild node per core); each test server has its own port, data dir,
# database and bucket, so they do not interfere.
set +e
dotnet test Slipway.slnx -c Release --no-build -nologo 2>&1 | tee "$test_log"
test_code=${PIPESTATUS[0]}
set -e
phase "done"

# Each test assembly ends with "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..." (or "Failed!").
read -r passed failed skipped assemblies < <(
  awk '/^(Passed|Failed)! +- Failed: /{
         gsub(/,/, ""); f += $4; p += $6; s += $8; n++
       }
       END { printf "%d %d %d %d\n", p, f, s, n }' "$test_log"
)

echo
echo "timings: ${timings[*]}, total $((SECONDS - started))s"
echo "postgres: 127.0.0.1:$pg_port, s3: $s3_name, test assemblies: $assemblies"
summary="tests: $passed passed, $failed failed"
((skipped == 0)) || summary+=", $skipped skipped"
echo "$summary"

if ((test_code != 0)); then
  echo "test.sh: dotnet test exited with $test_code" >&2
  exit 1
fi
if ((failed > 0)); then
  exit 1
fi
if ((passed == 0)); then
  echo "test.sh: no test ran" >&2
  exit 1
fi
