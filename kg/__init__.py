"""zhengwu-kg: a knowledge graph of Chinese officials, events and policies from government news."""

__version__ = "0.1.0"
