#!/usr/bin/env bash
# Puts SimpleJWT 5.5 on Django 4.2 (Debian 13 "trixie" packages) into a folder for Debian 12's
# /usr/bin/python3, without touching the system: apt-get download against a trixie source list
# in a private apt state directory, then dpkg -x. Prints the folder to put first on PYTHONPATH.
# Usage: scripts/simplejwt-5.5.sh [target-dir]   (default: .cache/simplejwt-5.5 in the repo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-$root/.cache/simplejwt-5.5}"
site="$target/site-packages"
packages=(python3-django python3-djangorestframework python3-djangorestframework-simplejwt python3-jwt
  python3-django-cors-headers python3-asgiref python3-sqlparse)
if [ -f "$target/.complete" ]; then echo "$site"; exit 0; fi
state="$target/apt"
rm -rf "$target"
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/cache" "$target/debs" "$site"
cat > "$state/sources.list" <<SRC
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
SRC
: > "$state/status"
opts=(-o "Dir::Etc::SourceList=$state/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
  -o "Dir::Cache=$state/cache" -o "Debug::NoLocking=1" -o "APT::Get::List-Cleanup=0")
echo "simplejwt-5.5: fetching Debian 13 packages into $target" >&2
apt-get "${opts[@]}" -qq update >&2
(cd "$target/debs" && apt-get "${opts[@]}" -qq download "${packages[@]}" >&2)
for deb in "$target"/debs/*.deb; do dpkg -x "$deb" "$target/root"; done
# Debian's python3 packages install into dist-packages; trixie's are pure Python, so 3.11 can load them.
cp -r "$target"/root/usr/lib/python3/dist-packages/. "$site/"
rm -rf "$target/root" "$target/debs" "$state"
touch "$target/.complete"
echo "$site"
