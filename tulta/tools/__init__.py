"""tulta.tools -- one room for the quality tools' pipeline.

A tool artefact is a grid of raw cell text plus options. This package parses the grid
(:mod:`.grids`), knows every tool (:mod:`.registry`, with the entries in :mod:`.catalogue`),
computes and draws it and caches the result by content (:mod:`.rendering`), and reads and writes
spreadsheets (:mod:`.tables` for any XLSX/CSV table, :mod:`.spreadsheets` for a tool's grid).

It depends only on ``tulta.stats``, ``tulta.charts``, ``tulta.core``, Django and openpyxl; it has
no models and imports no other app. The apps that store artefacts (risalah) or show them
(documents, competitions) call down into it.
"""
