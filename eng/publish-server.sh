#!/usr/bin/env bash
# Publishes the server the way `./slipway up` runs it, ReadyToRun-compiled into artifacts/server (pre-compiled
# code starts in about two thirds of the time of a plain build), only when a source file is newer than the last
# successful publish. Prints the path of Slipway.Server.dll. Used by ./slipway and bench/Slipway.Load.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/artifacts/server"
stamp="$out/.publish-stamp"
dll="$out/Slipway.Server.dll"
if [[ ! -f $dll || ! -f $stamp ]] || [[ -n $(find "$root/src" "$root"/Directory.*.props "$root/global.json" \
    \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit) ]]; then
  command -v dotnet >/dev/null || { echo "publish-server: the .NET SDK is required (dotnet is not on PATH)" >&2; exit 1; }
  echo "slipway: building the server (Release, ReadyToRun)..." >&2
  log=$(mktemp)
  rid=linux-x64
  [[ $(uname -m) == aarch64 ]] && rid=linux-arm64
  if ! dotnet publish "$root/src/Slipway.Server" -c Release -r "$rid" --self-contained false \
      -p:PublishReadyToRun=true -o "$out" -nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "publish-server: the build of src/Slipway.Server failed" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi
printf '%s\n' "$dll"
