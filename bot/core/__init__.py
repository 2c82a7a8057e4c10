"""The union domain: models, ports and use cases. Imports the standard library only."""
