"""Import schools from GIAS: the extract read, rules for each column, the merge planned."""
