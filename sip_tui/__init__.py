"""sip-tui: the SIP unit mailbox and process in the terminal."""

__version__ = "0.1.0"
