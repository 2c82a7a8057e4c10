"""Loading and checking campaigns/ and messages/, and rendering per platform."""
