#!/bin/sh
# Starts the reference server on a fresh SQLite database in a temporary directory.
# Usage: ./run.sh [port]   (settings via SJWT_* environment variables; see wireproject/settings.py)
set -eu
cd "$(dirname "$0")"
PORT="${1:-8000}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT INT TERM
export SJWT_DB_PATH="$DIR/db.sqlite3"
/usr/bin/python3 manage.py migrate --noinput >/dev/null
/usr/bin/python3 manage.py seed_users
/usr/bin/python3 manage.py runserver --noreload "127.0.0.1:$PORT"
