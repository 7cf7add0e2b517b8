"""Building the Outreach List from elsewhere: LinkedIn's connections export (SPEC §8)."""
