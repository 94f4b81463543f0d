#!/usr/bin/env bash
# Installs everything the tests need, then runs them: the one test command of the README.
#  - system packages: Tesseract OCR with its language packs, Chromium (SVG portability
#    diff), the system faces the font tests find through fontconfig (Noto CJK, Noto Color
#    Emoji, Noto core for Thai and Bengali, WenQuanYi Zen Hei), cairo, util-linux
#    (unshare, to hide the system's fonts from one test);
#  - a virtual environment in .venv with sharecard and its test extras;
#  - ruff, the import layers (import-linter), mypy, then pytest (arguments are passed on
#    to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-fas tesseract-ocr-ara tesseract-ocr-heb
  tesseract-ocr-hin tesseract-ocr-jpn tesseract-ocr-chi-sim tesseract-ocr-chi-tra
  tesseract-ocr-kor tesseract-ocr-tha tesseract-ocr-ben
  chromium fonts-noto-cjk fonts-noto-color-emoji fonts-noto-core fonts-wqy-zenhei
  libcairo2 fontconfig util-linux
  libegl1 libgl1  # skia-python's wheel links them (sharecard.paint.native)
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
.venv/bin/python -m ruff check src tests scripts bench
.venv/bin/lint-imports --no-cache
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest "$@"
