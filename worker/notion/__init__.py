"""The only package that talks to Notion (through notion-client)."""
