"""E-mail: the subject and body templates (the letters' sandboxed Jinja), MIME messages and
.eml drafts (the standard library's email package), SMTP (smtplib) and the password (the
environment, or the operating system's keyring)."""
