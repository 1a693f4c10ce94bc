#!/bin/sh
# A "server" that reports ready on a port nobody listens on, then waits.
# Arguments follow the real CLI; find the --ready-fd number.
fd=
while [ $# -gt 0 ]; do
  if [ "$1" = "--ready-fd" ]; then fd=$2; fi
  shift
done
echo "pretending to listen (fake)" >&2
# Port 1 on localhost refuses connections.
echo '{"pid": '$$', "mode": "memory", "pg": {"host": "127.0.0.1", "port": 1}, "http": null, "mysql": null, "url": "postgresql://postgres@127.0.0.1:1/postgres"}' >&"$fd"
eval "exec $fd>&-"
exec sleep 600
