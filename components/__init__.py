"""Shared pieces of the Readout dashboard: state, cache, filters, charts, drill-down."""
