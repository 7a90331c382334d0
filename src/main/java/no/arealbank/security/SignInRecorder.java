package no.arealbank.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Records every sign-in Spring Security reports (form, HTTP Basic, OpenID Connect) and feeds the lockout counters:
 * a failure counts, a success resets the username's counter. A refusal because of a lock is recorded but does not
 * count, so a lock does not extend itself.
 */
@Component
class SignInRecorder {

    private final SignInLog log;
    private final SignInThrottle throttle;

    SignInRecorder(SignInLog log, SignInThrottle throttle) {
        this.log = log;
        this.throttle = throttle;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        String username = auth.getPrincipal() instanceof AccountPrincipal p ? p.account().username() : auth.getName();
        SignInDetails details = details(auth);
        if (details == null && auth.getPrincipal() instanceof ArealbankOidcUser) {
            details = SignInDetails.current("oidc");
        }
        log.record(username, "success", details);
        throttle.succeeded(username);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        Exception e = event.getException();
        SignInDetails details = details(auth);
        String outcome = outcome(e);
        log.record(auth.getName(), outcome, details);
        if (!outcome.equals("locked")) {
            throttle.failed(auth.getName(), details == null ? null : details.clientAddress());
        }
    }

    static String outcome(Exception e) {
        if (e instanceof LockedException) {
            return "locked";
        }
        if (e instanceof DisabledException) {
            return "disabled";
        }
        if (e instanceof BadCredentialsException) {
            return "bad_credentials";
        }
        return "failed";
    }

    private static SignInDetails details(Authentication auth) {
        return auth.getDetails() instanceof SignInDetails d ? d : null;
    }
}
