#!/usr/bin/env bash
# Installs everything the tests need, then runs them: the one test command of the README.
#  - system packages: Tesseract OCR with its language packs, Chromium (SVG portability
#    diff), Noto CJK and Noto Color Emoji (system fallback faces), cairo;
#  - a virtual environment in .venv with sharecard and its test extras;
#  - ruff, then pytest (arguments are passed on to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-fas tesseract-ocr-ara tesseract-ocr-heb
  tesseract-ocr-hin tesseract-ocr-jpn tesseract-ocr-chi-sim
  chromium fonts-noto-cjk fonts-noto-color-emoji libcairo2 fontconfig
)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/python -m ruff check src tests scripts
exec .venv/bin/python -m pytest "$@"
