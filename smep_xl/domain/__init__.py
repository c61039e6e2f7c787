"""Pure rules: pandas and the standard library in, results and findings out."""
