#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests (test/e2e/).
# playwright-core is installed from npm without a browser build (the machines reach only the npm
# registry and Debian's archive), so the tests drive the distribution's Chromium instead.
# fonts-dejavu-core covers Vietnamese letters in the screenshots.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-debian-packages.sh" ensure-chromium \
  /usr/bin/chromium=chromium \
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf=fonts-dejavu-core
