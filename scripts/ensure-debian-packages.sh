#!/usr/bin/env bash
# Installs from Debian's archive whatever the project needs and the machine lacks (the machines reach
# only the npm registry and Debian's archive, so browsers and office tools come from apt).
#   usage: ensure-debian-packages.sh NAME PROBE=PKG[,PKG...] ...
# A PROBE is an absolute file path (present when it exists) or a command name (present when on PATH);
# the packages after '=' are installed when the probe is missing. NAME prefixes the messages.
# Installs only what is missing, without recommended packages; exits non-zero naming what is still missing.
set -euo pipefail

name=$1
shift

present() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

need=()
for pair in "$@"; do
  present "${pair%%=*}" && continue
  IFS=, read -r -a pkgs <<<"${pair#*=}"
  for p in "${pkgs[@]}"; do
    [[ " ${need[*]-} " == *" $p "* ]] || need+=("$p")
  done
done

if [ ${#need[@]} -eq 0 ]; then
  echo "$name: all present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$name: missing ${need[*]} and apt-get is not available; install them by hand" >&2
  exit 1
fi
sudo=''
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo='sudo'; else
    echo "$name: missing ${need[*]}; run as root or install them by hand" >&2
    exit 1
  fi
fi

echo "$name: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2

missing=()
for pair in "$@"; do
  present "${pair%%=*}" || missing+=("${pair%%=*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "$name: still missing after installing ${need[*]}: ${missing[*]}" >&2
  exit 1
fi
echo "$name: installed ${need[*]}"
