#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests (test/e2e/).
# playwright-core is installed from npm without a browser build (the machines reach only the npm
# registry and Debian's archive), so the tests drive the distribution's Chromium instead.
# Installs only when missing; exits non-zero with a message when it cannot.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "ensure-chromium: /usr/bin/chromium present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing and apt-get is not available; install Chromium by hand" >&2
  exit 1
fi
sudo=''
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo='sudo'; else
    echo "ensure-chromium: /usr/bin/chromium is missing; run as root or install the chromium package by hand" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing chromium from Debian" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# fonts-dejavu-core covers Vietnamese letters in the screenshots.
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2

if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: /usr/bin/chromium still missing after apt-get install chromium" >&2
  exit 1
fi
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
