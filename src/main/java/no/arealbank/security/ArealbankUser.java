package no.arealbank.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in user as Spring Security holds it: credentials plus the municipalities the user covers. */
record ArealbankUser(String username, String passwordHash, boolean admin, boolean enabled,
        Set<String> municipalities) implements UserDetails, AccountPrincipal {

    ArealbankUser {
        municipalities = Set.copyOf(municipalities);
    }

    @Override
    public ArealbankUser account() {
        return this;
    }

    /** Role and municipalities as they decide what the user may do (the password hash aside). */
    boolean sameAccess(ArealbankUser other) {
        return admin == other.admin && enabled == other.enabled && municipalities.equals(other.municipalities);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return admin ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_PLANNER"))
                : List.of(new SimpleGrantedAuthority("ROLE_PLANNER"));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    Actor actor() {
        return new Actor(username, admin, municipalities);
    }
}
