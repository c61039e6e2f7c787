"""A workbook held in memory: the fake the unit tests hand to actions."""
