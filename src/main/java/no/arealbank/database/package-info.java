/**
 * Database lifecycle: owns the application's {@link javax.sql.DataSource} (a warm HikariCP pool).
 * Uses the PostgreSQL + PostGIS named by {@code arealbank.db.url} when set; otherwise starts a
 * {@link no.arealbank.database.PrivateCluster} from the system's PostgreSQL packages in {@code arealbank.db.data-dir},
 * kept between runs and stopped with the application. Publishes no events and reads no other module.
 */
@NullMarked
package no.arealbank.database;

import org.jspecify.annotations.NullMarked;
