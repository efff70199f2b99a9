#!/usr/bin/env bash
# A stand-in for `systemctl VERB [--quiet] pluginbot` over a tree staged by setup.sh --root: it starts the staged
# binary the way the unit does (its env file, Kernel__DataDirectory, the data folder as working directory), in the
# background, and stops it with SIGTERM. FAKE_SYSTEMD_ROOT is the staged root; the log goes to its service.log.
set -euo pipefail
root="${FAKE_SYSTEMD_ROOT:?set FAKE_SYSTEMD_ROOT to the staged root}"
pidfile="$root/service.pid"
verb="$1"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "$verb" in
  start)
    running && exit 0
    (
      set -a
      # shellcheck disable=SC1091 # the staged settings file
      . "$root/etc/pluginbot/pluginbot.env"
      set +a
      export Kernel__DataDirectory="$root/var/lib/pluginbot"
      cd "$root/var/lib/pluginbot"
      exec "$root/opt/pluginbot/current/pluginbot"
    ) </dev/null >>"$root/service.log" 2>&1 &
    echo $! >"$pidfile"
    ;;
  stop)
    running || exit 0
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; exit 0; }
      sleep 0.1
    done
    kill -KILL "$pid"
    rm -f "$pidfile"
    ;;
  is-active) running ;;
  is-failed) [ -f "$pidfile" ] && ! running ;;
  *) echo "fake-systemctl: $verb is not faked" >&2; exit 1 ;;
esac
