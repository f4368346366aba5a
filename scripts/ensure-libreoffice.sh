#!/usr/bin/env bash
# Makes sure the tools that the file-export acceptance tests and the PDF export need are present:
#   soffice (libreoffice-calc + libreoffice-writer), pdftoppm/pdftotext (poppler-utils) and a serif TTF font
#   with Vietnamese coverage (fonts-liberation2: Liberation Serif 2.x is metric-compatible with Times New Roman;
#   Debian's fonts-liberation 1.07 lacks the Vietnamese letters, so the "2" package is required).
#   --fonts-only   only the PDF fonts (what the .pdf export itself needs)
set -euo pipefail
fonts=(
  /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf=fonts-liberation2
  /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf=fonts-dejavu-core
)
tools=(
  soffice=libreoffice-calc,libreoffice-writer
  pdftoppm=poppler-utils
  pdftotext=poppler-utils
)
[ "${1:-}" = "--fonts-only" ] && tools=()
exec bash "$(dirname "$0")/ensure-debian-packages.sh" ensure-libreoffice "${tools[@]}" "${fonts[@]}"
