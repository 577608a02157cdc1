"""``python -m sip_tui`` is ``sip-tui``."""

from sip_tui.cli import main

main()
