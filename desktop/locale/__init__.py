"""The translation catalogues (``<lang>/LC_MESSAGES/clcp.po``) and the tool that keeps
them (``python -m desktop.locale.tool``)."""
