#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 runs on Python 3.8-3.10 only), or explain what to install.
# Order: $PYTHON310, python3.10 on PATH, pyenv's 3.10.x, the usual system locations.
set -u
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for dir in "$(pyenv root)"/versions/3.10*/bin/python3.10; do [ -x "$dir" ] && candidates+=("$dir"); done
fi
for dir in "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -x "$dir" ] && candidates+=("$dir")
done
for python in "${candidates[@]}"; do
  if "$python" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    echo "$python"
    exit 0
  fi
done
cat >&2 <<'MSG'
error: Python 3.10 was not found, and Rasa Open Source 3.6 runs on Python 3.8-3.10 only.
Install it, then run the command again, for example:
  - with pyenv:          pyenv install 3.10.13
  - on Debian/Ubuntu:    apt-get install python3.10 python3.10-venv
or point PYTHON310 at an existing interpreter:  make run PYTHON310=/path/to/python3.10
MSG
exit 1
