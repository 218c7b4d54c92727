package org.csirtdesk.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.csirtdesk.platform.control.Database;
import org.csirtdesk.platform.control.SchemaMigration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means: the schema is migrated and the database answers within {@link #LIMIT}. The check runs on a
 * thread of its own and the answer waits for it at most that long: a frozen database (or a network that swallows
 * packets) blocks a JDBC call with no time limit of its own, and a readiness probe that never answers is worse
 * than one that says "down". Only one check runs at a time; while a blocked one is still waiting, later probes
 * wait for the same one, so no threads pile up behind a frozen database.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final Duration LIMIT = Duration.ofSeconds(3);

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    SchemaMigration schema;

    private final AtomicReference<CompletableFuture<HealthCheckResponse>> running = new AtomicReference<>();

    @Override
    public HealthCheckResponse call() {
        if (!schema.isDone()) {
            return HealthCheckResponse.named("database").down().withData("schema", "not migrated").build();
        }
        CompletableFuture<HealthCheckResponse> check = running.updateAndGet(current -> current == null || current.isDone()
                ? CompletableFuture.supplyAsync(this::probe, executor) : current);
        try {
            return check.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return HealthCheckResponse.named("database").down()
                    .withData("error", "the database did not answer within " + LIMIT.toSeconds() + " s").build();
        } catch (ExecutionException e) {
            return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("database").down().withData("error", "interrupted").build();
        }
    }

    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid((int) LIMIT.toSeconds());
            return response.status(valid).withData("schema", schema.version()).build();
        } catch (SQLException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
