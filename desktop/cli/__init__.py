"""The ``clcp`` command line: ``entry.py`` parses the arguments and starts the window or a
command, loading only that command's module; ``catalogue.py`` lists the commands;
``usage.py`` holds the exit statuses and the usage refusal, ``base.py`` how a command
opens its file; the commands are grouped by what they are about (``commands.py``: demo,
info, communities; ``signin.py``: accounts and checks; ``report.py``: printing;
``encrypt.py``: encrypting an older file; ``screenshots.py``; ``window.py``: no command,
the window)."""
