"""E-mailing the letters, the pure part: which logged letters are due an e-mail, the addresses
each goes to, and each message's data (adapters/mail makes and sends the messages)."""
