#!/bin/sh
# A "server" that never becomes ready; records its pid for the orphan check.
[ -n "$FAKE_PID_FILE" ] && echo $$ > "$FAKE_PID_FILE"
echo "starting up, slowly (fake)" >&2
exec sleep 600
