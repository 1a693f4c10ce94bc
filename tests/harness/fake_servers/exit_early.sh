#!/bin/sh
# A "server" that fails at startup, like a real one that cannot bind.
echo "FATAL: could not bind to 127.0.0.1: address in use (fake)" >&2
exit 3
