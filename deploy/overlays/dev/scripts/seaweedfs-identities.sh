#!/bin/sh
# Writes SeaweedFS's S3 identity file (argument 1) with one identity allowed everything, whose keys are
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the credentials Secret. POSIX sh: the image has no bash.
set -eu

target="${1:?usage: seaweedfs-identities.sh TARGET_FILE}"
: "${AWS_ACCESS_KEY_ID:?AWS_ACCESS_KEY_ID is not set}"
: "${AWS_SECRET_ACCESS_KEY:?AWS_SECRET_ACCESS_KEY is not set}"

case "$AWS_ACCESS_KEY_ID$AWS_SECRET_ACCESS_KEY" in
  *\"* | *\\*)
    echo "seaweedfs-identities: the S3 keys must not contain quotes or backslashes" >&2
    exit 1
    ;;
esac

umask 077
printf '{"identities":[{"name":"netbend","credentials":[{"accessKey":"%s","secretKey":"%s"}],"actions":["Admin","Read","Write","List","Tagging"]}]}\n' \
  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" >"$target"
echo "seaweedfs-identities: wrote $target"
