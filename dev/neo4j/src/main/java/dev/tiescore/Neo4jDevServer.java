package dev.tiescore;

import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import dev.tiescore.procedures.SnapshotProcedures;

/**
 * A real Neo4j 5.26 community DBMS, embedded, with the Bolt connector on, for tiescore's
 * development and CI (there is no Docker engine or Neo4j package on these machines).
 *
 * Settings come from the environment so scripts/services.sh stays the one place that sets them:
 * NEO4J_DEV_DATA (data folder), NEO4J_DEV_HOST / NEO4J_DEV_PORT (Bolt address),
 * NEO4J_DEV_PAGECACHE (e.g. "1g"). Auth is off: it listens on loopback only.
 *
 * tiescore's own procedures (dev.tiescore.procedures) are registered as a server would load
 * them from its plugins folder.
 */
public final class Neo4jDevServer {
  private Neo4jDevServer() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(env("NEO4J_DEV_DATA", ".neo4j-data")).toAbsolutePath();
    String host = env("NEO4J_DEV_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("NEO4J_DEV_PORT", "7687"));
    long pageCache = ByteUnit.parse(env("NEO4J_DEV_PAGECACHE", "1g"));

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
        .build();
    GraphDatabaseAPI database = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    database.getDependencyResolver().resolveDependency(GlobalProcedures.class).registerProcedure(SnapshotProcedures.class);
    // Touch the default database so "Bolt answers" also means "the database is ready".
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
    System.out.println("tiescore neo4j dev server ready on bolt://" + host + ":" + port + " data=" + data);
    System.out.flush();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
