#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing, so that `npm test`
# works on a fresh machine (it runs as `pretest`):
#  - neovim: the second real LSP client (server/test/nvim.test.ts);
#  - chromium: drives code-server, the real VS Code of the end-to-end tests (client/test/);
#  - libkrb5-dev: code-server's npm install builds a Kerberos module against its headers.
# Needs root or sudo when something is missing; says what to install otherwise.
set -euo pipefail
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "test set-up: installing Debian packages: ${missing[*]} (first run only; about 150 MB)"
if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
  echo "test set-up: not root and no sudo; install them by hand: apt-get install ${missing[*]}" >&2
  exit 1
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
