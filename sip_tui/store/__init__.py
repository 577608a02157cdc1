"""The only place that talks SQL: tables, migrations, the service API, the change feed."""
