package org.csirtdesk.rt.control;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Turns Fault Tolerance's exceptions into {@link RtUnavailable}. Its priority is in the application's range, below
 * Fault Tolerance's ({@code PLATFORM_AFTER + 10}), so it runs outside it and sees what it throws.
 */
@RtFailures
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class RtFailureTranslation {

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (FaultToleranceException e) {
            throw translated(invocation.getMethod().getName(), e);
        }
    }

    static RtUnavailable translated(String call, FaultToleranceException e) {
        if (e instanceof CircuitBreakerOpenException) {
            // Nothing was sent: RT failed too often lately, and the breaker waits before letting calls through.
            return new RtUnavailable("RT " + call + ": not tried, RT failed too often lately (circuit open)", false, e);
        }
        if (e instanceof TimeoutException) {
            // The call was under way when its time ran out: RT may have done it.
            return new RtUnavailable("RT " + call + ": no answer in time", true, e);
        }
        return new RtUnavailable("RT " + call + ": " + e.getMessage(), false, e);
    }
}
