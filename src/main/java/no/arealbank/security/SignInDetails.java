package no.arealbank.security;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a sign-in attempt came from, kept as the authentication's details: the client address (as the
 * forward-headers strategy resolves it), the user agent, and the way in ({@code form}, {@code basic} or
 * {@code oidc}).
 */
record SignInDetails(String clientAddress, String userAgent, String method) implements Serializable {

    static final int MAX_USER_AGENT = 500;

    static SignInDetails of(HttpServletRequest request, String method) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new SignInDetails(request.getRemoteAddr(), agent, method);
    }

    /** The request being handled, e.g. where Spring Security hands over no details of its own. */
    static SignInDetails current(String method) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return of(attributes.getRequest(), method);
        }
        return new SignInDetails(null, null, method);
    }

    static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source(String method) {
        return request -> of(request, method);
    }
}
