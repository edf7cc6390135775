"""Resolution: actor coding, coreference of names, corpus-wide clusters."""
