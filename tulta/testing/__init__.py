"""Test support shared by every app's tests and the benchmarks: a pytest plugin
(``tulta.testing.plugin``, registered by the root ``conftest.py``) with the personas ``world`` and
``client_for``, builders of the worlds other apps reuse, and data sets to draw and render.

Importing this package imports nothing of Django, so ``chart_samples`` stays usable where
Django is not set up (the charts benchmark, the charts tests' subprocess).
"""
