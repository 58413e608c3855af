"""The notice importer: a notice's sections and sentences (layout), then its typed fields and facts with sources (parser)."""
