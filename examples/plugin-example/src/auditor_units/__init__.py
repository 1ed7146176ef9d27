"""An example auditor plugin: one real rule, packaged and registered through an entry point."""
