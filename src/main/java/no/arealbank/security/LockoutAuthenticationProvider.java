package no.arealbank.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Username and password sign-in (form and HTTP Basic) that first asks the {@link SignInThrottle}: a locked username
 * or client address is refused before the password is even checked, with a {@link LockedException} so that the page
 * can say why. Unknown usernames lock like known ones, so a lock tells nothing about who exists.
 */
final class LockoutAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    LockoutAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof SignInDetails d ? d.clientAddress() : null;
        if (throttle.isLocked(authentication.getName(), address)) {
            throw new LockedException("Too many failed sign-ins; try again later");
        }
        return passwords.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
