#!/usr/bin/env bash
# make restore BACKUP=backups/<time>: load a backup made by deploy/backup.sh into DATABASE_URL
# (an empty database, or one to be replaced: stop the app processes first), put the media back,
# then erase again everyone erased after the backup was taken (manage.py reapply_erasures).
#
# The erasure log is never replaced by the backup's older copy: entries are only added, so
# erasures done after the backup survive the restore.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
BACKUP=${1:-${BACKUP:-}}
[ -n "$BACKUP" ] && [ -f "$BACKUP/db.dump" ] || { echo "usage: deploy/restore.sh backups/<time> (with db.dump)" >&2; exit 2; }
case "${DATABASE_URL:-}" in postgres*) ;; *) echo "DATABASE_URL must point at PostgreSQL" >&2; exit 2;; esac

(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS)

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$BACKUP/db.dump"

if [ -f "$BACKUP/media.tar.gz" ]; then
  media_root=$("$PY" manage.py shell -v 0 -c "from django.conf import settings; print(settings.MEDIA_ROOT)")
  mkdir -p "$media_root"
  tar -C "$media_root" -xzf "$BACKUP/media.tar.gz"
fi
if [ -f "$BACKUP/erasure-log.tar.gz" ]; then
  log_dir=$("$PY" manage.py shell -v 0 -c "from django.conf import settings; print(settings.ERASURE_LOG_DIR)")
  mkdir -p "$log_dir"
  tar -C "$log_dir" --skip-old-files -xzf "$BACKUP/erasure-log.tar.gz"
fi

# A newer release may have migrations the backup predates.
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py reapply_erasures
"$PY" manage.py verify_receipts
