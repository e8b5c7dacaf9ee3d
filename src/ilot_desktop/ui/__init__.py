"""Qt widgets only. Talks to ``services`` and ``domain``; never to ``storage`` or SQLAlchemy."""
