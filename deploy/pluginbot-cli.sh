#!/bin/sh
# Installed as /usr/local/bin/pluginbot by deploy/setup.sh: runs a PluginBot command (token create, backup, config
# check, models, ...) as the service user, with the service's settings and data folder.
set -eu
if [ "$#" -eq 0 ]; then
  echo "pluginbot: the bot itself runs as the service (systemctl status pluginbot); see 'pluginbot --help' for the commands" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "pluginbot: run it with sudo: it reads /etc/pluginbot/pluginbot.env" >&2
  exit 1
fi
set -a
# shellcheck disable=SC1091 # the operator's settings file, created by setup.sh
. /etc/pluginbot/pluginbot.env
set +a
export Kernel__DataDirectory=/var/lib/pluginbot
cd /var/lib/pluginbot
exec runuser -u pluginbot -- /opt/pluginbot/current/pluginbot "$@"
