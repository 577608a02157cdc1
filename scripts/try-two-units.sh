#!/usr/bin/env bash
# Try the app as two users would, in tmux: on Ålidhems HC create a case (removing the
# proposed recipients) and send the initiative to Hemsjukvården Umeå centrum only; there, accept it; print how long the first
# unit's overview took to turn INI from ◌ (blue) to ✓ (green). Needs tmux and bc.
#
#   sip-tui demo --db sqlite:////tmp/trial.db --no-launch
#   scripts/try-two-units.sh .venv/bin sqlite:////tmp/trial.db "Elsa Prov"
set -u
BIN=$1; DB=$2; NAME=${3:-Elsa Prov}
export PATH=$BIN:$PATH
# Its own two sessions only (never the account's other tmux sessions), ended on exit.
A="sip-try-a-$$"; B="sip-try-b-$$"
trap 'tmux kill-session -t "$A" 2>/dev/null; tmux kill-session -t "$B" 2>/dev/null' EXIT
tmux new-session -d -s "$A" -x 80 -y 24 "sip-tui run --db $DB --unit alidhems-hc"
tmux new-session -d -s "$B" -x 80 -y 24 "sip-tui run --db $DB --unit umea-hsv-centrum"
sleep 3; tmux send-keys -t "$A" n; sleep 1.5
tmux send-keys -t "$A" -l "19450612-1237"; sleep 0.3; tmux send-keys -t "$A" Tab; sleep 0.3
tmux send-keys -t "$A" -l "$NAME"; sleep 0.3; tmux send-keys -t "$A" Tab; sleep 0.3; tmux send-keys -t "$A" Space; sleep 0.3
for i in 1 2 3 4 5; do tmux send-keys -t "$A" Tab; sleep 0.3; done
tmux send-keys -t "$A" -l "Behov av hemsjukvård"; sleep 0.3; tmux send-keys -t "$A" Tab; sleep 0.3
# The form proposes recipients (ticked): into the chosen list, remove them all.
tmux send-keys -t "$A" Tab; sleep 0.3
for i in 1 2 3 4 5 6; do tmux send-keys -t "$A" Delete; sleep 0.3; done
tmux send-keys -t "$A" -l "hemsjukvården umeå"; sleep 0.7; tmux send-keys -t "$A" Enter; sleep 0.5
tmux send-keys -t "$A" F5; sleep 1; tmux send-keys -t "$A" j; sleep 2
for s in "$A" "$B"; do tmux send-keys -t "$s" /; sleep 0.3; tmux send-keys -t "$s" -l "$NAME"; sleep 0.3; tmux send-keys -t "$s" Enter; done; sleep 1
echo "first unit:    $(tmux capture-pane -p -t "$A" | grep "450612-1237" | head -1)"
echo "recipient:     $(tmux capture-pane -p -t "$B" | grep "450612-1237" | head -1)"
tmux send-keys -t "$B" Enter; sleep 1.2; tmux send-keys -t "$B" a; sleep 0.8
tmux send-keys -t "$B" -l "Tisdag passar"; sleep 0.3; tmux send-keys -t "$B" Enter; t0=$(date +%s.%N)
for i in $(seq 1 50); do
  line=$(tmux capture-pane -p -t "$A" | grep "450612-1237" | head -1)
  if echo "$line" | grep -q "✓"; then echo "first unit after $(echo "$(date +%s.%N) - $t0" | bc) s: $line"; break; fi
  sleep 0.1
done
