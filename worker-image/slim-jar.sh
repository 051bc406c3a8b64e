#!/usr/bin/env bash
# Removes the native libraries of other platforms from ONNX Runtime jars, in place: the image runs on
# linux-x86_64 only, and the Windows and macOS natives are most of the jar (the GPU jar's CUDA provider is
# shipped for Windows too). Uses the JDK's jar tool, so it runs in the Maven build stage.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: slim-jar.sh JAR..." >&2
  exit 2
fi

for jar_file in "$@"; do
  [ -f "$jar_file" ] || { echo "slim-jar: $jar_file: no such file" >&2; exit 1; }
  work="$(mktemp -d)"
  (cd "$work" && jar xf "$jar_file")
  if [ ! -d "$work/ai/onnxruntime/native/linux-x64" ]; then
    echo "slim-jar: $jar_file has no ai/onnxruntime/native/linux-x64; refusing to strip it" >&2
    exit 1
  fi
  find "$work/ai/onnxruntime/native" -mindepth 1 -maxdepth 1 -type d ! -name linux-x64 -exec rm -rf {} +
  before="$(stat -c %s "$jar_file")"
  rm "$jar_file"
  # The extracted META-INF/MANIFEST.MF goes back in as the manifest; --no-manifest stops jar adding a second.
  jar --create --no-manifest --file "$jar_file" -C "$work" .
  rm -rf "$work"
  echo "slim-jar: $(basename "$jar_file"): $((before / 1048576)) MiB -> $(( $(stat -c %s "$jar_file") / 1048576 )) MiB"
done
