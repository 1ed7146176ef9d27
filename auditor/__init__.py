"""auditor — rule-based compliance auditing of government information-disclosure annual reports."""

__version__ = "0.1.0"
