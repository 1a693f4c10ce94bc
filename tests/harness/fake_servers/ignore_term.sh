#!/bin/bash
# A "server" that reports the real PostgreSQL in $FAKE_PG_URL as itself,
# then ignores SIGTERM: Stop() must fall back to SIGKILL after the grace.
fd=
while [ $# -gt 0 ]; do
  if [ "$1" = "--ready-fd" ]; then fd=$2; fi
  shift
done
trap '' TERM
echo "ignoring SIGTERM (fake)" >&2
echo "{\"pid\": $$, \"mode\": \"memory\", \"pg\": {\"host\": \"$FAKE_PG_HOST\", \"port\": $FAKE_PG_PORT}, \"http\": null, \"mysql\": null, \"url\": \"$FAKE_PG_URL\"}" >&"$fd"
eval "exec $fd>&-"
exec sleep 600
