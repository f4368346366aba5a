#!/usr/bin/env bash
# Makes sure the tools that the file-export acceptance tests and the PDF export need are present:
#   soffice (libreoffice-calc + libreoffice-writer), pdftoppm/pdftotext (poppler-utils) and a serif TTF font
#   with Vietnamese coverage (fonts-liberation2: Liberation Serif 2.x is metric-compatible with Times New Roman;
#   Debian's fonts-liberation 1.07 lacks the Vietnamese letters, so the "2" package is required).
# Installs only what is missing, from Debian's archive, without recommended packages.
# Exits non-zero with a message naming what could not be installed.
#   --fonts-only   only the PDF font (what the .pdf export itself needs)
set -euo pipefail

fonts_only=false
[ "${1:-}" = "--fonts-only" ] && fonts_only=true

need=()
if ! $fonts_only; then
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc libreoffice-writer)
  command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)

if [ ${#need[@]} -eq 0 ]; then
  echo "ensure-libreoffice: all tools present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-libreoffice: missing ${need[*]} and apt-get is not available; install them by hand" >&2
  exit 1
fi
sudo=''
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo='sudo'; else
    echo "ensure-libreoffice: missing ${need[*]}; run as root or install them by hand" >&2
    exit 1
  fi
fi

echo "ensure-libreoffice: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2

missing=()
if ! $fonts_only; then
  command -v soffice >/dev/null 2>&1 || missing+=(soffice)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(pdftoppm)
  command -v pdftotext >/dev/null 2>&1 || missing+=(pdftotext)
fi
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(LiberationSerif-Regular.ttf)
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-libreoffice: still missing after install: ${missing[*]}" >&2
  exit 1
fi
echo "ensure-libreoffice: installed ${need[*]}"
