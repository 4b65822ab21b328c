#!/bin/sh
# Runs once, when the postgres container initialises an empty volume (docker-entrypoint-initdb.d).
# Makes Werkbrug's two roles and its database; see docs/deployment.md, "Database roles".
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$WERKBRUG_OWNER_PASSWORD" -v app_password="$WERKBRUG_APP_PASSWORD" <<'SQL'
CREATE ROLE werkbrug_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE werkbrug_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE werkbrug OWNER werkbrug_owner;
REVOKE ALL ON DATABASE werkbrug FROM PUBLIC;
GRANT CONNECT ON DATABASE werkbrug TO werkbrug_app;
SQL
