"""File and folder work: the actions' Files port on the real disk (disk.py) and in memory for
tests (fake.py), reading the files a command is given (inputs.py), and the bug log (bug_log.py)."""
