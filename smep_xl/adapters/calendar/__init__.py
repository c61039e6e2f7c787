"""Calendars: the visits' events as iCalendar (.ics) files, by the icalendar library."""
