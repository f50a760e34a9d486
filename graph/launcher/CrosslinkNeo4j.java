// Runs Neo4j Community as a server on a Bolt port, for Crosslink's managed local database.
//
// The Neo4j distribution tarball is not published to Maven Central, so graph/server.py
// fetches the org.neo4j:neo4j and neo4j-bolt jars and starts this class with them.
// Arguments: HOME CONFIG_FILE PASSWORD_FILE [PARENT_PID]
// With a parent pid, the server shuts down when that process is gone (also after kill -9),
// so no JVM outlives the app or the test run that started it.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public final class CrosslinkNeo4j {
    private CrosslinkNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CrosslinkNeo4j HOME CONFIG_FILE PASSWORD_FILE [PARENT_PID]");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path config = Path.of(args[1]);
        String password = Files.readString(Path.of(args[2])).strip();
        long parentPid = args.length > 3 ? Long.parseLong(args[3]) : 0L;

        applyPassword(home, config, password);
        DatabaseManagementService dbms =
                new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(config).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "crosslink-neo4j-shutdown"));
        System.out.println("crosslink-neo4j: started, home " + home);
        System.out.flush();

        if (parentPid > 0) {
            while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(500);
            }
            System.out.println("crosslink-neo4j: parent " + parentPid + " is gone, stopping");
            System.exit(0);
        }
        stopped.await();
    }

    /**
     * Sets the neo4j user's password with Bolt switched off, so that no client can ever log in
     * with the default password. Done again only when the password file changes.
     */
    private static void applyPassword(Path home, Path config, String password) throws Exception {
        Path applied = home.resolve("password.applied");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(password.getBytes(StandardCharsets.UTF_8)));
        if (Files.exists(applied) && Files.readString(applied).strip().equals(digest)) {
            return;
        }
        DatabaseManagementService setup = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(config)
                .setConfig(BoltConnector.enabled, false)
                .build();
        try {
            setup.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password it already has; any other failure is fatal.
            if (!String.valueOf(e.getMessage()).toLowerCase().contains("same")) {
                throw e;
            }
        } finally {
            setup.shutdown();
        }
        Files.writeString(applied, digest);
    }
}
