"""Adapters that run ``cleanse.Pipeline`` inside other frameworks.

Each is a thin shell with no cleaning logic of its own, behind an extra:
``cleanse.integrations.scrapy`` (``pip install 'cleanse[scrapy]'``) and
``cleanse.integrations.dask`` (``pip install 'cleanse[dask]'``).
"""
