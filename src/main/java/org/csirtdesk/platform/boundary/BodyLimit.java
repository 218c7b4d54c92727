package org.csirtdesk.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.csirtdesk.platform.entity.DomainException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over the configured size before anything reads them: by their declared
 * length at once, and by counting when the length is not declared (chunked uploads). Monitoring reports
 * have their own, larger limit: a Pakiti snapshot of the whole federation is megabytes.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "csirt.api.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "csirt.alerts.max-body-bytes", defaultValue = "16777216")
    long maxAlertBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = request.getUriInfo().getPath().startsWith("alerts/") ? maxAlertBytes : maxBytes;
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new CountingStream(request.getEntityStream(), limit));
        }
    }

    private static DomainException tooLarge(long maxBytes) {
        return new DomainException(
                DomainException.Kind.TOO_LARGE, "The request body is larger than the limit of " + maxBytes + " bytes");
    }

    private static final class CountingStream extends FilterInputStream {
        private final long limit;
        private long count;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
