# Sourced by test and bench scripts: start/stop dynalite on 127.0.0.1 on a free port.
# Exports XR_DYNALITE_ENDPOINT (http://127.0.0.1:PORT) while it runs.
XR_PEERS_DIR=${XR_PEERS_DIR:-}

peers_start() {
  local dyn="tests/peers/node_modules/.bin/dynalite"
  if [ ! -x "$dyn" ]; then
    echo "peers: dynalite is not installed (run scripts/setup.sh)" >&2
    return 1
  fi
  XR_PEERS_DIR=$(mktemp -d)
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  # --createTableMs/--deleteTableMs keep dynalite's CREATING/DELETING states short but real.
  "$dyn" --host 127.0.0.1 --port "$port" --createTableMs 50 --deleteTableMs 50 \
    --updateTableMs 50 --path "$XR_PEERS_DIR/dynalite" >"$XR_PEERS_DIR/dynalite.log" 2>&1 &
  echo $! >"$XR_PEERS_DIR/dynalite.pid"
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      export XR_DYNALITE_ENDPOINT="http://127.0.0.1:$port"
      echo "peers: dynalite on $XR_DYNALITE_ENDPOINT" >&2
      return 0
    fi
    sleep 0.1
  done
  echo "peers: dynalite did not start; log:" >&2
  cat "$XR_PEERS_DIR/dynalite.log" >&2
  return 1
}

peers_stop() {
  if [ -n "$XR_PEERS_DIR" ] && [ -f "$XR_PEERS_DIR/dynalite.pid" ]; then
    kill "$(cat "$XR_PEERS_DIR/dynalite.pid")" 2>/dev/null || true
    wait "$(cat "$XR_PEERS_DIR/dynalite.pid")" 2>/dev/null || true
    rm -rf "$XR_PEERS_DIR"
  fi
}
