"""Generate letters: which letters are due, their data, their file names, and the history."""
