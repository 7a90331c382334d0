package no.arealbank.security;

import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * An OpenID Connect sign-in mapped to an {@code app_user}: the provider's tokens plus the account whose role and
 * municipalities decide what the person may do. Its name is the account's username, not the provider's subject.
 */
final class ArealbankOidcUser extends DefaultOidcUser implements AccountPrincipal {

    private static final long serialVersionUID = 1L;

    private final ArealbankUser account;

    ArealbankOidcUser(ArealbankUser account, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(account.getAuthorities(), idToken, userInfo, IdTokenClaimNames.SUB);
        this.account = account;
    }

    @Override
    public ArealbankUser account() {
        return account;
    }

    @Override
    public String getName() {
        return account.username();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArealbankOidcUser other && other.account.username().equals(account.username())
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
