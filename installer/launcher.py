"""The frozen application's entry point (PyInstaller runs it): the ``main`` of the ``ilot-desktop`` script."""

from ilot_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
