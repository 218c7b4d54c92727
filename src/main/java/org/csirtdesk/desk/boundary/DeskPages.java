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
 * public, like the sign-in page's.
 */
@WebFilter(urlPatterns = "/desk/*")
public class DeskPages extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean page = path.endsWith(".html") || path.endsWith("/");
        if (page && request.getUserPrincipal() == null) {
            String wanted = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
            response.sendRedirect(request.getContextPath() + "/login.html?next="
                    + URLEncoder.encode(wanted, StandardCharsets.UTF_8));
            return;
        }
        if (page) {
            // A page must never come from a cache after its user signed out.
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
