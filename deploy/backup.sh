#!/usr/bin/env bash
# make backup: a PostgreSQL dump, the media files and the erasure log in BACKUP_DIR/<UTC time>/.
#
#   DATABASE_URL=postgres://... [MEDIA_ROOT=var/media] [ERASURE_LOG_DIR=var/erasure-log] deploy/backup.sh [BACKUP_DIR]
#
# The app may keep running: pg_dump takes a consistent snapshot. Media in object storage
# (MEDIA_S3_BUCKET) are not copied here: turn on bucket versioning and replication instead.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
BACKUP_DIR=${1:-${BACKUP_DIR:-backups}}
case "${DATABASE_URL:-}" in postgres*) ;; *) echo "DATABASE_URL must point at PostgreSQL" >&2; exit 2;; esac

target="$BACKUP_DIR/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"

# Every erasure the database knows goes to the log first, so the log is never behind the dump.
"$PY" manage.py export_erasure_log

pg_dump --format=custom --no-owner --no-privileges --file="$target/db.dump" "$DATABASE_URL"

media_root=$("$PY" manage.py shell -v 0 -c "from django.conf import settings; print(settings.MEDIA_ROOT)")
if [ -z "${MEDIA_S3_BUCKET:-}" ] && [ -d "$media_root" ]; then
  tar -C "$media_root" -czf "$target/media.tar.gz" .
fi
log_dir=$("$PY" manage.py shell -v 0 -c "from django.conf import settings; print(settings.ERASURE_LOG_DIR)")
if [ -z "${MEDIA_S3_BUCKET:-}" ] && [ -d "$log_dir" ]; then
  tar -C "$log_dir" -czf "$target/erasure-log.tar.gz" .
fi

(cd "$target" && sha256sum ./* > SHA256SUMS)
echo "$target"
