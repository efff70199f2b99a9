#!/usr/bin/env bash
# Provisions PluginBot on Debian or Ubuntu: a system user, the self-contained publish under /opt/pluginbot, the data
# folder /var/lib/pluginbot, the settings file /etc/pluginbot/pluginbot.env (created once, never overwritten), the
# systemd unit and the logrotate file; then enables and starts the service and prints the health URL.
# Safe to run again: what the operator edited stays as it is.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  cat <<'USAGE'
Usage: sudo deploy/setup.sh [--publish DIR|FILE.tar.gz] [--root DIR]

  --publish P   the output of `dotnet publish src/Host -c Release -r linux-x64 --self-contained` (a folder, or a
                .tar.gz of one). Without it, setup.sh publishes this repository itself (needs the .NET SDK here;
                the server itself needs no .NET).
  --root DIR    stage everything into DIR instead of / (no user, no systemctl, nothing started): to inspect the
                result, or build an image.
  -h, --help    this text.

Afterwards: put the bot token and your user id in /etc/pluginbot/pluginbot.env, then
`sudo systemctl restart pluginbot`. Upgrades: deploy/upgrade.sh. Guide: docs/deploy.md.
USAGE
}

root="" publish=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a folder"; root="$2"; shift 2 ;;
    --publish) [ $# -ge 2 ] || die "--publish needs a folder or a .tar.gz"; publish="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done

staged=false
if [ -n "$root" ]; then
  staged=true
  mkdir -p "$root"
  root=$(cd "$root" && pwd)
else
  [ "$(id -u)" -eq 0 ] || die "run as root: sudo $0 $*"
  if [ ! -d /run/systemd/system ] || ! command -v systemctl >/dev/null 2>&1; then
    die "systemd is not running here (PID 1 is '$(cat /proc/1/comm 2>/dev/null || echo unknown)'): use a VPS or VM booted with systemd, or --root DIR to stage the files"
  fi
fi
pb_paths "$root"
trap 'rm -rf "${PB_TEMP:-}"' EXIT

# Installs one of our configuration files. One the operator edited since we installed it is kept; ours goes beside it.
changed_files=()
install_conffile() {
  local source="$1" target="$2" mode="$3" name recorded
  name=$(basename "$source")
  mkdir -p "$(dirname "$target")" "$PB_STATE"
  recorded=$(cat "$PB_STATE/$name.sha256" 2>/dev/null || true)
  if [ -e "$target" ] && cmp -s "$source" "$target"; then
    sha256sum <"$target" | cut -d' ' -f1 >"$PB_STATE/$name.sha256"
    return
  fi
  if [ -e "$target" ] && [ "$(sha256sum <"$target" | cut -d' ' -f1)" != "$recorded" ]; then
    install -m "$mode" "$source" "$target.pluginbot-new"
    warn "$target was edited here; kept it. The shipped version is $target.pluginbot-new (compare, merge, delete)."
    return
  fi
  install -m "$mode" "$source" "$target"
  sha256sum <"$target" | cut -d' ' -f1 >"$PB_STATE/$name.sha256"
  changed_files+=("$target")
}

random_token() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }

if ! $staged; then
  # The runtime is in the publish; ICU (text and time zones) and curl (the health check below) come from the system.
  missing=()
  ldconfig -p | grep -q 'libicuuc\.so' || missing+=("$(apt-cache search --names-only '^libicu[0-9]+$' | awk '{print $1}' | sort -V | tail -n 1)")
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing ${missing[*]} ..."
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed: run 'apt-get update' and try again"
  fi
  if ! getent passwd "$PB_USER" >/dev/null; then
    useradd --system --user-group --home-dir /var/lib/pluginbot --no-create-home --shell /usr/sbin/nologin "$PB_USER"
    say "Created the system user $PB_USER."
  fi
fi

source_dir=$(pb_resolve_publish "$publish")
release=$(pb_install_release "$source_dir")
current=$(pb_current_release)
if [ -z "$current" ]; then
  pb_switch_current "$release"
  say "Installed release $release in $PB_OPT."
elif [ "$current" != "$release" ]; then
  say "Release $current stays current; $release is installed beside it. Switch with: deploy/upgrade.sh --publish ${publish:-<publish>}"
fi

install -d -m 0750 "$PB_DATA" "$PB_LOGS"
install -d -m 0700 "$PB_ETC"
if $staged; then :; else chown "$PB_USER:$PB_USER" "$PB_DATA" "$PB_LOGS"; fi

if [ ! -e "$PB_ENV" ]; then
  (umask 077 && sed -e "s/@RANDOM_ADMIN_TOKEN@/$(random_token)/" -e "s/@RANDOM_METRICS_TOKEN@/$(random_token)/" -e "s|@DATA_DIR@|$PB_DATA|" "$HERE/pluginbot.env.example" >"$PB_ENV")
  changed_files+=("$PB_ENV")
  say "Created $PB_ENV: add TELEGRAM_BOT_TOKEN and ADMIN_USERS, then restart the service."
elif [ "$(stat -c %a "$PB_ENV")" != 600 ]; then
  warn "$PB_ENV holds secrets: its mode was $(stat -c %a "$PB_ENV") and is now 0600 (its content is untouched)."
  chmod 600 "$PB_ENV"
fi

install_conffile "$HERE/pluginbot.service" "$PB_UNIT" 0644
install_conffile "$HERE/pluginbot.logrotate" "$PB_LOGROTATE" 0644
install_conffile "$HERE/pluginbot-cli.sh" "$PB_WRAPPER" 0755

if $staged; then
  say "Staged into $root (nothing started). Health, once running: $(pb_health_url)"
  exit 0
fi

systemctl daemon-reload
systemctl enable pluginbot >/dev/null 2>&1
url=$(pb_health_url)
if systemctl is-active --quiet pluginbot; then
  if [ ${#changed_files[@]} -gt 0 ]; then
    systemctl restart pluginbot
  fi
else
  port=$(pb_env_value API_PORT 8080)
  if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    die "port $port is already in use ($(ss -Hltnp "sport = :$port" | sed -n 's/.*users:((\("[^"]*"\).*/\1/p' | head -n 1)): stop that program or set API_PORT in $PB_ENV, then run setup.sh again"
  fi
  systemctl start pluginbot || die "the service did not start: journalctl -u pluginbot -n 50"
fi

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "$url"; then
    say "PluginBot is running. Health: $url   Logs: journalctl -u pluginbot -f"
    exit 0
  fi
  sleep 1
done
die "the service runs but $url did not answer within 60 s: journalctl -u pluginbot -n 50"
