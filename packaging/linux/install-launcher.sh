#!/bin/sh
# Puts packaging/linux/launcher.sh in place of jpackage's native launcher in an app-image (see launcher.sh).
# usage: install-launcher.sh IMAGE_DIR
set -eu
here=$(dirname -- "$0")
install -m 755 "$here/launcher.sh" "$1/bin/rolechain"
