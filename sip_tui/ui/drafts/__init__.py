"""Local drafts on screen: the overview's "N osparade utkast" line and the list that sends
them again or throws them away (``sip_tui.local.drafts`` keeps them)."""
