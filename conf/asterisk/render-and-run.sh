#!/bin/sh
# Runs in the Asterisk container (docker-compose.yml, service "asterisk") as its command, after the
# image's own entrypoint. Copies the mounted configuration into /etc/asterisk, putting the secrets
# from the environment in place of their placeholders, then runs Asterisk in the foreground.
# The secrets exist only in the container's environment and in /etc/asterisk inside the container:
# never in the image, never in this repository.
set -eu
: "${AMI_SECRET:?AMI_SECRET must be set}"
: "${ARI_PASSWORD:?ARI_PASSWORD must be set}"
src=/opt/vertx-asterisk/asterisk

# sed replacement text: escape \ & and the | delimiter
escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
ami=$(escape "$AMI_SECRET")
ari=$(escape "$ARI_PASSWORD")

for f in manager.conf ari.conf http.conf extensions.conf; do
  sed -e "s|@AMI_SECRET@|$ami|g" -e "s|@ARI_PASSWORD@|$ari|g" "$src/$f" > "/etc/asterisk/$f"
  chown asterisk:asterisk "/etc/asterisk/$f" 2>/dev/null || true
  chmod 640 "/etc/asterisk/$f"
done

exec /usr/sbin/asterisk -f -T -vvv -U asterisk -G asterisk
