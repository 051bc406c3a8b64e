#!/usr/bin/env bash
# Creates $BUCKET on the S3 server at $S3_ENDPOINT unless it exists; waits for the server first (it may still
# be starting when this Job runs). Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
set -euo pipefail

: "${BUCKET:?BUCKET is not set}"
: "${S3_ENDPOINT:?S3_ENDPOINT is not set}"

s3() { aws --endpoint-url "$S3_ENDPOINT" s3api "$@"; }

deadline=$((SECONDS + 300))
until s3 list-buckets >/dev/null 2>&1; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "create-bucket: no S3 server answered at $S3_ENDPOINT within 300 s" >&2
    exit 1
  fi
  sleep 5
done

if s3 head-bucket --bucket "$BUCKET" >/dev/null 2>&1; then
  echo "create-bucket: bucket $BUCKET already exists at $S3_ENDPOINT"
else
  region="${AWS_REGION:-us-east-1}"
  if [ "$region" = "us-east-1" ]; then
    s3 create-bucket --bucket "$BUCKET" >/dev/null
  else
    # Every region but us-east-1 wants its name repeated as the location constraint.
    s3 create-bucket --bucket "$BUCKET" --create-bucket-configuration "LocationConstraint=$region" >/dev/null
  fi
  echo "create-bucket: created bucket $BUCKET at $S3_ENDPOINT"
fi
