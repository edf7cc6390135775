"""Extractors: each turns a parsed article (an ArticleContext) into one list of records."""
