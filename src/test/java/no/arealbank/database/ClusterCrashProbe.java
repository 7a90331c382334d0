package no.arealbank.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Run by {@link PrivateClusterIT} in a JVM of its own, which the test then kills with SIGKILL: starts the private
 * cluster in {@code args[0]}, commits a row with the token {@code args[1]}, prints {@code READY}, then keeps
 * committing filler rows so that the kill lands in the middle of writes.
 */
public final class ClusterCrashProbe {

    private ClusterCrashProbe() {
    }

    public static void main(String[] args) throws Exception {
        PrivateCluster cluster = PrivateCluster.start(Path.of(args[0]), false);
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.username(), cluster.password())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS crash_probe (id bigserial PRIMARY KEY, token text NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO crash_probe (token) VALUES (?)")) {
                insert.setString(1, args[1]);
                insert.executeUpdate();
                // one filler committed before READY, so the test can tell that writes were going on at the kill
                insert.setString(1, "filler");
                insert.executeUpdate();
                System.out.println("READY port=" + cluster.port());
                System.out.flush();
                while (true) {
                    insert.setString(1, "filler");
                    insert.executeUpdate();
                    Thread.sleep(5);
                }
            }
        }
    }
}
