"""Letters in Word: templates compiled once, letters rendered in bulk, the print pack, PDFs."""
