"""The demo world: county units, staff and cases driven through the domain."""
