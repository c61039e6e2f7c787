"""Each SLE's visits as calendar events (the pure part; adapters/calendar writes the .ics)."""
