"""Îlot desktop: the caseworkers' tool for the "Dynamiques Emploi" programme."""

__version__ = "0.1.0"
APP_NAME = "Îlot desktop"
