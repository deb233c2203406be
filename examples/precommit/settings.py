# Example source file for `tp-scan examples/precommit/settings.py`.
DEBUG = False
DATABASE_HOST = "db-primary.corp"
ALLOWED_HOSTS = ["10.0.12.7", "app.example.com"]
SUPPORT_EMAIL = "help@example.com"  # tappass:allow — a public address
