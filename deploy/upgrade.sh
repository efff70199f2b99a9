#!/usr/bin/env bash
# Upgrades PluginBot to a new publish: backs the database up online, installs the new release beside the old one,
# stops the service, migrates, switches /opt/pluginbot/current, starts and waits for /health/ready. If the new
# release does not come up, the previous release and the database as it was before are put back and started.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<'USAGE'
Usage: sudo deploy/upgrade.sh --publish DIR|FILE.tar.gz [--timeout SECONDS] [--root DIR]

  --publish P   the new `dotnet publish src/Host -c Release -r linux-x64 --self-contained` output (or a .tar.gz).
  --timeout S   how long the new release has to answer /health/ready (default 120).
  --root DIR    work on a tree staged by `setup.sh --root DIR`; the service is still controlled with systemctl
                (or the command in PLUGINBOT_SYSTEMCTL).
  -h, --help    this text.

The database backup taken before the upgrade stays in /var/lib/pluginbot/backups/.
USAGE
}

root="" publish="" timeout=120
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a folder"; root="$2"; shift 2 ;;
    --publish) [ $# -ge 2 ] || die "--publish needs a folder or a .tar.gz"; publish="$2"; shift 2 ;;
    --timeout)
      case "${2:-}" in '' | *[!0-9]* | 0) die "--timeout needs a number of seconds" ;; esac
      timeout="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[ -n "$publish" ] || { usage >&2; die "--publish is required"; }

staged=false
if [ -n "$root" ]; then
  staged=true
  root=$(cd "$root" && pwd)
elif [ "$(id -u)" -ne 0 ]; then
  die "run as root: sudo $0 $*"
fi
systemctl_command="${PLUGINBOT_SYSTEMCTL:-systemctl}"
command -v "$systemctl_command" >/dev/null 2>&1 || die "$systemctl_command not found: upgrade.sh drives the pluginbot service through systemd"
pb_paths "$root"
trap 'rm -rf "${PB_TEMP:-}"' EXIT

service() { "$systemctl_command" "$@" pluginbot; }

# A PluginBot command as the service runs it: its user, its settings, its data folder.
as_service() {
  (
    set -a
    # shellcheck disable=SC1090 # the operator's settings file
    . "$PB_ENV"
    set +a
    export Kernel__DataDirectory="$PB_DATA"
    cd "$PB_DATA"
    if $staged; then exec "$@"; else exec runuser -u "$PB_USER" -- "$@"; fi
  )
}

# Waits for /health/ready; on failure not_ready says why.
not_ready=""
wait_ready() {
  local deadline=$((SECONDS + timeout))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fs -o /dev/null --max-time 5 "$url"; then
      return 0
    fi
    if service is-failed --quiet; then
      not_ready="the service stopped before $url answered"
      return 1
    fi
    sleep 1
  done
  not_ready="$url did not answer within $timeout s"
  return 1
}

[ -L "$PB_CURRENT" ] || die "no release is installed in $PB_OPT: run deploy/setup.sh first"
[ -r "$PB_ENV" ] || die "cannot read $PB_ENV: run deploy/setup.sh first (and upgrade.sh as root)"
previous=$(pb_current_release)
url=$(pb_health_url)
database=$(pb_env_value DATABASE_URL "$PB_DATA/pluginbot.db")
case "$database" in /*) ;; *) die "DATABASE_URL in $PB_ENV must be an absolute file path for upgrade.sh to back it up (it is '$database')" ;; esac

source_dir=$(pb_resolve_publish "$publish")
release=$(pb_install_release "$source_dir")
if [ "$release" = "$previous" ]; then
  say "Release $release is already the current one; nothing to do."
  exit 0
fi
say "Upgrading from $previous to $release."

backup=""
if [ -e "$database" ]; then
  mkdir -p "$PB_DATA/backups"
  $staged || chown "$PB_USER:$PB_USER" "$PB_DATA/backups"
  backup="$PB_DATA/backups/pre-upgrade-$(date -u +%Y%m%d-%H%M%S)-$previous.db"
  as_service "$PB_CURRENT/pluginbot" backup "$backup" || die "the online backup failed (output above); nothing was changed"
fi

rollback() {
  warn "release $release failed: $1. Rolling back to $previous."
  service stop || true
  if [ -n "$backup" ]; then
    cp -p "$backup" "$database.rollback"
    rm -f "$database-wal" "$database-shm"
    mv -f "$database.rollback" "$database"
  else
    rm -f "$database" "$database-wal" "$database-shm"
  fi
  pb_switch_current "$previous"
  service start || true
  if wait_ready; then
    die "upgrade to $release failed ($1); rolled back to $previous with the database from before the upgrade, and it answers $url. The failed release stays in $PB_RELEASES/$release. Logs: journalctl -u pluginbot"
  fi
  die "upgrade to $release failed ($1), and the rolled-back $previous does not answer $url either: journalctl -u pluginbot -n 100"
}

service stop || die "could not stop the service; nothing was changed"
as_service "$PB_RELEASES/$release/pluginbot" migrate || rollback "its migrations failed"
pb_switch_current "$release"
service start || rollback "the service did not start"
wait_ready || rollback "$not_ready"

# Keep the three newest releases besides the current and the previous one.
find "$PB_RELEASES" -mindepth 1 -maxdepth 1 -type d ! -name '.*' ! -name "$release" ! -name "$previous" -printf '%T@ %p\n' \
  | sort -rn | tail -n +4 | cut -d' ' -f2- | while read -r old; do rm -rf "$old"; done
say "Upgraded to $release; it answers $url. Database backup from before: ${backup:-none (there was no database)}."
