"""Hand-written content of the demo city: texts and their translations, structure, names."""
