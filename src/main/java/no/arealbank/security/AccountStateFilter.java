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
 * in-memory SessionRegistry would not. A password reset or change ends the user's other sessions too (the session
 * that changed its own password is carried over). HTTP Basic requests are checked by the sign-in itself.
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
            if (now.isEmpty() || !now.get().enabled() || !now.get().passwordHash().equals(signedIn.passwordHash())) {
                // deactivated, removed, or the password was reset or changed elsewhere: this session is over
                SecurityContextHolder.clearContext();
                session.invalidate();
            } else if (!signedIn.sameAccess(now.get())) {
                replace(session, principal, now.get());
            }
        }
        chain.doFilter(request, response);
    }

    /** Puts {@code account} as it is now in place of the session's principal, keeping how the user signed in. */
    static void replace(HttpSession session, AccountPrincipal principal, ArealbankUser account) {
        Authentication replaced = principal instanceof ArealbankOidcUser oidc
                ? new OAuth2AuthenticationToken(new ArealbankOidcUser(account, oidc.getIdToken(), oidc.getUserInfo()),
                        account.getAuthorities(), OidcSignIn.REGISTRATION_ID)
                : UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(replaced);
        SecurityContextHolder.setContext(context);
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
    }
}
