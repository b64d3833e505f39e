package dev.sockjs.testbrokers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.postoffice.Bindings;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * ActiveMQ Artemis in the test JVM, with a STOMP acceptor on a free loopback port: {@code /queue/...} destinations
 * are queues (anycast), {@code /topic/...} ones topics (multicast), as the relay's users configure it. Persistent
 * messages are journaled in a temporary directory, deleted on close.
 */
public final class EmbeddedArtemis implements ExternalBroker {

    private final int port;
    private final String login;
    private final String passcode;
    private EmbeddedActiveMQ server;
    private final Path data;

    /** A broker that lets {@code login} in with {@code passcode}, and nobody else. */
    public EmbeddedArtemis(String login, String passcode) throws Exception {
        this.port = ExternalBroker.freePort();
        this.login = login;
        this.passcode = passcode;
        this.data = Files.createTempDirectory("artemis");
        start();
    }

    /** The broker of {@link ExternalBroker#LOGIN} and {@link ExternalBroker#PASSCODE}. */
    public EmbeddedArtemis() throws Exception {
        this(LOGIN, PASSCODE);
    }

    @Override
    public int port() {
        return port;
    }


    @Override
    public void stop() throws Exception {
        server.stop();
    }

    @Override
    public void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        // Kept across a clean stop, which is all the tests do; no disk sync per message.
        config.setJournalSyncNonTransactional(false);
        config.setJournalSyncTransactional(false);
        config.setSecurityEnabled(true);
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(data.toFile());
        config.addAcceptorConfiguration("stomp", "tcp://127.0.0.1:" + port
                + "?protocols=STOMP&anycastPrefix=/queue/&multicastPrefix=/topic/");
        server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQSecurityManager() {
            @Override
            public boolean validateUser(String user, String password) {
                return login.equals(user) && passcode.equals(password);
            }

            @Override
            public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
                return validateUser(user, password);
            }
        });
        server.start();
    }

    /** How many subscriptions (queues bound to it) the address has: one per STOMP subscription to a topic. */
    public int subscriptions(String address) throws Exception {
        Bindings bindings = server.getActiveMQServer().getPostOffice().getBindingsForAddress(SimpleString.of(address));
        return bindings == null ? 0 : bindings.getBindings().size();
    }


    /** Stops the broker (again: no harm) and deletes what it wrote. */
    @Override
    public void close() throws Exception {
        server.stop();
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> written = Files.walk(data)) {
            written.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
