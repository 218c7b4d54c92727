package org.csirtdesk.desk.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The desk's pages are for signed-in users only: anyone else is sent to the sign-in page, which brings them back.
 * The pages hold no data (they fetch it from the API, which checks each role), and their scripts and styles stay
 * public, like the sign-in page's. Everything under {@code /desk/} that is not a script or a style counts as a
 * page, so that a path the container serves in an unexpected spelling is refused rather than let through.
 */
@WebFilter(urlPatterns = "/desk/*")
public class DeskPages extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The path the container resolved, not the raw URI: "/desk/queues.html;x=1" (a path parameter) and
        // "/desk/%71ueues.html" serve the same page as "/desk/queues.html", and must be decided the same way.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean page = !path.endsWith(".js") && !path.endsWith(".css");
        if (page && request.getUserPrincipal() == null) {
            String wanted = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
            response.sendRedirect(
                    request.getContextPath() + "/login.html?next=" + URLEncoder.encode(wanted, StandardCharsets.UTF_8));
            return;
        }
        if (page) {
            // A page must never come from a cache after its user signed out.
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
