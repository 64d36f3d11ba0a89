# Shared by bin/start and bin/test: make the virtual environment and install TULTA into it.
# Safe to run again: pip only installs what changed in pyproject.toml.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$ROOT/.venv}"
EXTRAS="${1:-}"

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> Membuat virtualenv di $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
stamp="$VENV/.tulta-installed${EXTRAS:+-$EXTRAS}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Memasang dependensi dari pyproject.toml${EXTRAS:+ (dengan [$EXTRAS])}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}"
  touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"

# Debian packages the app or its tests need, installed when missing and allowed
# (root or passwordless sudo; set TULTA_NO_APT=1 to forbid).
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${TULTA_NO_APT:-0}" = "1" ]; then
    echo "!! Paket Debian belum terpasang: ${missing[*]} (TULTA_NO_APT=1)" >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
  echo "==> Memasang paket Debian: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
