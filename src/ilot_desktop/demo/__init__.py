"""The fictional demonstration: invented people, their appointments, collective actions, outcomes, barriers and plans.

Pure and deterministic generators built on the domain (``people``, ``outcomes``, ``followup``, ``plan``); they
import the domain only, never storage, services, reports nor the window. Only ``services/demo.py`` (which saves
them into the demonstration vault) imports this package, with the tests and the benchmark's data generator.
"""
