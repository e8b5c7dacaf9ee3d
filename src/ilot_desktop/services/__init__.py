"""Use cases over a unit of work, with plain values and domain objects. No Qt.

The window, the command line and the tests all go through these calls.
"""
