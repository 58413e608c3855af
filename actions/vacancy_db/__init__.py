"""The vacancy database: schema, storage and command line."""
