#!/bin/sh
# Makes the AppCDS archive of a Rolechain app-image where it lies (Java 17 maps an archive only for the class
# path it was made with): one run of CdsTraining on the bundled examples, its classes archived at exit into
# lib/app/rolechain.jsa, which the launcher's -XX:SharedArchiveFile=$APPDIR/rolechain.jsa then maps.
# Run by the build for the app-image and by the .deb's postinst for /opt/rolechain. Best effort: on any
# failure there is no archive, and the app starts as it would without one.
# usage: cds-archive.sh IMAGE_DIR
set -eu
image=$1
app="$image/lib/app"
cp=$(sed -n "s#^app.classpath=[$]APPDIR#$app#p" "$app/rolechain.cfg" | paste -sd: -)
rm -f "$app/rolechain.jsa"
if ! "$image/lib/runtime/bin/java" -XX:ArchiveClassesAtExit="$app/rolechain.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
        -cp "$cp" dev.rolechain.CdsTraining; then
    rm -f "$app/rolechain.jsa"
    echo "rolechain: no class-data-sharing archive was made; Rolechain starts without one" >&2
fi
