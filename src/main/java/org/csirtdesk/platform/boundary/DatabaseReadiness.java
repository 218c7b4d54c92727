package org.csirtdesk.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.csirtdesk.platform.control.Database;
import org.csirtdesk.platform.control.SchemaMigration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready means: the schema is migrated and the database answers within {@link TimeLimitedCheck#LIMIT}. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    SchemaMigration schema;

    private final TimeLimitedCheck<HealthCheckResponse> check = new TimeLimitedCheck<>();

    @Override
    public HealthCheckResponse call() {
        if (!schema.isDone()) {
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("schema", "not migrated")
                    .build();
        }
        try {
            return check.get(this::probe, executor);
        } catch (TimeoutException e) {
            return HealthCheckResponse.named("database")
                    .down()
                    .withData(
                            "error", "the database did not answer within " + TimeLimitedCheck.LIMIT.toSeconds() + " s")
                    .build();
        } catch (ExecutionException e) {
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("error", String.valueOf(e.getCause()))
                    .build();
        } catch (RuntimeException e) {
            // The executor refused the work (shutting down, or full): the database's state is unknown, so not ready.
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("error", "the check could not run: " + e)
                    .build();
        }
    }

    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid((int) TimeLimitedCheck.LIMIT.toSeconds());
            return response.status(valid).withData("schema", schema.version()).build();
        } catch (SQLException e) {
            return response.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
