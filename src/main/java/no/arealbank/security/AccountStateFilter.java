package no.arealbank.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session acts with the account as it is now, not as it was at sign-in: each request of a session
 * re-reads the user (one indexed query). A deactivated or removed user's session ends at once; a changed role or
 * set of municipalities applies from the next request. This works across instances sharing the database, which an
 * in-memory SessionRegistry would not. HTTP Basic requests are checked on every request by the sign-in itself.
 */
final class AccountStateFilter extends OncePerRequestFilter {

    private final UserAccounts accounts;

    AccountStateFilter(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = session == null ? null : SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal principal) {
            ArealbankUser signedIn = principal.account();
            Optional<ArealbankUser> now = accounts.findByUsername(signedIn.username());
            if (now.isEmpty() || !now.get().enabled()) {
                SecurityContextHolder.clearContext();
                session.invalidate();
            } else if (!signedIn.sameAccess(now.get())) {
                ArealbankUser updated = signedIn.withAccess(now.get().admin(), now.get().municipalities());
                Authentication replaced = principal instanceof ArealbankOidcUser oidc
                        ? new OAuth2AuthenticationToken(new ArealbankOidcUser(updated, oidc.getIdToken(),
                                oidc.getUserInfo()), updated.getAuthorities(), OidcSignIn.REGISTRATION_ID)
                        : UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(replaced);
                SecurityContextHolder.setContext(context);
                session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            }
        }
        chain.doFilter(request, response);
    }
}
