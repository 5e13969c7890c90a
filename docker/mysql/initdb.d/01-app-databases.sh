# shellcheck shell=bash
# Creates one database per service and gives the application user (created by the image from
# MYSQL_USER / MYSQL_PASSWORD just before this runs) every right on them, and on nothing else.
#
# A shell script rather than a .sql file because the user name comes from the environment.
# The mysql image runs this once, on an empty data directory, and SOURCES it (the file is
# deliberately not executable) so that its docker_process_sql helper, which connects as root
# over the init socket, is available. Keep it non-executable.

for db in order_service inventory_service points_service sms_service coupon_service; do
	mysql_note "Creating database ${db} for '${MYSQL_USER}'"
	# No COLLATE: utf8mb4's default is utf8mb4_0900_ai_ci on MySQL 8.4, and MariaDB (the local stand-in image,
	# docs/docker-compose.md) has no such collation.
	# In GRANT ... ON db.*, '_' is a wildcard: escape it so the grant names exactly this schema.
	docker_process_sql --database=mysql <<-EOSQL
		CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4;
		GRANT ALL PRIVILEGES ON \`${db//_/\\_}\`.* TO '${MYSQL_USER}'@'%';
	EOSQL
done
