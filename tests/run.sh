#!/usr/bin/env bash
# Install what the test suite needs, then run lint, types and every test.
# Used verbatim by the README's second command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# System tools the tests drive for real: poppler (pdftotext, pdftoppm, pdffonts),
# Debian's Chromium (browser tests), DejaVu fonts and Pango (WeasyPrint).
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || missing+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "tests/run.sh: please install these Debian packages first: ${missing[*]}" >&2
    exit 2
  fi
fi

# pip before 23.3 does not normalise extras (PEP 685): it warns that lxml lacks "html_clean", which
# justext asks for and lxml provides as "html-clean".
python3 -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=23.3'
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
# axe-core, the accessibility checker the browser tests run in Chromium (from npm, kept out of git).
if [ ! -f tests/.node/node_modules/axe-core/axe.min.js ]; then
  npm install --silent --no-save --no-audit --no-fund --prefix tests/.node axe-core@4 >/dev/null
fi
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
python3 -m pytest -q -p no:cacheprovider "$@"
