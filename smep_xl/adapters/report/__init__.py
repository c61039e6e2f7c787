"""The board report: a Word document from an editable template, with charts as pictures."""
