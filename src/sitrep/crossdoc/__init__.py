"""Many reports, one event: clustering across articles, merged records, claims."""
