#!/bin/sh
# Rolechain's launcher on Linux, in place of the one jpackage makes. jpackage's native launcher asks the package
# managers who owns it (rpm -qf, then dpkg -S, and dpkg -L when installed) before it starts Java: about 120 ms
# on every start, a third of a short command's time. This script starts the same Java with what the app-image's
# lib/app/rolechain.cfg says, as that launcher does: the java-options, -Djpackage.app-path, the class path (with
# $APPDIR the folder of the .cfg) and the main class, then the arguments. It runs nothing but Java.
# Written by the build over the app-image's bin/rolechain (packaging/linux/install-launcher.sh).
self=$(readlink -f -- "$0") || exit 1
image=${self%/bin/*}
app=$image/lib/app
nl='
'

# $1 with every $APPDIR replaced by the app folder, into $expanded (no subshell: this runs per line)
expand() {
    rest=$1
    expanded=
    while :; do
        case $rest in
            *'$APPDIR'*)
                expanded=$expanded${rest%%'$APPDIR'*}$app
                rest=${rest#*'$APPDIR'}
                ;;
            *)
                expanded=$expanded$rest
                return
                ;;
        esac
    done
}

classpath=
options=
main=
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        app.classpath=*)
            expand "${line#app.classpath=}"
            classpath=$classpath${classpath:+:}$expanded
            ;;
        app.mainclass=*)
            main=${line#app.mainclass=}
            ;;
        java-options=*)
            expand "${line#java-options=}"
            options=$options$nl$expanded
            ;;
    esac
done < "$app/rolechain.cfg" || exit 1

if [ -z "$main" ]; then
    echo "rolechain: $app/rolechain.cfg names no app.mainclass" >&2
    exit 1
fi
# the options split at line ends only: each .cfg line is one option, spaces and all
IFS=$nl
# shellcheck disable=SC2086
exec "$image/lib/runtime/bin/java" $options "-Djpackage.app-path=$self" -cp "$classpath" "$main" "$@"
