# shellcheck shell=bash
# Shared by setup.sh and upgrade.sh: the paths (under an optional staging root), messages and release handling.

# shellcheck disable=SC2034 # used by the scripts that source this file
PB_USER=pluginbot

# shellcheck disable=SC2034 # used by the scripts that source this file
pb_paths() {
  local root="${1:-}"
  PB_OPT="$root/opt/pluginbot"
  PB_RELEASES="$PB_OPT/releases"
  PB_CURRENT="$PB_OPT/current"
  PB_STATE="$PB_OPT/.setup"
  PB_DATA="$root/var/lib/pluginbot"
  PB_LOGS="$root/var/log/pluginbot"
  PB_ETC="$root/etc/pluginbot"
  PB_ENV="$PB_ETC/pluginbot.env"
  PB_UNIT="$root/etc/systemd/system/pluginbot.service"
  PB_LOGROTATE="$root/etc/logrotate.d/pluginbot"
  PB_WRAPPER="$root/usr/local/bin/pluginbot"
}

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

# The last value of KEY in the env file, without surrounding quotes; the default when absent or empty.
pb_env_value() {
  local key="$1" fallback="$2" value=""
  if [ -r "$PB_ENV" ]; then
    value=$(sed -n "s/^[[:space:]]*$key=//p" "$PB_ENV" | tail -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/")
  fi
  printf '%s' "${value:-$fallback}"
}

pb_health_url() {
  local bind port
  bind=$(pb_env_value API_BIND 127.0.0.1)
  port=$(pb_env_value API_PORT 8080)
  case "$bind" in 0.0.0.0 | "::" | "[::]" | localhost) bind=127.0.0.1 ;; esac
  printf 'http://%s:%s/health/ready' "$bind" "$port"
}

# A publish folder from a folder, a .tar.gz, or (with the .NET SDK here) a fresh `dotnet publish` of this repository.
# Prints the folder; PB_TEMP holds what to delete afterwards.
pb_resolve_publish() {
  local source="$1" repo
  PB_TEMP=$(mktemp -d)
  if [ -z "$source" ]; then
    command -v dotnet >/dev/null 2>&1 || die "no --publish given and no .NET SDK here to build one: build it elsewhere with 'dotnet publish src/Host -c Release -r linux-x64 --self-contained -o out' and pass --publish out (or its .tar.gz)"
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    say "Publishing $repo (self-contained, linux-x64) ..." >&2
    dotnet publish "$repo/src/Host" -c Release -r linux-x64 --self-contained -o "$PB_TEMP/publish" >&2 || die "dotnet publish failed (output above)"
    source="$PB_TEMP/publish"
  elif [ -f "$source" ]; then
    mkdir -p "$PB_TEMP/publish"
    tar -xzf "$source" -C "$PB_TEMP/publish" || die "cannot unpack $source: give a .tar.gz made from a publish folder"
    source="$PB_TEMP/publish"
  fi
  [ -d "$source" ] || die "publish folder $source does not exist"
  [ -x "$source/pluginbot" ] || die "$source has no executable 'pluginbot': give the output of 'dotnet publish src/Host -c Release -r linux-x64 --self-contained'"
  [ -d "$source/plugins" ] || die "$source has no plugins/ folder: publish the host project (src/Host), which copies its plugins"
  printf '%s' "$source"
}

# Installs a publish under releases/ as <version>-<content hash>; the same publish twice is the same release.
# Prints the release's folder name.
pb_install_release() {
  local source="$1" version hash id
  version=$(sed -n 's/^ *"pluginbot\/\([0-9][^"]*\)".*/\1/p' "$source/pluginbot.deps.json" | head -n 1)
  hash=$(cd "$source" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
  id="${version:-unknown}-$hash"
  if [ ! -d "$PB_RELEASES/$id" ]; then
    mkdir -p "$PB_RELEASES"
    rm -rf "$PB_RELEASES/.$id.partial"
    cp -a "$source" "$PB_RELEASES/.$id.partial"
    chmod -R go-w "$PB_RELEASES/.$id.partial"
    mv "$PB_RELEASES/.$id.partial" "$PB_RELEASES/$id"
  fi
  printf '%s' "$id"
}

# Points current at a release in one rename, so the service never sees a missing link.
pb_switch_current() {
  local id="$1"
  ln -sfn "releases/$id" "$PB_OPT/.current.new"
  mv -T "$PB_OPT/.current.new" "$PB_CURRENT"
}

pb_current_release() {
  if [ -L "$PB_CURRENT" ]; then
    basename "$(readlink "$PB_CURRENT")"
  fi
}
