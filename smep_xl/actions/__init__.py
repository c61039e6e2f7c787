"""One function per ribbon button, shared by Excel and the command line."""
