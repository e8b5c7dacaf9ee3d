"""Pure domain: vocabulary, rules and value objects. No Qt, no SQLAlchemy."""
